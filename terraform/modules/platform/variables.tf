variable "prefix" {
  description = "Project prefix of every name (\"wechat\")."
  type        = string
  default     = "wechat"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,19}$", var.prefix))
    error_message = "prefix must be 2-20 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "environment" {
  description = "Environment name: local, dev, staging or prod. Names are \"<prefix>-<environment>-<what>\"."
  type        = string

  validation {
    condition     = contains(["local", "dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of local, dev, staging, prod."
  }
}

variable "media_bucket_name" {
  description = "Media bucket name; null means \"<prefix>-<environment>-media\". S3 names are global: AWS environments add something unique (the account ID)."
  type        = string
  default     = null
}

variable "media_bucket_force_destroy" {
  description = "Let terraform destroy delete the media bucket with its objects (local and dev)."
  type        = bool
  default     = false
}

variable "media_notifications_enabled" {
  description = "Send s3:ObjectCreated:* of the media bucket's uploads/ keys to the media-uploads queue. moto delivers them (plus one s3:TestEvent when configured)."
  type        = bool
  default     = true
}

variable "cors_read_origins" {
  description = "Exact origins that may read media from a browser."
  type        = list(string)
  default     = []
}

variable "cors_upload_origins" {
  description = "Exact origins of the apps that upload media through presigned PUTs."
  type        = list(string)
  default     = []
}

variable "cloudfront_distribution_arns" {
  description = "CloudFront distributions that read the media bucket through OAC."
  type        = list(string)
  default     = []
}

variable "media_access_log" {
  description = "Where the media bucket's S3 server access logs go: {bucket}; null logs nothing (the emulator)."
  type = object({
    bucket = string
  })
  default = null
}

variable "media_replication" {
  description = "Opt-in cross-region replication of the media bucket (see the media-bucket module)."
  type = object({
    destination_bucket_arn = string
    role_arn               = string
    replica_kms_key_arn    = optional(string)
    storage_class          = optional(string, "STANDARD")
  })
  default = null
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the tables and the media bucket; null uses AWS keys (encryption stays on)."
  type        = string
  default     = null
}

variable "topic_kms_master_key_id" {
  description = "KMS key for SNS encryption (\"alias/aws/sns\" in AWS); null turns it off (the emulator)."
  type        = string
  default     = null
}

variable "emulator" {
  description = "The provider talks to an AWS emulator (moto): leave out what it cannot read back (DLQ redrive allow policies) and the TLS-only bucket policy (the emulator is plain HTTP and enforces bucket policies)."
  type        = bool
  default     = false
}

variable "push" {
  description = "Push platforms of notification-service (see the push module): apns {enabled, sandbox, auth \"token\"|\"certificate\", team_id, bundle_id} and fcm_enabled. Both off by default."
  type = object({
    apns = optional(object({
      enabled   = optional(bool, false)
      sandbox   = optional(bool, false)
      auth      = optional(string, "token")
      team_id   = optional(string)
      bundle_id = optional(string)
    }), {})
    fcm_enabled = optional(bool, false)
  })
  default = {}
}

variable "push_credentials" {
  description = "Credentials of the enabled push platforms: apns_platform_credential (signing key or private key, PEM), apns_platform_principal (key id or certificate), fcm_platform_credential (Firebase service account JSON). From Secrets Manager in AWS; stored in state."
  type = object({
    apns_platform_credential = optional(string)
    apns_platform_principal  = optional(string)
    fcm_platform_credential  = optional(string)
  })
  default   = {}
  sensitive = true
}

variable "point_in_time_recovery" {
  description = "Point-in-time recovery on every DynamoDB table."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Deletion protection on every DynamoDB table (staging, prod)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}

variable "queue_visibility_timeout_seconds" {
  description = "Overrides the visibility timeout of every consumer queue (SQS limit 0-43200 s). Only for the local environment, so that a poison message reaches its DLQ within a minute; null keeps each queue's own (6x its consumer's Lambda timeout), which the AWS environments need."
  type        = number
  default     = null

  validation {
    condition     = var.queue_visibility_timeout_seconds == null || try(var.queue_visibility_timeout_seconds >= 0 && var.queue_visibility_timeout_seconds <= 43200, false)
    error_message = "queue_visibility_timeout_seconds must be null or 0-43200."
  }
}
