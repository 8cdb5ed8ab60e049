# Live comments: the WebSocket API and its function, the comment stream's broadcaster fed by the main
# table's stream (with its failure queue), and the broadcast function behind POST /broadcast/comments.

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  management_endpoint = "https://${aws_apigatewayv2_api.websocket.id}.execute-api.${data.aws_region.current.name}.amazonaws.com/${var.environment}"
  # The shared variables plus the management endpoint. Not merge(): with the API id unknown until it
  # exists, merge() makes the whole map unknown, and plans would no longer show the variables' names.
  environment = {
    for name in concat(keys(var.function_environment), ["APP_WEBSOCKET_MANAGEMENT_ENDPOINT"]) :
    name => name == "APP_WEBSOCKET_MANAGEMENT_ENDPOINT" ? local.management_endpoint : var.function_environment[name]
  }
  connections = [var.connections_table_arn, "${var.connections_table_arn}/index/*"]
  push = {
    sid     = "Push"
    actions = ["execute-api:ManageConnections"]
    resources = [
      for method in ["POST", "DELETE"] :
      "arn:${data.aws_partition.current.partition}:execute-api:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:${aws_apigatewayv2_api.websocket.id}/${var.environment}/${method}/@connections/*"
    ]
  }
  subscribers = {
    sid       = "Subscribers"
    actions   = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]
    resources = local.connections
  }
}

