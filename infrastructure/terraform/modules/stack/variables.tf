variable "environment" {
  description = "Which environment this is; production turns on PITR, deletion protection, retention and the canary."
  type        = string
  validation {
    condition     = contains(["development", "staging", "production"], var.environment)
    error_message = "environment must be development, staging or production."
  }
}

variable "allowed_origins" {
  description = "Browser origins allowed by CORS (API and uploads bucket) besides the hosted site's, e.g. https://blog.example.com."
  type        = list(string)
  default     = []
}

variable "auth_provider" {
  description = "Who issues the ID tokens the API accepts: managed-cognito (this stack creates the user pool, its app clients and sign-in domain), cognito (an existing pool) or firebase."
  type        = string
  default     = "managed-cognito"
  validation {
    condition     = contains(["managed-cognito", "cognito", "firebase"], var.auth_provider)
    error_message = "auth_provider must be managed-cognito, cognito or firebase."
  }
}

variable "firebase_project_id" {
  type    = string
  default = ""
}

variable "firebase_web_api_key" {
  description = "With auth_provider = firebase, the web app's apiKey (Firebase console → Project settings → Your apps → Web app); public by design, the site's runtime config carries it."
  type        = string
  default     = ""
}

variable "firebase_auth_domain" {
  description = "With auth_provider = firebase, the web app's authDomain, where Google sign-in runs; empty means <firebase_project_id>.firebaseapp.com."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", var.firebase_auth_domain))
    error_message = "firebase_auth_domain is a host name such as my-project.firebaseapp.com."
  }
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

variable "site_domain_name" {
  description = "The web client's own host name (e.g. blog.example.com); empty serves it on CloudFront's domain. DNS is yours to point at SiteDistributionDomain."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$", var.site_domain_name))
    error_message = "site_domain_name must be a host name such as blog.example.com, or empty."
  }
}

variable "site_certificate_arn" {
  description = "With site_domain_name, an ACM certificate covering it; CloudFront only takes certificates from us-east-1."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^arn:aws[a-z-]*:acm:us-east-1:\\d{12}:certificate/[0-9a-f-]+$", var.site_certificate_arn))
    error_message = "site_certificate_arn must be an ACM certificate ARN in us-east-1, or empty."
  }
}

variable "api_domain_name" {
  description = "The REST API's own host name (e.g. api.blog.example.com); empty keeps execute-api's. DNS is yours to point at ApiDomainTarget."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$", var.api_domain_name))
    error_message = "api_domain_name must be a host name such as api.blog.example.com, or empty."
  }
}

variable "api_certificate_arn" {
  description = "With api_domain_name, an ACM certificate in the stack's region covering it."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+$", var.api_certificate_arn))
    error_message = "api_certificate_arn must be an ACM certificate ARN, or empty."
  }
}

variable "create_site_cdn" {
  description = "False only against emulators without CloudFront cache and response headers policies (moto)."
  type        = bool
  default     = true
}

variable "permissions_boundary_arn" {
  description = "The permissions boundary of every role the stack creates; null means blogapp-<environment>-boundary in this account, which deploy-role.yaml's stack blogapp-deploy-role-<environment> creates (DEPLOYMENT.md)."
  type        = string
  default     = null
}
