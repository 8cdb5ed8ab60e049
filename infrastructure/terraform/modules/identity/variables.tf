variable "name" {
  description = "Resource name prefix, the SAM stack name (blogapp-<environment>)."
  type        = string
}

variable "production" {
  description = "Production keeps the pool on destroy (deletion protection): the users are what a redeploy cannot recreate."
  type        = bool
}

variable "site_origins" {
  description = "Where the web client is served (https://host): its sign-in and sign-out come back there."
  type        = list(string)
}

variable "allows_local_sign_in" {
  description = "Development only: the web client may also come back to `make local`'s and `make web-dev`'s addresses."
  type        = bool
}
