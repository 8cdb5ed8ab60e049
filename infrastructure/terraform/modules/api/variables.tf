variable "name" {
  description = "Resource name prefix, the SAM stack name (blogapp-<environment>)."
  type        = string
}

variable "allowed_origins" {
  type = list(string)
}

variable "throttling" {
  description = "Steady requests per second and burst for the $default stage."
  type = object({
    rate_limit  = number
    burst_limit = number
  })
}

variable "log_retention_days" {
  type = number
}

variable "function_zip" {
  description = "Zip of the ApiFunction bundle."
  type        = string
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

variable "uploads_bucket_arn" {
  type = string
}

variable "extra_routes" {
  description = "Routes served by other modules' functions (POST /broadcast/comments), by route key."
  type = map(object({
    function_name    = string
    alias_name       = string
    alias_invoke_arn = string
    authorization    = string
  }))
  default = {}
}

variable "domain_name" {
  description = "The REST API's own host name; empty keeps execute-api's."
  type        = string
}

variable "certificate_arn" {
  description = "With domain_name, an ACM certificate in the stack's region covering it."
  type        = string
}
