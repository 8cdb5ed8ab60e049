output "user_pool_id" {
  value = aws_cognito_user_pool.this.id
}

output "web_client_id" {
  value = aws_cognito_user_pool_client.web.id
}

output "smoke_client_id" {
  value = aws_cognito_user_pool_client.smoke.id
}

output "issuer" {
  description = "The OpenID Connect issuer of the pool (discovery at /.well-known/openid-configuration)."
  value       = "https://cognito-idp.${data.aws_region.current.name}.amazonaws.com/${aws_cognito_user_pool.this.id}"
}

output "sign_in_domain" {
  description = "Cognito's managed login pages (sign-up, sign-in, /logout). From the prefix, not the domain resource, so the site's CSP can name it while the web client names the site."
  value       = local.sign_in_domain
}
