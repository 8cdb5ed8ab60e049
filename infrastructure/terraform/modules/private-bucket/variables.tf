variable "name" {
  description = "The bucket's name before the account id (<stack>-uploads, <stack>-site)."
  type        = string
}

variable "force_destroy" {
  description = "Whether a destroy empties the bucket first (never in production for data users wrote)."
  type        = bool
}

variable "policy_documents" {
  description = "More bucket policy statements, as IAM policy JSON documents, merged with the TLS-only deny."
  type        = list(string)
  default     = []
}
