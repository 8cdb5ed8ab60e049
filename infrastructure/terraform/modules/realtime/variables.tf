variable "name" {
  description = "Resource name prefix, the SAM stack name (blogapp-<environment>)."
  type        = string
}

variable "environment" {
  description = "development, staging or production: the WebSocket stage is named after it."
  type        = string
}

variable "throttling" {
  description = "Steady connects/messages per second and burst for the stage."
  type = object({
    rate_limit  = number
    burst_limit = number
  })
}

variable "log_retention_days" {
  type = number
}

variable "function_zips" {
  description = "Zips of the WebSocketFunction, CommentStreamFunction and BroadcastFunction bundles."
  type = object({
    websocket      = string
    comment_stream = string
    broadcast      = string
  })
}

variable "function_environment" {
  type = map(string)
}

variable "canary_managed" {
  type = bool
}

variable "permissions_boundary" {
  description = "Given to every function's role (modules/function)."
  type        = string
}

variable "table_arn" {
  type = string
}

variable "table_stream_arn" {
  type = string
}

variable "connections_table_arn" {
  type = string
}

variable "uploads_bucket_arn" {
  description = "The stream function deletes a swept post's images under images/."
  type        = string
}

variable "create_websocket_deployment" {
  description = "False only against emulators without ApiGatewayV2 deployments (moto); AWS needs one for the stage to serve."
  type        = bool
  default     = true
}
