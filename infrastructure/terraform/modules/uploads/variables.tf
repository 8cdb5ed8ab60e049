variable "name" {
  description = "Resource name prefix, the SAM stack name (blogapp-<environment>)."
  type        = string
}

variable "allowed_origins" {
  description = "Browser origins allowed to PUT and GET presigned URLs."
  type        = list(string)
}

variable "production" {
  description = "In production the bucket is never emptied by a destroy."
  type        = bool
}
