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

  backend "s3" {
    key          = "blogapp/production/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}

locals {
  environment = "production"
}

# The same settings as samconfig.toml's [production.deploy.parameters]; replace the placeholder origins and
# Firebase project id with yours before the first deploy.
module "stack" {
  source              = "../../modules/stack"
  environment         = local.environment
  allowed_origins     = ["https://blogapp.example.com"]
  auth_provider       = "firebase"
  firebase_project_id = "blogapp-production"
  log_retention_days  = 90
  # alarm_email       = "you@example.com"
  app_version                 = var.app_version
  bundle_dir                  = var.bundle_dir
  create_websocket_deployment = var.create_websocket_deployment
}
