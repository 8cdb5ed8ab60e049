# The SAM template's Outputs under the same names: the deploy CLI and the smoke suite read these.

output "ApiUrl" {
  description = "REST API base URL (no trailing slash)"
  value       = module.api.api_endpoint
}

output "WebSocketURL" {
  description = "WebSocket URL for live comments"
  value       = module.realtime.websocket_url
}

output "BroadcastApiUrl" {
  description = "POST here (SigV4-signed) to push a message to subscribers"
  value       = "${module.api.api_endpoint}/broadcast/comments"
}

output "WebSocketManagementEndpoint" {
  description = "The @connections endpoint the functions push through"
  value       = module.realtime.management_endpoint
}

output "TableName" {
  value = module.data.table_name
}

output "ConnectionsTableName" {
  value = module.data.connections_table_name
}

output "UploadsBucketName" {
  value = module.uploads.bucket_name
}

output "DashboardURL" {
  value = module.observability.dashboard_url
}

output "AlarmTopicArn" {
  value = module.observability.alarm_topic_arn
}

output "ApiFunctionName" {
  value = module.api.function.function_name
}

output "WebSocketFunctionName" {
  value = module.realtime.websocket_function.function_name
}

output "CommentStreamFunctionName" {
  value = module.realtime.comment_stream_function.function_name
}

output "BroadcastFunctionName" {
  value = module.realtime.broadcast_function.function_name
}

# Identity (null, hence absent, unless auth_provider = managed-cognito, as SAM's Condition: CreateUserPool).
output "UserPoolId" {
  description = "The stack's user pool (the functions' COGNITO_USER_POOL_ID)"
  value       = one(module.identity[*].user_pool_id)
}

output "WebClientId" {
  description = "The web client's app client (authorization code with PKCE, no secret)"
  value       = one(module.identity[*].web_client_id)
}

output "SmokeClientId" {
  description = "The smoke suite's app client (AdminInitiateAuth only)"
  value       = one(module.identity[*].smoke_client_id)
}

output "SignInIssuer" {
  description = "The OpenID Connect issuer of the pool (discovery at /.well-known/openid-configuration)"
  value       = one(module.identity[*].issuer)
}

output "SignInDomain" {
  description = "Cognito's managed login pages (sign-up, sign-in, /logout)"
  value       = one(module.identity[*].sign_in_domain)
}

# The hosted web client's Firebase web config (null, hence absent, unless auth_provider = firebase).
output "FirebaseProjectId" {
  description = "The Firebase project whose ID tokens the API accepts"
  value       = local.firebase ? var.firebase_project_id : null
}

output "FirebaseWebApiKey" {
  description = "The Firebase web app's apiKey (public)"
  value       = local.firebase ? var.firebase_web_api_key : null
}

output "FirebaseAuthDomain" {
  description = "Where Firebase's Google sign-in runs"
  value       = local.firebase ? local.firebase_auth_domain : null
}

# Site
output "SiteUrl" {
  description = "The hosted web client"
  value       = module.site.url
}

output "SiteBucketName" {
  value = module.site.bucket_name
}

output "SiteDistributionId" {
  value = module.site.distribution_id
}

output "SiteDistributionDomain" {
  description = "Point site_domain_name's DNS (CNAME or alias) here"
  value       = module.site.distribution_domain
}

output "ApiCustomUrl" {
  description = "The REST API on its own name (the web client's runtime config uses it)"
  value       = module.api.custom_url
}

output "ApiDomainTarget" {
  description = "Point api_domain_name's DNS (CNAME or alias) here"
  value       = module.api.domain_target
}

# Beyond SAM's outputs: what the canary controller needs (SAM hands these to CodeDeploy instead).
output "CanaryAlarmNames" {
  value = module.observability.canary_alarm_names
}

output "PublishedVersions" {
  description = "The version each function's last apply published, by function name."
  value = {
    for fn in [module.api.function, module.realtime.websocket_function, module.realtime.comment_stream_function, module.realtime.broadcast_function] :
    fn.function_name => fn.published_version
  }
}

output "FunctionEnvironmentNames" {
  description = "Each function's environment variable names, known at plan time (the values are not)."
  value = {
    for fn in [module.api.function, module.realtime.websocket_function, module.realtime.comment_stream_function, module.realtime.broadcast_function] :
    fn.function_name => fn.environment_names
  }
}
