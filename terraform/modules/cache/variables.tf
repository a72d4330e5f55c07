variable "name" {
  description = "Name prefix, e.g. \"wechat-dev\" (replication group \"<name>-redis\", at most 40 characters in all)."
  type        = string
}

variable "engine_version" {
  description = "Redis OSS version."
  type        = string
  default     = "7.1"
}

variable "node_type" {
  description = "Node type, e.g. cache.t4g.micro (dev) or cache.r7g.large (prod)."
  type        = string
  default     = "cache.t4g.micro"
}

variable "num_cache_clusters" {
  description = "Primary plus replicas (2-6). Automatic failover and Multi-AZ need at least 2."
  type        = number
  default     = 2

  validation {
    condition     = var.num_cache_clusters >= 2 && var.num_cache_clusters <= 6
    error_message = "num_cache_clusters must be 2-6 so that a replica can take over."
  }
}

variable "snapshot_retention_limit" {
  description = "Days of automatic snapshots (0 disables them)."
  type        = number
  default     = 1
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for encryption at rest and the auth token secret; null uses AWS managed keys."
  type        = string
  default     = null
}

variable "auth_token_version" {
  description = "Bump to generate a new auth token (stored in Secrets Manager, rotated on the group with ROTATE)."
  type        = number
  default     = 1
}

variable "subnet_ids" {
  description = "Private subnets (two AZs)."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the cache (admit 6379 from the Lambdas only)."
  type        = list(string)
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
