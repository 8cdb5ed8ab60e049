# Image uploads: browsers PUT to presigned URLs and GET presigned reads directly.

module "bucket" {
  source = "../private-bucket"
  name   = "${var.name}-uploads"
  # Outside production a destroy takes the images with it, as the SAM stack's DeletionPolicy: Delete does.
  force_destroy = !var.production
}

# x-amz-tagging is signed into the PUT so every upload starts out `pending`.
resource "aws_s3_bucket_cors_configuration" "uploads" {
  # S3 refuses a rule without origins; there is always the site's but under moto (no distribution), where
  # an environment may list none.
  count  = length(var.allowed_origins) > 0 ? 1 : 0
  bucket = module.bucket.id
  cors_rule {
    allowed_origins = var.allowed_origins
    allowed_methods = ["PUT", "GET"]
    allowed_headers = ["content-type", "content-length", "x-amz-tagging"]
    expose_headers  = ["ETag"]
    max_age_seconds = 600
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "uploads" {
  bucket = module.bucket.id

  # An upload never attached to a post keeps its `pending` tag and is gone a day later.
  rule {
    id     = "ExpireAbandonedUploads"
    status = "Enabled"
    filter {
      tag {
        key   = "blogapp-state"
        value = "pending"
      }
    }
    expiration {
      days = 1
    }
  }

  rule {
    id     = "AbortIncompleteMultipartUploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

# Where these lived before the private-bucket module: moved, so an existing state keeps its bucket.

moved {
  from = aws_s3_bucket.uploads
  to   = module.bucket.aws_s3_bucket.this
}

moved {
  from = aws_s3_bucket_public_access_block.uploads
  to   = module.bucket.aws_s3_bucket_public_access_block.this
}

moved {
  from = aws_s3_bucket_ownership_controls.uploads
  to   = module.bucket.aws_s3_bucket_ownership_controls.this
}

moved {
  from = aws_s3_bucket_server_side_encryption_configuration.uploads
  to   = module.bucket.aws_s3_bucket_server_side_encryption_configuration.this
}

moved {
  from = aws_s3_bucket_policy.uploads
  to   = module.bucket.aws_s3_bucket_policy.this
}
