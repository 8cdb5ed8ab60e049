# The REST front door: one HTTP API whose routes reach the `live` alias of the API function ($default: every
# request no other route takes) and of the broadcast function (POST /broadcast/comments, which alone requires
# SigV4; other methods on its path fall to $default).

module "function" {
  source               = "../function"
  name                 = "${var.name}-api"
  description          = "REST API (Hono) behind the HTTP API"
  zip_path             = var.function_zip
  environment          = var.function_environment
  log_retention_days   = var.log_retention_days
  canary_managed       = var.canary_managed
  permissions_boundary = var.permissions_boundary
  policy_statements = [
    # Transactions are authorised per item action (TransactWriteItems needs these, not its own).
    {
      sid = "MainTable"
      actions = [
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
        "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
      ]
      resources = [var.table_arn, "${var.table_arn}/index/*"]
    },
    # Presigned PUTs carry the caller's rights: PutObject and PutObjectTagging (the pending tag);
    # GetObject for the ranged sniff and presigned reads; retagging on attach; deletes.
    {
      sid       = "Uploads"
      actions   = ["s3:PutObject", "s3:PutObjectTagging", "s3:GetObject", "s3:DeleteObject"]
      resources = ["${var.uploads_bucket_arn}/uploads/*"]
    },
    # Without ListBucket S3 answers a missing key with 403, which the app would take for an outage.
    {
      sid       = "UploadsNotFound"
      actions   = ["s3:ListBucket"]
      resources = [var.uploads_bucket_arn]
      condition = { StringLike = { "s3:prefix" = "uploads/*" } }
    },
  ]
}

resource "aws_apigatewayv2_api" "http" {
  name          = "${var.name}-http"
  description   = "blogapp REST API"
  protocol_type = "HTTP"

  cors_configuration {
    allow_origins  = var.allowed_origins
    allow_headers  = ["authorization", "content-type", "if-match", "idempotency-key", "x-request-id", "x-correlation-id"]
    allow_methods  = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    expose_headers = ["etag", "location", "retry-after", "x-request-id"]
    max_age        = 600
  }
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${var.name}-http-api"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit  = var.throttling.rate_limit
    throttling_burst_limit = var.throttling.burst_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId        = "$context.requestId"
      ip               = "$context.identity.sourceIp"
      method           = "$context.httpMethod"
      path             = "$context.path"
      status           = "$context.status"
      latencyMs        = "$context.responseLatency"
      integrationError = "$context.integrationErrorMessage"
      userAgent        = "$context.identity.userAgent"
    })
  }
}

locals {
  # Every request no other route takes goes to the app, so an unknown path or method still gets the contract's
  # 404 or 405 with an x-request-id instead of API Gateway's own {"message":"Not Found"}. The app routes
  # /api/*, /health, /docs and /openapi.json itself; as in the SAM template, no route of their own.
  api_routes = {
    "$default" = {
      function_name    = module.function.function_name
      alias_name       = module.function.alias_name
      alias_invoke_arn = module.function.alias_invoke_arn
      authorization    = "NONE"
    }
  }
  routes = merge(local.api_routes, var.extra_routes)
  # One integration and one invoke permission per function, shared by its routes.
  targets = { for key, route in local.routes : route.function_name => route... }
}

resource "aws_apigatewayv2_integration" "function" {
  for_each               = local.targets
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = each.value[0].alias_invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "this" {
  for_each           = local.routes
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.function[each.value.function_name].id}"
  authorization_type = each.value.authorization
}

resource "aws_lambda_permission" "invoke" {
  for_each      = local.targets
  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = each.key
  qualifier     = each.value[0].alias_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*"
}

# The REST API on a name of your own (optional): a regional custom domain mapped to the $default stage. DNS
# is yours to point at the domain_target output.
resource "aws_apigatewayv2_domain_name" "custom" {
  count       = var.domain_name != "" ? 1 : 0
  domain_name = var.domain_name
  domain_name_configuration {
    certificate_arn = var.certificate_arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

resource "aws_apigatewayv2_api_mapping" "custom" {
  count       = var.domain_name != "" ? 1 : 0
  api_id      = aws_apigatewayv2_api.http.id
  domain_name = aws_apigatewayv2_domain_name.custom[0].id
  stage       = aws_apigatewayv2_stage.default.id
}
