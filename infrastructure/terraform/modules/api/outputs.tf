output "api_id" {
  value = aws_apigatewayv2_api.http.id
}

output "api_endpoint" {
  description = "https://<id>.execute-api.<region>.amazonaws.com (no trailing slash)."
  value       = aws_apigatewayv2_api.http.api_endpoint
}

output "route_keys" {
  value = sort(keys(aws_apigatewayv2_route.this))
}

output "function" {
  value = module.function
}

output "custom_url" {
  value = var.domain_name != "" ? "https://${var.domain_name}" : null
}

output "domain_target" {
  description = "Point domain_name's DNS (CNAME or alias) here."
  value       = one(aws_apigatewayv2_domain_name.custom[*].domain_name_configuration[0].target_domain_name)
}
