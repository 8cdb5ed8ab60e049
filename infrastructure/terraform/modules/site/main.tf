# The hosted web client: built and uploaded by the deploy (src/deploy/site/publish-site.ts), served from a
# private bucket through CloudFront. Hashed assets are cached for a year; index.html and the runtime config
# are never cached, so a deploy shows at once.

data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  region = data.aws_region.current.name
  # The site's origin: its own name, else CloudFront's (none without a distribution, i.e. under moto).
  origins = var.domain_name != "" ? ["https://${var.domain_name}"] : [for d in aws_cloudfront_distribution.site : "https://${d.domain_name}"]
}

# Only build output lives here: the deploy uploads it again, so a destroy may empty it.
module "bucket" {
  source           = "../private-bucket"
  name             = "${var.name}-site"
  force_destroy    = true
  policy_documents = data.aws_iam_policy_document.cloudfront_reads[*].json
}

# Only this stack's distribution reads the bucket (origin access control).
data "aws_iam_policy_document" "cloudfront_reads" {
  count = length(aws_cloudfront_distribution.site)
  statement {
    sid     = "CloudFrontReadsThroughOac"
    actions = ["s3:GetObject"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    resources = ["${module.bucket.arn}/*"]
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.site[count.index].arn]
    }
  }
}

resource "aws_cloudfront_origin_access_control" "site" {
  name                              = "${var.name}-site"
  description                       = "CloudFront signs its reads of the site bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# The origin's Cache-Control decides (the deploy sets `immutable` on hashed assets, `no-cache` on the
# rest); min TTL 0 so `no-cache` really means no cache.
resource "aws_cloudfront_cache_policy" "site" {
  count       = var.create_cdn ? 1 : 0
  name        = "${var.name}-site"
  comment     = "Follows the object's Cache-Control"
  min_ttl     = 0
  default_ttl = 0
  max_ttl     = 31536000
  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_gzip   = true
    enable_accept_encoding_brotli = true
    cookies_config {
      cookie_behavior = "none"
    }
    headers_config {
      header_behavior = "none"
    }
    query_strings_config {
      query_string_behavior = "none"
    }
  }
}

# What the browser may load: the site itself, the region's API Gateway endpoints (REST and WebSocket), the
# region's S3 (presigned image reads and uploads) and the sign-in domain. The APIs and the uploads bucket
# are named by region, not by id: their CORS lists the site's origin, so naming them here would be a cycle.
resource "aws_cloudfront_response_headers_policy" "site" {
  count   = var.create_cdn ? 1 : 0
  name    = "${var.name}-site-headers"
  comment = "Security headers and the Content-Security-Policy of the web client"
  security_headers_config {
    content_security_policy {
      override = true
      content_security_policy = join("; ", concat([
        "default-src 'self'",
        join(" ", concat(["script-src 'self'"], var.script_origins)),
        "style-src 'self'",
        "img-src 'self' data: https://*.s3.${local.region}.amazonaws.com",
        ], [for frame in [join(" ", concat(["frame-src"], var.frame_origins))] : frame if length(var.frame_origins) > 0], [
        join(" ", concat([
          "connect-src 'self'",
          "https://*.execute-api.${local.region}.amazonaws.com",
          "wss://*.execute-api.${local.region}.amazonaws.com",
          "https://*.s3.${local.region}.amazonaws.com",
        ], var.connect_origins)),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ]))
    }
    strict_transport_security {
      override                   = true
      access_control_max_age_sec = 63072000
      include_subdomains         = true
    }
    content_type_options {
      override = true
    }
    frame_options {
      override     = true
      frame_option = "DENY"
    }
    referrer_policy {
      override        = true
      referrer_policy = "strict-origin-when-cross-origin"
    }
  }
}

resource "aws_cloudfront_distribution" "site" {
  count               = var.create_cdn ? 1 : 0
  enabled             = true
  comment             = "${var.name} web client"
  default_root_object = "index.html"
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  price_class         = "PriceClass_100"
  aliases             = var.domain_name != "" ? [var.domain_name] : []

  viewer_certificate {
    cloudfront_default_certificate = var.domain_name == ""
    acm_certificate_arn            = var.domain_name != "" ? var.certificate_arn : null
    ssl_support_method             = var.domain_name != "" ? "sni-only" : null
    minimum_protocol_version       = var.domain_name != "" ? "TLSv1.2_2021" : null
  }

  origin {
    origin_id                = "site-bucket"
    domain_name              = module.bucket.regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.site.id
  }

  default_cache_behavior {
    target_origin_id           = "site-bucket"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = aws_cloudfront_cache_policy.site[0].id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.site[0].id
  }

  # A path the bucket does not have (a deep link) is the app's to route: index.html, 200. The bucket answers
  # 403 for a missing key, as CloudFront may not list it.
  dynamic "custom_error_response" {
    for_each = [403, 404]
    content {
      error_code            = custom_error_response.value
      response_code         = 200
      response_page_path    = "/index.html"
      error_caching_min_ttl = 0
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
}

# Where these lived before the private-bucket module: moved, so an existing state keeps its bucket.

moved {
  from = aws_s3_bucket.site
  to   = module.bucket.aws_s3_bucket.this
}

moved {
  from = aws_s3_bucket_public_access_block.site
  to   = module.bucket.aws_s3_bucket_public_access_block.this
}

moved {
  from = aws_s3_bucket_ownership_controls.site
  to   = module.bucket.aws_s3_bucket_ownership_controls.this
}

moved {
  from = aws_s3_bucket_server_side_encryption_configuration.site
  to   = module.bucket.aws_s3_bucket_server_side_encryption_configuration.this
}

moved {
  from = aws_s3_bucket_policy.site
  to   = module.bucket.aws_s3_bucket_policy.this
}
