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
