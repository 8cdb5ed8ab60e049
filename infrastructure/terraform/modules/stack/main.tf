# The whole blogapp backend for one environment: what infrastructure/aws-sam/template.yaml declares,
# module by concern. Each environments/<env> root calls this once with its own settings and state.

data "aws_region" "current" {}
data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

# The SAM template's PermissionsBoundary: the policy deploy-role.yaml (stack blogapp-deploy-role-<env>) creates
# for this environment. Looked up, so that without it the plan fails before anything is created, not the
# apply at the first role.
data "aws_iam_policy" "permissions_boundary" {
  arn = coalesce(
    var.permissions_boundary_arn,
    "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:policy/${local.name}-boundary",
  )
}

locals {
  name       = "blogapp-${var.environment}"
  production = var.environment == "production"

  # What differs between environments besides the variables (the SAM template's Mappings).
  settings = {
    development = { log_level = "DEBUG", http = { rate_limit = 50, burst_limit = 100 }, websocket = { rate_limit = 50, burst_limit = 100 } }
    staging     = { log_level = "INFO", http = { rate_limit = 100, burst_limit = 200 }, websocket = { rate_limit = 100, burst_limit = 200 } }
    production  = { log_level = "INFO", http = { rate_limit = 500, burst_limit = 1000 }, websocket = { rate_limit = 500, burst_limit = 1000 } }
  }[var.environment]

  # managed-cognito is Cognito to the app: the ids come from the pool this stack made, nobody copies them.
  managed_cognito = var.auth_provider == "managed-cognito"
  firebase        = var.auth_provider == "firebase"
  # Where Firebase's Google sign-in runs (the SAM template's FirebaseAuthDomain output).
  firebase_auth_domain = var.firebase_auth_domain != "" ? var.firebase_auth_domain : "${var.firebase_project_id}.firebaseapp.com"
  # The hosted web client's origin is always allowed, besides allowed_origins.
  allowed_origins = concat(var.allowed_origins, module.site.origins)

  zip = { for id in ["ApiFunction", "WebSocketFunction", "CommentStreamFunction", "BroadcastFunction"] : id => "${var.bundle_dir}/${id}.zip" }

  # The SAM template's Globals.Function.Environment: every function gets these names.
  function_environment = merge(
    {
      APP_ENVIRONMENT                = var.environment
      APP_VERSION                    = var.app_version
      APP_REPOSITORY_PROVIDER        = "dynamodb"
      APP_DYNAMODB_TABLE             = module.data.table_name
      APP_DYNAMODB_CONNECTIONS_TABLE = module.data.connections_table_name
      APP_UPLOADS_PROVIDER           = "s3"
      APP_UPLOADS_BUCKET             = module.uploads.bucket_name
      APP_AUTH_PROVIDER              = var.auth_provider == "firebase" ? "firebase" : "cognito"
      APP_CURSOR_SECRET              = module.data.cursor_secret_value
      APP_ALLOWED_ORIGINS            = join(",", local.allowed_origins)
      LOG_LEVEL                      = local.settings.log_level
      # No NODE_OPTIONS = "--enable-source-maps", as in the SAM template: the logger maps logged errors' stacks
      # through the source maps in the bundle zips when one is logged, rather than Node reading every loaded
      # file's map at each cold start.
    },
    var.auth_provider == "firebase" ? { FIREBASE_PROJECT_ID = var.firebase_project_id } : {},
    var.auth_provider == "cognito" ? { COGNITO_USER_POOL_ID = var.cognito_user_pool_id, COGNITO_CLIENT_ID = var.cognito_client_id } : {},
    # The web client's ID tokens, and the smoke client's (the smoke suite signs in through it).
    local.managed_cognito ? {
      COGNITO_USER_POOL_ID = module.identity[0].user_pool_id
      COGNITO_CLIENT_ID    = "${module.identity[0].web_client_id},${module.identity[0].smoke_client_id}"
    } : {},
  )
}

