variable "name" {
  description = "Table name (3-255 characters: letters, digits, _ . -)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.name))
    error_message = "name must be 3-255 letters, digits, underscores, dots or hyphens."
  }
}

variable "hash_key" {
  description = "Partition key attribute name (type S)."
  type        = string
  default     = "pk"
}

variable "range_key" {
  description = "Sort key attribute name (type S); null for a table without one."
  type        = string
  default     = "sk"
}

variable "global_secondary_indexes" {
  description = "GSIs by name, keys of type S, projection ALL (at most 20 per table)."
  type = map(object({
    hash_key  = string
    range_key = optional(string)
  }))
  default = {}

  validation {
    condition     = length(var.global_secondary_indexes) <= 20
    error_message = "DynamoDB allows at most 20 global secondary indexes per table."
  }
}

variable "ttl_attribute" {
  description = "Attribute holding the expiry epoch seconds; null disables TTL."
  type        = string
  default     = null
}

variable "point_in_time_recovery" {
  description = "Enable point-in-time recovery (35 days of continuous backups)."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Refuse to delete the table (turn on in prod)."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key; null uses the AWS owned key (encryption at rest is always on)."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for the table."
  type        = map(string)
  default     = {}
}
