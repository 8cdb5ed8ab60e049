# Image uploads: browsers PUT to presigned URLs and GET presigned reads directly.

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "uploads" {
  # Bucket names are global: the account id keeps two accounts' environments apart.
  bucket = "${var.name}-uploads-${data.aws_caller_identity.current.account_id}"
  # Outside production a destroy takes the images with it, as the SAM stack's DeletionPolicy: Delete does.
  force_destroy = !var.production
}

resource "aws_s3_bucket_public_access_block" "uploads" {
  bucket                  = aws_s3_bucket.uploads.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
    bucket_key_enabled = true
  }
}

# x-amz-tagging is signed into the PUT so every upload starts out `pending`.
resource "aws_s3_bucket_cors_configuration" "uploads" {
  # S3 refuses a rule without origins; there is always the site's but under moto (no distribution), where
  # an environment may list none.
  count  = length(var.allowed_origins) > 0 ? 1 : 0
  bucket = aws_s3_bucket.uploads.id
  cors_rule {
    allowed_origins = var.allowed_origins
    allowed_methods = ["PUT", "GET"]
    allowed_headers = ["content-type", "content-length", "x-amz-tagging"]
    expose_headers  = ["ETag"]
    max_age_seconds = 600
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id

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

data "aws_iam_policy_document" "tls_only" {
  statement {
    sid     = "TlsOnly"
    effect  = "Deny"
    actions = ["s3:*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    resources = [aws_s3_bucket.uploads.arn, "${aws_s3_bucket.uploads.arn}/*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  policy = data.aws_iam_policy_document.tls_only.json
  # S3 refuses a bucket policy while the public access block is being written.
  depends_on = [aws_s3_bucket_public_access_block.uploads]
}