# The SAM template's Rules: a bad combination fails at plan time, not at a cold start.
resource "terraform_data" "rules" {
  lifecycle {
    precondition {
      condition     = var.auth_provider != "firebase" || var.firebase_project_id != ""
      error_message = "auth_provider = firebase needs firebase_project_id."
    }
    precondition {
      condition     = var.auth_provider != "cognito" || (var.cognito_user_pool_id != "" && var.cognito_client_id != "")
      error_message = "auth_provider = cognito needs cognito_user_pool_id and cognito_client_id."
    }
    precondition {
      condition     = (var.site_domain_name == "") == (var.site_certificate_arn == "")
      error_message = "site_domain_name and site_certificate_arn go together (a us-east-1 ACM certificate for the name)."
    }
    precondition {
      condition     = (var.api_domain_name == "") == (var.api_certificate_arn == "")
      error_message = "api_domain_name and api_certificate_arn go together (an ACM certificate in the stack's region)."
    }
    precondition {
      condition     = !local.production || !contains(var.allowed_origins, "*")
      error_message = "allowed_origins may not contain * in production (the API refuses to start with it)."
    }
  }
}

module "data" {
  source     = "../data"
  name       = local.name
  production = local.production
}

module "uploads" {
  source          = "../uploads"
  name            = local.name
  allowed_origins = local.allowed_origins
  production      = local.production
}

module "realtime" {
  source                = "../realtime"
  name                  = local.name
  environment           = var.environment
  throttling            = local.settings.websocket
  log_retention_days    = var.log_retention_days
  function_environment  = local.function_environment
  canary_managed        = local.production
  permissions_boundary  = data.aws_iam_policy.permissions_boundary.arn
  table_arn             = module.data.table_arn
  table_stream_arn      = module.data.table_stream_arn
  connections_table_arn = module.data.connections_table_arn
  uploads_bucket_arn    = module.uploads.bucket_arn
  function_zips = {
    websocket      = local.zip.WebSocketFunction
    comment_stream = local.zip.CommentStreamFunction
    broadcast      = local.zip.BroadcastFunction
  }
  create_websocket_deployment = var.create_websocket_deployment
}

module "api" {
  source               = "../api"
  name                 = local.name
  allowed_origins      = local.allowed_origins
  domain_name          = var.api_domain_name
  certificate_arn      = var.api_certificate_arn
  throttling           = local.settings.http
  log_retention_days   = var.log_retention_days
  function_zip         = local.zip.ApiFunction
  function_environment = local.function_environment
  canary_managed       = local.production
  permissions_boundary = data.aws_iam_policy.permissions_boundary.arn
  table_arn            = module.data.table_arn
  uploads_bucket_arn   = module.uploads.bucket_arn
  extra_routes = {
    # The app also refuses events without an IAM caller, should this route ever lose it. POST alone: other
    # methods on this path fall to the API's $default route (the app's 404), never to this function.
    "POST /broadcast/comments" = {
      function_name    = module.realtime.broadcast_function.function_name
      alias_name       = module.realtime.broadcast_function.alias_name
      alias_invoke_arn = module.realtime.broadcast_function.alias_invoke_arn
      authorization    = "AWS_IAM"
    }
  }
}

module "observability" {
  source           = "../observability"
  name             = local.name
  environment      = var.environment
  alarm_email      = var.alarm_email
  http_api_id      = module.api.api_id
  websocket_api_id = module.realtime.websocket_api_id
  function_names = {
    api       = module.api.function.function_name
    websocket = module.realtime.websocket_function.function_name
    stream    = module.realtime.comment_stream_function.function_name
    broadcast = module.realtime.broadcast_function.function_name
  }
  failure_queue_name = module.realtime.failure_queue_name
}

module "identity" {
  count                = local.managed_cognito ? 1 : 0
  source               = "../identity"
  name                 = local.name
  production           = local.production
  site_origins         = module.site.origins
  allows_local_sign_in = var.environment == "development"
}

module "site" {
  source          = "../site"
  name            = local.name
  domain_name     = var.site_domain_name
  certificate_arn = var.site_certificate_arn
  # The sign-in domain from its prefix, not the resource: the web client names the site in turn.
  connect_origins = concat(
    var.api_domain_name != "" ? ["https://${var.api_domain_name}"] : [],
    local.managed_cognito ? ["https://cognito-idp.${data.aws_region.current.name}.amazonaws.com", module.identity[0].sign_in_domain] : [],
    # Firebase Auth's REST APIs (sign-in, token refresh) and the project's authDomain.
    local.firebase ? ["https://identitytoolkit.googleapis.com", "https://securetoken.googleapis.com", "https://${local.firebase_auth_domain}"] : [],
  )
  # Firebase's SDK loads Google's iframe helper for Google sign-in, which runs in a frame on the authDomain.
  script_origins = local.firebase ? ["https://apis.google.com"] : []
  frame_origins  = local.firebase ? ["https://${local.firebase_auth_domain}"] : []
  create_cdn     = var.create_site_cdn
}
