variable "name" {
  description = "Resource name prefix, the SAM stack name (blogapp-<environment>)."
  type        = string
}

variable "environment" {
  type = string
}

variable "alarm_email" {
  description = "Where alarm notifications go (a confirmation mail is sent once); empty for none."
  type        = string
  default     = ""
}

variable "http_api_id" {
  type = string
}

variable "websocket_api_id" {
  type = string
}

variable "function_names" {
  description = "The four functions' names, by role."
  type = object({
    api       = string
    websocket = string
    stream    = string
    broadcast = string
  })
}

variable "failure_queue_name" {
  type = string
}
