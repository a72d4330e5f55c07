variable "name_prefix" {
  description = "Prefix of the platform application names, e.g. \"wechat-dev\" (names: <prefix>-apns, <prefix>-fcm; at most 256 characters: letters, digits, _ - .)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,240}$", var.name_prefix))
    error_message = "name_prefix must be 1-240 letters, digits, underscores, hyphens or dots."
  }
}

variable "apns" {
  description = <<-EOT
    Apple Push Notification service. auth "token" (recommended: a .p8 signing key that does not expire)
    needs team_id and bundle_id, with apns_platform_credential = the signing key and
    apns_platform_principal = its key id; auth "certificate" takes the private key and the certificate.
    sandbox = true targets APNs' development environment (APNS_SANDBOX).
  EOT
  type = object({
    enabled   = optional(bool, false)
    sandbox   = optional(bool, false)
    auth      = optional(string, "token")
    team_id   = optional(string)
    bundle_id = optional(string)
  })
  default = {}

  validation {
    condition     = contains(["token", "certificate"], var.apns.auth)
    error_message = "apns.auth must be \"token\" or \"certificate\"."
  }

  validation {
    condition     = !var.apns.enabled || var.apns.auth != "token" || (var.apns.team_id != null && var.apns.bundle_id != null)
    error_message = "Token-based APNs needs apns.team_id and apns.bundle_id."
  }
}

variable "apns_platform_credential" {
  description = "APNs signing key (token auth) or private key (certificate auth), PEM. From Secrets Manager or an untracked tfvars file, never from code."
  type        = string
  default     = null
  sensitive   = true
}

variable "apns_platform_principal" {
  description = "APNs signing key id (token auth) or certificate (certificate auth)."
  type        = string
  default     = null
  sensitive   = true
}

variable "fcm_enabled" {
  description = "Create the Firebase Cloud Messaging platform application (SNS platform GCM)."
  type        = bool
  default     = false
}

variable "fcm_platform_credential" {
  description = "FCM HTTP v1 credentials: the Firebase service account's JSON key, as a string. From Secrets Manager or an untracked tfvars file, never from code."
  type        = string
  default     = null
  sensitive   = true
}

variable "failure_feedback_role_arn" {
  description = "IAM role SNS assumes to log failed deliveries to CloudWatch Logs; null logs nothing."
  type        = string
  default     = null
}

variable "success_feedback_role_arn" {
  description = "IAM role SNS assumes to log successful deliveries to CloudWatch Logs; null logs nothing."
  type        = string
  default     = null
}

variable "success_feedback_sample_rate" {
  description = "Percentage (0-100) of successful deliveries logged when success_feedback_role_arn is set."
  type        = number
  default     = 10

  validation {
    condition     = var.success_feedback_sample_rate >= 0 && var.success_feedback_sample_rate <= 100
    error_message = "success_feedback_sample_rate must be between 0 and 100."
  }
}
