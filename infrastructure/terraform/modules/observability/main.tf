# Alarms to one SNS topic, and one dashboard, the same as the SAM template's.

data "aws_region" "current" {}

# Not KMS-encrypted: CloudWatch cannot publish to a topic under the AWS-managed SNS key.
resource "aws_sns_topic" "alarms" {
  name         = "${var.name}-alarms"
  display_name = "blogapp ${var.environment} alarms"
}

resource "aws_sns_topic_subscription" "email" {
  count     = var.alarm_email == "" ? 0 : 1
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

locals {
  actions = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "http_5xx" {
  alarm_name          = "${var.name}-http-api-5xx"
  alarm_description   = "The REST API answered 5xx (server errors) in 2 of the last 3 minutes."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  dimensions          = { ApiId = var.http_api_id, Stage = "$default" }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  threshold           = 5
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

# One alarm over all four functions (metric math), so a canary of any of them rolls back on any error.
# Failures and throttles are the same alarm over another Lambda metric, summed across the four functions.
locals {
  function_sum_alarms = {
    errors = {
      metric      = "Errors"
      description = "A function failed invocations in 2 of the last 3 minutes."
      threshold   = 3
    }
    throttles = {
      metric      = "Throttles"
      description = "Lambda throttled a function (account or reserved concurrency exhausted)."
      threshold   = 1
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "function_sum" {
  for_each            = local.function_sum_alarms
  alarm_name          = "${var.name}-function-${each.key}"
  alarm_description   = each.value.description
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  metric_query {
    id          = each.key
    expression  = "SUM([api, websocket, stream, broadcast])"
    label       = "${each.value.metric} (all functions)"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = var.function_names
    content {
      id = metric_query.key
      metric {
        namespace   = "AWS/Lambda"
        metric_name = each.value.metric
        dimensions  = { FunctionName = metric_query.value }
        stat        = "Sum"
        period      = 60
      }
    }
  }
}

moved {
  from = aws_cloudwatch_metric_alarm.function_errors
  to   = aws_cloudwatch_metric_alarm.function_sum["errors"]
}

moved {
  from = aws_cloudwatch_metric_alarm.function_throttles
  to   = aws_cloudwatch_metric_alarm.function_sum["throttles"]
}

# The request-serving functions share a 10 s timeout; 3 s at p99 is already slow.
resource "aws_cloudwatch_metric_alarm" "function_duration" {
  alarm_name          = "${var.name}-function-duration"
  alarm_description   = "p99 duration of the REST or WebSocket function above 3 s for 3 minutes."
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  threshold           = 3000
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  metric_query {
    id          = "slowest"
    expression  = "MAX([api, websocket])"
    label       = "p99 duration, slowest request-serving function (ms)"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = { api = var.function_names.api, websocket = var.function_names.websocket }
    content {
      id = metric_query.key
      metric {
        namespace   = "AWS/Lambda"
        metric_name = "Duration"
        dimensions  = { FunctionName = metric_query.value }
        stat        = "p99"
        period      = 60
      }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "comment_stream_failures" {
  alarm_name          = "${var.name}-comment-stream-failures"
  alarm_description   = "Comment pushes were given up on; their stream records wait in the failure queue."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = var.failure_queue_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_dashboard" "main" {
  dashboard_name = var.name
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title   = "REST API requests and errors", region = data.aws_region.current.name, stat = "Sum", period = 60
          metrics = [for metric in ["Count", "4xx", "5xx"] : ["AWS/ApiGateway", metric, "ApiId", var.http_api_id, "Stage", "$default"]]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title = "REST API latency (p99, ms)", region = data.aws_region.current.name, stat = "p99", period = 60
          metrics = [
            ["AWS/ApiGateway", "Latency", "ApiId", var.http_api_id, "Stage", "$default"],
            ["AWS/Lambda", "Duration", "FunctionName", var.function_names.api],
            ["AWS/Lambda", "Duration", "FunctionName", var.function_names.websocket],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title = "Function errors and throttles", region = data.aws_region.current.name, stat = "Sum", period = 60
          metrics = concat(
            [for name in values(var.function_names) : ["AWS/Lambda", "Errors", "FunctionName", name]],
            [for name in [var.function_names.api, var.function_names.stream] : ["AWS/Lambda", "Throttles", "FunctionName", name]],
          )
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title = "Live comments (connections, stream lag, failures)", region = data.aws_region.current.name, period = 60
          metrics = [
            ["AWS/ApiGateway", "ConnectCount", "ApiId", var.websocket_api_id, "Stage", var.environment, { stat = "Sum" }],
            ["AWS/ApiGateway", "MessageCount", "ApiId", var.websocket_api_id, "Stage", var.environment, { stat = "Sum" }],
            ["AWS/Lambda", "IteratorAge", "FunctionName", var.function_names.stream, { stat = "Maximum" }],
            ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", var.failure_queue_name, { stat = "Maximum" }],
          ]
        }
      },
      {
        type = "alarm", x = 0, y = 12, width = 24, height = 3
        properties = {
          title = "Alarms"
          alarms = [
            aws_cloudwatch_metric_alarm.http_5xx.arn,
            aws_cloudwatch_metric_alarm.function_sum["errors"].arn,
            aws_cloudwatch_metric_alarm.function_sum["throttles"].arn,
            aws_cloudwatch_metric_alarm.function_duration.arn,
            aws_cloudwatch_metric_alarm.comment_stream_failures.arn,
          ]
        }
      },
    ]
  })
}
