variable "region" {
  description = "AWS region of the deployment."
  type        = string
  default     = "us-east-1"
}

variable "replica_region" {
  description = "Region of the media replica bucket (disaster recovery)."
  type        = string
  default     = "us-west-2"
}

variable "web_adapter_layer_arn" {
  description = "AWS Lambda Web Adapter layer for the region (x86_64)."
  type        = string
  default     = "arn:aws:lambda:us-east-1:753240598075:layer:LambdaAdapterLayerX86:25"
}

variable "cors_origins" {
  description = "Exact origins of the web apps."
  type        = list(string)
}

variable "alarm_emails" {
  description = "Who receives the alarms."
  type        = list(string)
  default     = []
}

variable "push" {
  description = "notification-service's push platforms: apns {enabled, sandbox, auth, team_id, bundle_id}, fcm_enabled; credentials come from Secrets Manager (see the stack module's push variable)."
  type = object({
    apns = optional(object({
      enabled   = optional(bool, false)
      sandbox   = optional(bool, false)
      auth      = optional(string, "token")
      team_id   = optional(string)
      bundle_id = optional(string)
    }), {})
    fcm_enabled      = optional(bool, false)
    apns_secret_name = optional(string)
    fcm_secret_name  = optional(string)
  })
  default = {}
}

variable "media_url_signing_public_key" {
  description = "Public half (PEM) of media-service's CloudFront URL signing key; null serves no media through CloudFront (see terraform/README.md)."
  type        = string
  default     = null
}
