output "bucket_name" {
  value = module.bucket.bucket
}

output "bucket_arn" {
  value = module.bucket.arn
}
