variable "bucket_name" {
  description = "Bucket name (3-63 characters, lowercase letters, digits, hyphens; globally unique in AWS)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 lowercase letters, digits or hyphens."
  }
}

variable "force_destroy" {
  description = "Allow terraform destroy to delete a bucket that still holds objects (local and dev only)."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for SSE-KMS. null uses SSE-S3 (AES256)."
  type        = string
  default     = null
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which overwritten or deleted object versions are removed."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1
    error_message = "noncurrent_version_expiration_days must be at least 1."
  }
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Days after which unfinished multipart uploads are aborted (their parts are billed until then)."
  type        = number
  default     = 7

  validation {
    condition     = var.abort_incomplete_multipart_upload_days >= 1
    error_message = "abort_incomplete_multipart_upload_days must be at least 1."
  }
}

variable "cors_read_origins" {
  description = "Exact origins (scheme://host[:port]) allowed to GET/HEAD objects from a browser. \"*\" is rejected."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for o in var.cors_read_origins : can(regex("^https?://[^*/]+$", o))])
    error_message = "cors_read_origins must be exact origins like https://app.example.com, without \"*\" or a path."
  }
}

variable "cors_upload_origins" {
  description = "Exact origins of the apps allowed to PUT objects through presigned URLs. \"*\" is rejected."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for o in var.cors_upload_origins : can(regex("^https?://[^*/]+$", o))])
    error_message = "cors_upload_origins must be exact origins like https://app.example.com, without \"*\" or a path."
  }
}

variable "object_created_queue_arns" {
  description = "SQS queue ARNs that receive s3:ObjectCreated:* notifications. The queue policy must admit this bucket first. Leave empty where the emulator does not deliver notifications."
  type        = list(string)
  default     = []
}

variable "object_created_filter_prefix" {
  description = "Only objects whose key starts with this prefix are notified (e.g. \"uploads/\"); null notifies every object."
  type        = string
  default     = null
}

variable "cloudfront_distribution_arns" {
  description = "CloudFront distributions allowed to read objects through origin access control (OAC)."
  type        = list(string)
  default     = []
}

variable "replication" {
  description = "Opt-in cross-region replication: the destination bucket ARN (versioned, in another region), the IAM role S3 assumes, and the destination's KMS key when it uses SSE-KMS."
  type = object({
    destination_bucket_arn = string
    role_arn               = string
    replica_kms_key_arn    = optional(string)
    storage_class          = optional(string, "STANDARD")
  })
  default = null
}

variable "deny_insecure_transport" {
  description = "Bucket policy statement refusing every request not made over TLS. moto evaluates bucket policies and the local endpoint is plain HTTP, so the local environment turns it off."
  type        = bool
  default     = true
}

variable "access_log" {
  description = "Where this bucket's S3 server access logs go: {bucket} (under s3/<this bucket>/); null logs nothing. The bucket must admit logging.s3.amazonaws.com. An object, so that a bucket created in the same apply can be named."
  type = object({
    bucket = string
  })
  default = null
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
