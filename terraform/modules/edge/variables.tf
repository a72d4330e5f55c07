variable "name" {
  description = "Name prefix, e.g. \"wechat-dev\"."
  type        = string
}

variable "media_bucket" {
  description = "The media bucket (platform module output): id, arn, regional_domain_name."
  type = object({
    id                   = string
    arn                  = string
    regional_domain_name = string
  })
}

variable "media_path_pattern" {
  description = "CloudFront path pattern served from the media bucket; media-service keeps its objects under this key prefix."
  type        = string
  default     = "/objects/*"
}

variable "media_trusted_key_group_ids" {
  description = "CloudFront key groups whose keys sign media URLs (media is private: signed URLs only). Empty serves media unsigned."
  type        = list(string)
  default     = []
}

variable "http_api_endpoint" {
  description = "HTTP API base URL (https://<id>.execute-api.<region>.amazonaws.com), the second origin."
  type        = string
}

variable "api_path_patterns" {
  description = "Path patterns sent to the HTTP API, uncached (derived from the route table)."
  type        = list(string)
}

variable "price_class" {
  description = "CloudFront price class."
  type        = string
  default     = "PriceClass_100"
}

variable "aliases" {
  description = "Custom domain names of the distribution (need acm_certificate_arn in us-east-1)."
  type        = list(string)
  default     = []
}

variable "acm_certificate_arn" {
  description = "ACM certificate (us-east-1) for the aliases; null uses the *.cloudfront.net certificate."
  type        = string
  default     = null
}

variable "waf_rate_limit" {
  description = "Requests per client IP per 5 minutes before WAF blocks (100-2000000000)."
  type        = number
  default     = 2000

  validation {
    condition     = var.waf_rate_limit >= 100
    error_message = "WAF rate-based rules need a limit of at least 100."
  }
}

variable "create_kms_key" {
  description = "Opt-in: a customer-managed KMS key (rotation on) for the media bucket, readable by this distribution."
  type        = bool
  default     = false
}

variable "replication_enabled" {
  description = "Opt-in: replicate the media bucket to a bucket in the aws.replica provider's region (disaster recovery)."
  type        = bool
  default     = false
}

variable "force_destroy" {
  description = "Let terraform destroy delete the static and replica buckets with their objects."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
