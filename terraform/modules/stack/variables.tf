variable "prefix" {
  description = "Project prefix of every name."
  type        = string
  default     = "wechat"
}

variable "environment" {
  description = "dev, staging or prod."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod (local has its own root module)."
  }
}

variable "web_adapter_layer_arn" {
  description = "AWS Lambda Web Adapter layer ARN for the region and architecture, e.g. arn:aws:lambda:us-east-1:753240598075:layer:LambdaAdapterLayerX86:25."
  type        = string
}

variable "package_dir" {
  description = "Folder holding <service>/target/<service>-lambda.zip (`make package`)."
  type        = string
}

variable "services" {
  description = "Per service: memory (MB), the JVM's heap cap (MB; default: the service's measured need, in main.tf), timeout (s), reserved concurrency (-1 = unreserved)."
  type = map(object({
    memory_size                    = optional(number, 1024)
    heap_mb                        = optional(number)
    timeout                        = optional(number, 30)
    reserved_concurrent_executions = optional(number, -1)
  }))
  default = {
    "user-service"         = {}
    "chat-service"         = {}
    "media-service"        = { timeout = 120 }
    "notification-service" = {}
  }

  validation {
    condition     = length(setsubtract(["user-service", "chat-service", "media-service", "notification-service"], keys(var.services))) == 0
    error_message = "services must configure user-service, chat-service, media-service and notification-service."
  }
}

variable "cors_origins" {
  description = "Exact origins of the web apps (CORS on the API and the media bucket)."
  type        = list(string)
}

variable "jwt_issuer" {
  description = "Token issuer URL; null uses the HTTP API URL (user-service serves the discovery document there)."
  type        = string
  default     = null
}

variable "single_nat_gateway" {
  description = "One NAT gateway for both AZs (dev) instead of one per AZ (prod)."
  type        = bool
  default     = false
}

variable "interface_endpoints" {
  description = "Interface VPC endpoints (see the network module; execute-api is refused there)."
  type        = list(string)
  default     = ["sns", "sqs", "secretsmanager", "logs", "sts", "kms"]
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.t4g.micro"
}

variable "db_multi_az" {
  description = "RDS Multi-AZ standby."
  type        = bool
  default     = false
}

variable "cache_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.micro"
}

variable "deletion_protection" {
  description = "Deletion protection on RDS and DynamoDB (staging, prod)."
  type        = bool
  default     = true
}

variable "create_kms_key" {
  description = "Opt-in customer-managed KMS key for media and tables."
  type        = bool
  default     = false
}

variable "media_replication_enabled" {
  description = "Opt-in cross-region replication of the media bucket (to the aws.replica region)."
  type        = bool
  default     = false
}

variable "force_destroy_buckets" {
  description = "Let terraform destroy delete non-empty buckets (dev)."
  type        = bool
  default     = false
}

variable "api_throttling" {
  description = "Stage throttling of both APIs: steady rate (requests/s) and burst."
  type = object({
    rate_limit  = number
    burst_limit = number
  })
  default = { rate_limit = 100, burst_limit = 200 }
}

variable "waf_rate_limit" {
  description = "Requests per IP per 5 minutes before WAF blocks."
  type        = number
  default     = 2000
}

variable "waf_auth_rate_limit" {
  description = "Requests per IP per 5 minutes to /auth/* (login, registration, refresh) before WAF blocks."
  type        = number
  default     = 100
}

variable "origin_verify_version" {
  description = "Bump to generate a new X-Origin-Verify value (CloudFront and the secret change in the same apply)."
  type        = number
  default     = 1
}

variable "cdn_aliases" {
  description = "Custom domain names of the CloudFront distribution (need cdn_certificate_arn)."
  type        = list(string)
  default     = []
}

variable "cdn_admin_aliases" {
  description = "Custom domain names of the admin console's own distribution (cdn_certificate_arn must cover them); empty serves it on its *.cloudfront.net domain."
  type        = list(string)
  default     = []
}

variable "cdn_certificate_arn" {
  description = "ACM certificate in us-east-1 for cdn_aliases. Without one CloudFront uses *.cloudfront.net, whose security policy cannot refuse TLS 1.0/1.1; with one viewers need TLS 1.2 or newer."
  type        = string
  default     = null
}

variable "log_retention_days" {
  description = "Retention of Lambda, API, WAF and VPC flow logs in days."
  type        = number
  default     = 30
}

variable "alarm_emails" {
  description = "Who receives the alarms."
  type        = list(string)
  default     = []
}

variable "media_url_signing_public_key" {
  description = "Public half (PEM) of the RSA key media-service signs CloudFront media URLs with. Its private half (PKCS#8 PEM) goes into the secret output as media_url_signing_key_secret_arn. null: no media through CloudFront, media-service presigns S3 URLs."
  type        = string
  default     = null
}

variable "push" {
  description = <<-EOT
    notification-service's push platforms (see the push module), off by default. Credentials are read
    from Secrets Manager secrets an operator creates first: apns_secret_name (default
    "<prefix>-<environment>/notification-service/apns") holds JSON {"key": PEM, "key_id": "..."} for
    token auth or {"key": PEM, "certificate": PEM} for certificate auth; fcm_secret_name (default
    ".../fcm") holds the Firebase service account JSON.
  EOT
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

variable "tags" {
  description = "Extra tags (the providers add Project/Environment as default tags)."
  type        = map(string)
  default     = {}
}
