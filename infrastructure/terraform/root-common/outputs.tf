# Shared by every environments/<env> root (each links this file): the stack's outputs under the SAM
# template's names, which the deploy CLI and the smoke suite read.

output "ApiUrl" {
  value = module.stack.ApiUrl
}

output "WebSocketURL" {
  value = module.stack.WebSocketURL
}

output "BroadcastApiUrl" {
  value = module.stack.BroadcastApiUrl
}

output "WebSocketManagementEndpoint" {
  value = module.stack.WebSocketManagementEndpoint
}

output "TableName" {
  value = module.stack.TableName
}

output "ConnectionsTableName" {
  value = module.stack.ConnectionsTableName
}

output "UploadsBucketName" {
  value = module.stack.UploadsBucketName
}

output "DashboardURL" {
  value = module.stack.DashboardURL
}

output "AlarmTopicArn" {
  value = module.stack.AlarmTopicArn
}

output "ApiFunctionName" {
  value = module.stack.ApiFunctionName
}

output "WebSocketFunctionName" {
  value = module.stack.WebSocketFunctionName
}

output "CommentStreamFunctionName" {
  value = module.stack.CommentStreamFunctionName
}

output "BroadcastFunctionName" {
  value = module.stack.BroadcastFunctionName
}

output "UserPoolId" {
  value = module.stack.UserPoolId
}

output "WebClientId" {
  value = module.stack.WebClientId
}

output "SmokeClientId" {
  value = module.stack.SmokeClientId
}

output "SignInIssuer" {
  value = module.stack.SignInIssuer
}

output "SignInDomain" {
  value = module.stack.SignInDomain
}

output "FirebaseProjectId" {
  value = module.stack.FirebaseProjectId
}

output "FirebaseWebApiKey" {
  value = module.stack.FirebaseWebApiKey
}

output "FirebaseAuthDomain" {
  value = module.stack.FirebaseAuthDomain
}

output "SiteUrl" {
  value = module.stack.SiteUrl
}

output "SiteBucketName" {
  value = module.stack.SiteBucketName
}

output "SiteDistributionId" {
  value = module.stack.SiteDistributionId
}

output "SiteDistributionDomain" {
  value = module.stack.SiteDistributionDomain
}

output "ApiCustomUrl" {
  value = module.stack.ApiCustomUrl
}

output "ApiDomainTarget" {
  value = module.stack.ApiDomainTarget
}

output "CanaryAlarmNames" {
  value = module.stack.CanaryAlarmNames
}

output "PublishedVersions" {
  value = module.stack.PublishedVersions
}

output "FunctionEnvironmentNames" {
  value = module.stack.FunctionEnvironmentNames
}
