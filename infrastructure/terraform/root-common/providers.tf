# Shared by every environments/<env> root (each links this file): the AWS provider, optionally pointed at
# an emulator. Only the tests set aws_endpoint_url (moto_server on loopback); left null, the provider
# talks to AWS with the usual credential chain.

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "aws_endpoint_url" {
  description = "Tests only: send every AWS call to this endpoint (moto_server), skipping AWS-only checks."
  type        = string
  default     = null
}

variable "bundle_dir" {
  description = "Absolute path of the directory holding <LogicalId>.zip per function (written by the deploy CLI)."
  type        = string
}

variable "app_version" {
  description = "Reported by /api/health; the deploy CLI passes the git revision."
  type        = string
  default     = "0.1.0"
}

variable "create_websocket_deployment" {
  description = "Tests only: false against moto, which has no ApiGatewayV2 deployments."
  type        = bool
  default     = true
}

variable "create_site_cdn" {
  description = "Tests only: false against moto, which has no CloudFront cache or response headers policies."
  type        = bool
  default     = true
}

locals {
  emulated = var.aws_endpoint_url != null
}

provider "aws" {
  region                      = var.region
  skip_credentials_validation = local.emulated
  skip_metadata_api_check     = local.emulated
  skip_region_validation      = local.emulated
  s3_use_path_style           = local.emulated

  endpoints {
    apigatewayv2   = var.aws_endpoint_url
    cloudfront     = var.aws_endpoint_url
    cloudwatch     = var.aws_endpoint_url
    cloudwatchlogs = var.aws_endpoint_url
    cognitoidp     = var.aws_endpoint_url
    dynamodb       = var.aws_endpoint_url
    iam            = var.aws_endpoint_url
    lambda         = var.aws_endpoint_url
    s3             = var.aws_endpoint_url
    secretsmanager = var.aws_endpoint_url
    sns            = var.aws_endpoint_url
    sqs            = var.aws_endpoint_url
    sts            = var.aws_endpoint_url
  }

  default_tags {
    tags = { project = "blogapp", environment = local.environment }
  }
}
