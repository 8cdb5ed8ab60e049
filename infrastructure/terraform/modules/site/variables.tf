variable "name" {
  description = "Resource name prefix, the SAM stack name (blogapp-<environment>)."
  type        = string
}

variable "domain_name" {
  description = "The web client's own host name; empty serves it on CloudFront's domain."
  type        = string
}

variable "certificate_arn" {
  description = "With domain_name, an ACM certificate in us-east-1 covering it."
  type        = string
}

variable "connect_origins" {
  description = "Besides the region's API Gateway and S3 endpoints, what the browser may connect to (a custom API domain, the sign-in domain)."
  type        = list(string)
}

variable "script_origins" {
  description = "Besides the site itself, where scripts may come from (Google's sign-in helper with Firebase)."
  type        = list(string)
  default     = []
}

variable "frame_origins" {
  description = "What the page may frame (Firebase's authDomain); none when empty."
  type        = list(string)
  default     = []
}

variable "create_cdn" {
  description = "False only against emulators without CloudFront cache and response headers policies (moto): no distribution then."
  type        = bool
}
