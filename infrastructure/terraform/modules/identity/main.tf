# The stack's own user pool (auth_provider = managed-cognito, the default). People sign up on Cognito's
# managed login pages with their email, confirm it with a code, and come back to the web client with an
# authorization code (PKCE, no client secret). The functions get the pool and client ids from the stack;
# the deploy writes the sign-in settings into the web client's runtime config.

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  local_addresses = ["http://localhost:3000/", "http://127.0.0.1:3000/", "http://localhost:5173/", "http://127.0.0.1:5173/"]
  return_urls     = concat([for origin in var.site_origins : "${origin}/"], var.allows_local_sign_in ? local.local_addresses : [])
  # Cognito's own domain (<prefix>.auth.<region>.amazoncognito.com); the prefix is global per region, hence
  # the account id in it.
  domain_prefix  = "${var.name}-${data.aws_caller_identity.current.account_id}"
  sign_in_domain = "https://${local.domain_prefix}.auth.${data.aws_region.current.name}.amazoncognito.com"
}

resource "aws_cognito_user_pool" "this" {
  name                     = "${var.name}-users"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = var.production ? "ACTIVE" : "INACTIVE"

  username_configuration {
    case_sensitive = false
  }

  verification_message_template {
    default_email_option = "CONFIRM_WITH_CODE"
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 3
  }

  # `name` is what the blog shows beside a post; Cognito falls back to the username (the email) without it.
  schema {
    name                = "email"
    attribute_data_type = "String"
    required            = true
    mutable             = true
    # Cognito's own limits, spelled out: left empty, every plan shows a schema change Cognito refuses.
    string_attribute_constraints {
      min_length = 0
      max_length = 2048
    }
  }
  schema {
    name                = "name"
    attribute_data_type = "String"
    required            = false
    mutable             = true
    # Cognito's own limits, spelled out: left empty, every plan shows a schema change Cognito refuses.
    string_attribute_constraints {
      min_length = 0
      max_length = 2048
    }
  }
}

resource "aws_cognito_user_pool_domain" "this" {
  user_pool_id          = aws_cognito_user_pool.this.id
  domain                = local.domain_prefix
  managed_login_version = 2
}

# The web client: public (no secret), authorization code with PKCE only, back to the hosted site (and, in
# development, to `make local` and `make web-dev`). No password flows for browsers: only the managed login
# pages take passwords. Short ID tokens (the API's bearer), refreshed by the client before they expire.
resource "aws_cognito_user_pool_client" "web" {
  user_pool_id                         = aws_cognito_user_pool.this.id
  name                                 = "web"
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = local.return_urls
  logout_urls                          = local.return_urls
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true
  id_token_validity                    = 60
  access_token_validity                = 60
  refresh_token_validity               = 30
  token_validity_units {
    id_token      = "minutes"
    access_token  = "minutes"
    refresh_token = "days"
  }
}

# The smoke suite's client: AdminInitiateAuth with a throwaway user's password. Admin flows need IAM
# credentials (the deploy role's), so this client opens nothing to the internet.
resource "aws_cognito_user_pool_client" "smoke" {
  user_pool_id                  = aws_cognito_user_pool.this.id
  name                          = "smoke"
  generate_secret               = false
  explicit_auth_flows           = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  id_token_validity             = 15
  access_token_validity         = 15
  refresh_token_validity        = 60
  token_validity_units {
    id_token      = "minutes"
    access_token  = "minutes"
    refresh_token = "minutes"
  }
}
