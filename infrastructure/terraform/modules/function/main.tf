# One Lambda function as the SAM template's Globals make it: nodejs22.x on arm64, index.handler, active
# tracing, its own log group with a retention, a role with only its statements, and a `live` alias that
# every route, integration and event source targets.

data "aws_partition" "current" {}

locals {
  managed_policy_arns = concat(
    [
      "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXrayWriteOnlyAccess",
    ],
    var.extra_managed_policy_arns,
  )
}

# Created before the function (not by Lambda on first write) so it has a retention and goes with the stack.
resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# The boundary caps what the role's policies can grant, and the per-environment deploy role
# (deploy-role.yaml) creates and changes roles only when they carry it.
resource "aws_iam_role" "this" {
  name                 = "${var.name}-role"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  permissions_boundary = var.permissions_boundary
}

resource "aws_iam_role_policy_attachment" "managed" {
  for_each   = toset(local.managed_policy_arns)
  role       = aws_iam_role.this.name
  policy_arn = each.value
}

data "aws_iam_policy_document" "own" {
  dynamic "statement" {
    for_each = var.policy_statements
    content {
      sid       = statement.value.sid
      effect    = "Allow"
      actions   = statement.value.actions
      resources = statement.value.resources
      dynamic "condition" {
        for_each = flatten([
          for test, variables in coalesce(statement.value.condition, {}) : [
            for variable, value in variables : { test = test, variable = variable, values = [value] }
          ]
        ])
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_role_policy" "own" {
  name   = "${var.name}-policy"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.own.json
}

resource "aws_lambda_function" "this" {
  function_name    = var.name
  description      = var.description
  filename         = var.zip_path
  source_code_hash = filebase64sha256(var.zip_path)
  handler          = "index.handler"
  runtime          = "nodejs22.x"
  architectures    = ["arm64"]
  memory_size      = var.memory_size
  timeout          = var.timeout
  role             = aws_iam_role.this.arn
  # Each change publishes a version, which `live` (or the canary controller, in production) moves to.
  publish = true

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  environment {
    variables = var.environment
  }

  depends_on = [aws_iam_role_policy_attachment.managed, aws_iam_role_policy.own]
}

# Outside production, `live` follows every published version at once (SAM's AllAtOnce).
resource "aws_lambda_alias" "live" {
  count            = var.canary_managed ? 0 : 1
  name             = "live"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

# In production Terraform creates `live` and then leaves it to the canary controller
# (src/deploy/canary), which shifts 10 % to the new version, watches the alarms, then promotes or reverts.
resource "aws_lambda_alias" "live_canary" {
  count            = var.canary_managed ? 1 : 0
  name             = "live"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version

  lifecycle {
    ignore_changes = [function_version, routing_config]
  }
}
