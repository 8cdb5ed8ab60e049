locals {
  alias = var.canary_managed ? aws_lambda_alias.live_canary[0] : aws_lambda_alias.live[0]
}

output "function_name" {
  value = aws_lambda_function.this.function_name
}

output "function_arn" {
  value = aws_lambda_function.this.arn
}

output "published_version" {
  description = "The version this apply published (what the canary controller shifts `live` to)."
  value       = aws_lambda_function.this.version
}

output "alias_name" {
  value = local.alias.name
}

output "alias_arn" {
  value = local.alias.arn
}

output "alias_invoke_arn" {
  value = local.alias.invoke_arn
}

output "role_name" {
  value = aws_iam_role.this.name
}

output "environment_names" {
  description = "The names of the function's environment variables (their values may be secret or unknown until apply)."
  value       = sort(keys(var.environment))
}
