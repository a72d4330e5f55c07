variable "name_prefix" {
  description = "Prefix of the table names, e.g. \"wechat-local\": tables are \"<prefix>-messages\", \"<prefix>-conversations\", \"<prefix>-moderation\" and \"<prefix>-search\". DynamoDB table names are 3-255 characters of [a-zA-Z0-9_.-]."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9_.-]{3,230}$", var.name_prefix))
    error_message = "name_prefix must be 3-230 characters of letters, digits, '_', '.' or '-' (DynamoDB table name rules, leaving room for the suffix)."
  }
}

variable "point_in_time_recovery" {
  description = "Enable point-in-time recovery (continuous backups, 35 days) on every table."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Enable DynamoDB deletion protection on every table (turn on in staging and prod)."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "ARN of a customer managed KMS key for server-side encryption. null uses the AWS owned key (encryption at rest is always on)."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
