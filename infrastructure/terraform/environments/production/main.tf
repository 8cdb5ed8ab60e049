# blogapp production: its own state (key below) in the bucket the bootstrap root created; the bucket name is
# given at init (-backend-config=bucket=..., which `npm run deploy -- --engine terraform` passes from
# TF_STATE_BUCKET). S3-native locking (use_lockfile) needs no DynamoDB table.
terraform {
  required_version = ">= 1.10.0, < 2.0.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }

  # workspace_key_prefix: the backend lists the workspaces at every init, under this environment's own
  # prefix, which is all of the state bucket its deploy role may list (deploy-role.yaml).
  backend "s3" {
    key                  = "blogapp/production/terraform.tfstate"
    workspace_key_prefix = "blogapp/production/workspaces"
    region               = "us-east-1"
    encrypt              = true
    use_lockfile         = true
  }
}

locals {
  environment = "production"
}

# The same settings as samconfig.toml's [production.deploy.parameters]: the stack creates its own Cognito user
# pool and hosts the web client, whose origin the API allows without being listed. auth_provider = "firebase"
# (firebase_project_id) or "cognito" (cognito_user_pool_id, cognito_client_id) use an identity provider you
# already have instead; site_domain_name/site_certificate_arn and api_domain_name/api_certificate_arn put
# the site and the API on names of your own.
module "stack" {
  source             = "../../modules/stack"
  environment        = local.environment
  auth_provider      = "managed-cognito"
  log_retention_days = 90
  # alarm_email       = "you@example.com"
  app_version                 = var.app_version
  bundle_dir                  = var.bundle_dir
  create_websocket_deployment = var.create_websocket_deployment
  create_site_cdn             = var.create_site_cdn
}
