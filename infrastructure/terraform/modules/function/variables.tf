variable "name" {
  description = "Function name (the SAM stack's <stack>-<suffix>, e.g. blogapp-staging-api)."
  type        = string
}

variable "description" {
  type = string
}

variable "zip_path" {
  description = "The deterministic zip of the function's bundle (index.mjs and its chunks)."
  type        = string
}

variable "memory_size" {
  type    = number
  default = 512
}

variable "timeout" {
  type    = number
  default = 10
}

variable "environment" {
  description = "Environment variables: the shared set plus this function's own."
  type        = map(string)
}

variable "policy_statements" {
  description = "The function's least-privilege IAM statements (the SAM template's Policies), as objects."
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
    condition = optional(map(map(string)))
  }))
}

variable "extra_managed_policy_arns" {
  description = "AWS managed policies beyond logs and X-Ray (SAM adds the DynamoDB stream policy for stream events)."
  type        = list(string)
  default     = []
}

variable "log_retention_days" {
  type = number
}

variable "canary_managed" {
  description = "True in production: the deploy CLI's canary controller moves `live`, Terraform only creates it."
  type        = bool
  default     = false
}

variable "permissions_boundary" {
  description = "ARN of the managed policy every role of the environment carries as its permissions boundary."
  type        = string
}
