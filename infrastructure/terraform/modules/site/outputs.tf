output "origins" {
  description = "The site's origin (https://host), for CORS and the functions; empty only without a distribution (moto)."
  value       = local.origins
}

output "url" {
  value = one(local.origins)
}

output "bucket_name" {
  value = aws_s3_bucket.site.bucket
}

output "distribution_id" {
  value = one(aws_cloudfront_distribution.site[*].id)
}

output "distribution_domain" {
  value = one(aws_cloudfront_distribution.site[*].domain_name)
}
