output "origins" {
  description = "The site's origin (https://host), for CORS and the functions; empty only without a distribution (moto)."
  value       = local.origins
}

output "url" {
  value = one(local.origins)
}

output "bucket_name" {
  value = module.bucket.bucket
}

output "distribution_id" {
  value = one(aws_cloudfront_distribution.site[*].id)
}

output "distribution_domain" {
  value = one(aws_cloudfront_distribution.site[*].domain_name)
}

output "content_security_policy" {
  description = "The web client's Content-Security-Policy, as CloudFront adds it (null without a distribution)."
  value       = one(aws_cloudfront_response_headers_policy.site[*].security_headers_config[0].content_security_policy[0].content_security_policy)
}
