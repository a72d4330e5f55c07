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

variable "media_path_patterns" {
  description = "CloudFront path patterns served from the media bucket: media-service's key prefixes (originals uploads/<ownerId>/<mediaId>, thumbnails/<mediaId>.jpg). They must not overlap the API's paths."
  type        = list(string)
  default     = ["/uploads/*", "/thumbnails/*"]
}

variable "media_url_signing_public_key" {
  description = "Public half (PEM, RSA 2048) of the key media-service signs CloudFront URLs with; it becomes the only key of the media behaviours' trusted key group. Media is private: null serves no media through CloudFront (media-service then hands out presigned S3 URLs)."
  type        = string
  default     = null

  validation {
    condition     = var.media_url_signing_public_key == null || can(regex("-----BEGIN PUBLIC KEY-----", var.media_url_signing_public_key))
    error_message = "media_url_signing_public_key must be a PEM public key (-----BEGIN PUBLIC KEY-----)."
  }
}

variable "http_api_endpoint" {
  description = "HTTP API base URL (https://<id>.execute-api.<region>.amazonaws.com), the second origin."
  type        = string
}

variable "origin_verify_header_value" {
  description = "Value of the X-Origin-Verify header CloudFront adds to requests to the HTTP API (from Secrets Manager; 16 characters or more)."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.origin_verify_header_value) >= 16
    error_message = "origin_verify_header_value must be at least 16 characters."
  }
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

variable "media_require_version_id" {
  description = "Serve uploads only when the URL names an object version (?versionId=, signed with the rest of the URL by media-service): the verified one."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days access logs (CloudFront, S3, WAF) are kept. One of the retentions CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  type        = number
  default     = 90
}

variable "waf_auth_rate_limit" {
  description = "Requests per client IP per 5 minutes to the token endpoints (/auth/*) before WAF blocks (at least 10): login and registration guessing."
  type        = number
  default     = 100

  validation {
    condition     = var.waf_auth_rate_limit >= 10
    error_message = "WAF rate-based rules need a limit of at least 10."
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

variable "admin_aliases" {
  description = "Custom domain names of the admin console's distribution (the acm_certificate_arn certificate must cover them); empty serves it on its *.cloudfront.net domain."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.admin_aliases) == 0 || length(setintersection(var.admin_aliases, var.aliases)) == 0
    error_message = "The admin console is a separate origin: admin_aliases must not repeat the web app's aliases."
  }
}
