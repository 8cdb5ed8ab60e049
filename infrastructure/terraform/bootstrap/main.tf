# Run once per AWS account, before any environment (DEPLOYMENT.md, Terraform):
#
#   cd infrastructure/terraform/bootstrap
#   terraform init && terraform apply -var state_bucket=<globally unique name>
#   export TF_STATE_BUCKET=<that name>      # what the deploy CLI passes to each environment's backend
#
# It creates the bucket every environment keeps its state in, one key each (blogapp/<env>/terraform.tfstate),
# locked with S3-native lock files (use_lockfile = true; Terraform >= 1.10), so no DynamoDB lock table.
# Its own state is local (terraform.tfstate here, git-ignored): it is one bucket, and it can be imported
# again with `terraform import aws_s3_bucket.state <name>` should that file be lost.

terraform {
  required_version = ">= 1.10.0, < 2.0.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "state_bucket" {
  description = "Name of the state bucket (globally unique, e.g. blogapp-terraform-state-<account id>)."
  type        = string
}

variable "region" {
  type    = string
  default = "us-east-1"
}

provider "aws" {
  region = var.region
}

resource "aws_s3_bucket" "state" {
  bucket = var.state_bucket

  lifecycle {
    prevent_destroy = true
  }
}

# Every state write is a version: a bad apply's state can be restored.
resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# The state holds the cursor secret's value: nothing in this bucket is ever public.
resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    id     = "ExpireOldStateVersions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 90
    }
  }
}

output "state_bucket" {
  value = aws_s3_bucket.state.bucket
}
