variable "name" {
  description = "Resource name prefix, the SAM stack name (blogapp-<environment>)."
  type        = string
}

variable "production" {
  description = "Turns on point-in-time recovery and deletion protection for the main table."
  type        = bool
}
