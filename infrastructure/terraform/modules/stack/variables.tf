variable "environment" {
  description = "Which environment this is; production turns on PITR, deletion protection, retention and the canary."
  type        = string
  validation {
    condition     = contains(["development", "staging", "production"], var.environment)
    error_message = "environment must be development, staging or production."
  }
}

variable "allowed_origins" {
  description = "Browser origins allowed by CORS (API and uploads bucket), e.g. https://blog.example.com."
  type        = list(string)
}

variable "auth_provider" {
  description = "Who issues the ID tokens the API accepts: firebase or cognito."
  type        = string
  validation {
    condition     = contains(["firebase", "cognito"], var.auth_provider)
    error_message = "auth_provider must be firebase or cognito."
  }
}

variable "firebase_project_id" {
  type    = string
  default = ""
}

variable "cognito_user_pool_id" {
  type    = string
  default = ""
  validation {
    condition     = can(regex("^$|^[a-z]{2}-[a-z]+-\\d_[A-Za-z0-9]+$", var.cognito_user_pool_id))
    error_message = "cognito_user_pool_id looks like eu-west-1_AbC123."
  }
}

variable "cognito_client_id" {
  type    = string
  default = ""
}

variable "log_retention_days" {
  description = "Retention of every log group (functions and API access logs)."
  type        = number
  default     = 30
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "alarm_email" {
  description = "Where alarm notifications go (a confirmation mail is sent once); empty for none."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be an e-mail address or empty."
  }
}

variable "app_version" {
  description = "Reported by /api/health; the deploy CLI passes the git revision."
  type        = string
  default     = "0.1.0"
}

variable "bundle_dir" {
  description = "Where the deploy CLI wrote <LogicalId>.zip for the four functions."
  type        = string
}

variable "create_websocket_deployment" {
  description = "False only against emulators without ApiGatewayV2 deployments (moto)."
  type        = bool
  default     = true
}