# ------------------------------------------------------------------------------------- WebSocket API
# Clients send {"action":"subscribe",...}; no route matches an action, so every message reaches $default,
# whose handler answers through the route response.
resource "aws_apigatewayv2_api" "websocket" {
  name                       = "${var.name}-live"
  description                = "blogapp live comments"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

module "websocket_function" {
  source               = "../function"
  name                 = "${var.name}-websocket"
  description          = "WebSocket API $connect, $disconnect and $default"
  zip_path             = var.function_zips.websocket
  environment          = local.environment
  log_retention_days   = var.log_retention_days
  canary_managed       = var.canary_managed
  permissions_boundary = var.permissions_boundary
  policy_statements = [
    {
      sid = "Connections"
      actions = [
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query",
        "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
      ]
      resources = local.connections
    },
    # Subscribing checks that the post exists.
    { sid = "PostExists", actions = ["dynamodb:GetItem"], resources = [var.table_arn] },
  ]
}

resource "aws_apigatewayv2_integration" "websocket" {
  api_id           = aws_apigatewayv2_api.websocket.id
  integration_type = "AWS_PROXY"
  integration_uri  = module.websocket_function.alias_invoke_arn
}

resource "aws_apigatewayv2_route" "websocket" {
  for_each  = toset(["$connect", "$disconnect", "$default"])
  api_id    = aws_apigatewayv2_api.websocket.id
  route_key = each.key
  target    = "integrations/${aws_apigatewayv2_integration.websocket.id}"
  # Two-way $default: without a route response API Gateway drops what the handler returns.
  route_response_selection_expression = each.key == "$default" ? "$default" : null
}

resource "aws_apigatewayv2_route_response" "default" {
  api_id             = aws_apigatewayv2_api.websocket.id
  route_id           = aws_apigatewayv2_route.websocket["$default"].id
  route_response_key = "$default"
}

resource "aws_lambda_permission" "websocket" {
  statement_id  = "AllowWebSocketApi"
  action        = "lambda:InvokeFunction"
  function_name = module.websocket_function.function_name
  qualifier     = module.websocket_function.alias_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.websocket.execution_arn}/*"
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${var.name}-websocket-api"
  retention_in_days = var.log_retention_days
}

# A WebSocket stage serves only what a deployment froze; a new one whenever a route or integration changes.
resource "aws_apigatewayv2_deployment" "websocket" {
  count  = var.create_websocket_deployment ? 1 : 0
  api_id = aws_apigatewayv2_api.websocket.id
  triggers = {
    routes = sha1(jsonencode([
      aws_apigatewayv2_integration.websocket,
      aws_apigatewayv2_route.websocket,
      aws_apigatewayv2_route_response.default,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_apigatewayv2_stage" "websocket" {
  api_id        = aws_apigatewayv2_api.websocket.id
  name          = var.environment
  deployment_id = var.create_websocket_deployment ? aws_apigatewayv2_deployment.websocket[0].id : null

  default_route_settings {
    throttling_rate_limit  = var.throttling.rate_limit
    throttling_burst_limit = var.throttling.burst_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId        = "$context.requestId"
      ip               = "$context.identity.sourceIp"
      connectionId     = "$context.connectionId"
      eventType        = "$context.eventType"
      routeKey         = "$context.routeKey"
      status           = "$context.status"
      integrationError = "$context.integrationErrorMessage"
    })
  }
}

# ----------------------------------------------------------------------------------- comment stream
# Stream batches the broadcaster gave up on (after retries and bisection), kept for inspection.
resource "aws_sqs_queue" "comment_stream_failures" {
  name                      = "${var.name}-comment-stream-failures"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

module "comment_stream_function" {
  source               = "../function"
  name                 = "${var.name}-comment-stream"
  description          = "From the table's stream, pushes comment changes to subscribers, sweeps deleted posts and copies renames"
  zip_path             = var.function_zips.comment_stream
  timeout              = 60
  environment          = local.environment
  log_retention_days   = var.log_retention_days
  canary_managed       = var.canary_managed
  permissions_boundary = var.permissions_boundary
  # What SAM attaches for a DynamoDB event: reading the stream.
  extra_managed_policy_arns = [
    "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole",
  ]
  policy_statements = [
    local.subscribers,
    local.push,
    {
      sid       = "FailureDestination"
      actions   = ["sqs:SendMessage"]
      resources = [aws_sqs_queue.comment_stream_failures.arn]
    },
    # A deleted post's sweep (Query its partition, batch-delete) and renames (Query GSI2 by author,
    # UpdateItem each post and comment).
    {
      sid       = "SweepAndRename"
      actions   = ["dynamodb:Query", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem"]
      resources = [var.table_arn, "${var.table_arn}/index/*"]
    },
    # A comment's removal with readers checks that its post still exists: once it is gone, the readers are
    # only let go (they were told of the post).
    { sid = "PostExists", actions = ["dynamodb:GetItem"], resources = [var.table_arn] },
    { sid = "SweepImages", actions = ["s3:DeleteObject"], resources = ["${var.uploads_bucket_arn}/images/*"] },
  ]
}

resource "aws_lambda_event_source_mapping" "comments" {
  event_source_arn                   = var.table_stream_arn
  function_name                      = module.comment_stream_function.alias_arn
  starting_position                  = "LATEST"
  batch_size                         = 100
  maximum_batching_window_in_seconds = 1
  # The handler names the records it could not push; a failing batch is halved until the bad record is
  # alone, and a push older than 10 minutes is no longer worth delivering.
  function_response_types        = ["ReportBatchItemFailures"]
  bisect_batch_on_function_error = true
  maximum_retry_attempts         = 5
  maximum_record_age_in_seconds  = 600

  # Comment inserts and removals (pushes), post removals (the sweep) and profile edits (renames); post
  # edits, favorites and claims never wake it.
  filter_criteria {
    filter {
      pattern = jsonencode({
        eventName = ["INSERT", "REMOVE"]
        dynamodb  = { Keys = { sk = { S = [{ prefix = "COMMENT#" }] } } }
      })
    }
    filter {
      pattern = jsonencode({ eventName = ["REMOVE"], dynamodb = { Keys = { sk = { S = ["#POST"] } } } })
    }
    filter {
      pattern = jsonencode({ eventName = ["MODIFY"], dynamodb = { Keys = { sk = { S = ["PROFILE"] } } } })
    }
  }

  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.comment_stream_failures.arn
    }
  }
}

# ------------------------------------------------------------------------------------------ broadcast
module "broadcast_function" {
  source               = "../function"
  name                 = "${var.name}-broadcast"
  description          = "POST /broadcast/comments (IAM-authorised) pushes a message to subscribers"
  zip_path             = var.function_zips.broadcast
  environment          = local.environment
  log_retention_days   = var.log_retention_days
  canary_managed       = var.canary_managed
  permissions_boundary = var.permissions_boundary
  policy_statements    = [local.subscribers, local.push]
}
