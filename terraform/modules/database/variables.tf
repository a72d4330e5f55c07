variable "name" {
  description = "Identifier prefix, e.g. \"wechat-dev\" (instance \"<name>-postgres\")."
  type        = string
}

variable "engine_version" {
  description = "PostgreSQL major (or major.minor) version; 16 or 17."
  type        = string
  default     = "16"

  validation {
    condition     = can(regex("^1[67](\\.[0-9]+)?$", var.engine_version))
    error_message = "engine_version must be a PostgreSQL 16.x or 17.x version."
  }
}

variable "instance_class" {
  description = "Instance class, e.g. db.t4g.micro (dev) or db.r7g.large (prod)."
  type        = string
  default     = "db.t4g.micro"
}

variable "allocated_storage" {
  description = "Storage in GiB (gp3, 20-65536)."
  type        = number
  default     = 20
}

variable "max_allocated_storage" {
  description = "Storage autoscaling ceiling in GiB (0 disables autoscaling)."
  type        = number
  default     = 100
}

variable "database_name" {
  description = "Database created on the instance (user-service's)."
  type        = string
  default     = "user_service"
}

variable "master_username" {
  description = "Master user; its password is generated and rotated by RDS in Secrets Manager (never a variable)."
  type        = string
  default     = "wechat_admin"
}

variable "app_username" {
  description = "Database user of the application (user-service's DB_USER): SELECT, INSERT, UPDATE, DELETE on the schema's tables, nothing else."
  type        = string
  default     = "wechat_app"
}

variable "migration_username" {
  description = "Database user that runs the schema migrations and owns the schema."
  type        = string
  default     = "wechat_migrator"
}

variable "log_retention_days" {
  description = "Days the exported PostgreSQL log is kept in CloudWatch Logs."
  type        = number
  default     = 30
}

variable "multi_az" {
  description = "Synchronous standby in the other AZ (prod)."
  type        = bool
  default     = false
}

variable "backup_retention_days" {
  description = "Automated backup retention in days (0-35)."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "Keep automated backups: 1-35 days."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the instance (prod). Also decides whether a final snapshot is taken on delete."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for storage and the master secret; null uses the AWS managed keys (storage is encrypted either way)."
  type        = string
  default     = null
}

variable "subnet_ids" {
  description = "Private subnets (two AZs) for the instance and the proxy."
  type        = list(string)
}

variable "database_security_group_ids" {
  description = "Security groups of the instance (admit 5432 from the proxy only)."
  type        = list(string)
}

variable "proxy_security_group_ids" {
  description = "Security groups of RDS Proxy (admit 5432 from the Lambdas)."
  type        = list(string)
}

variable "proxy_iam_auth" {
  description = "Clients authenticate to RDS Proxy with IAM tokens (REQUIRED) instead of the database password (DISABLED)."
  type        = string
  default     = "REQUIRED"

  validation {
    condition     = contains(["REQUIRED", "DISABLED"], var.proxy_iam_auth)
    error_message = "proxy_iam_auth must be REQUIRED or DISABLED."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
