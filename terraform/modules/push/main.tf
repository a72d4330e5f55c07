# SNS mobile push for notification-service: one platform application per push service. The service
# creates a platform endpoint per device token under these and publishes to it. Credentials come in
# as sensitive variables (Secrets Manager or untracked tfvars in the environments); they are stored in
# the Terraform state, so the state backend must be encrypted and access-controlled.
data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  apns_enabled = var.apns.enabled
  fcm_enabled  = var.fcm_enabled
  apns_name    = "${var.name_prefix}-apns"
  fcm_name     = "${var.name_prefix}-fcm"
  token_auth   = var.apns.auth == "token"

  sns_arn_prefix = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}"
  apns_platform  = var.apns.sandbox ? "APNS_SANDBOX" : "APNS"

  application_arns = concat(aws_sns_platform_application.apns[*].arn, aws_sns_platform_application.fcm[*].arn)
  # Endpoints are named after their application: <sns>:endpoint/<platform>/<application name>/<id>.
  endpoint_arns = concat(
    local.apns_enabled ? ["${local.sns_arn_prefix}:endpoint/${local.apns_platform}/${local.apns_name}/*"] : [],
    local.fcm_enabled ? ["${local.sns_arn_prefix}:endpoint/GCM/${local.fcm_name}/*"] : [],
  )
}

resource "aws_sns_platform_application" "apns" {
  count = local.apns_enabled ? 1 : 0

  name                = local.apns_name
  platform            = local.apns_platform
  platform_credential = var.apns_platform_credential
  platform_principal  = var.apns_platform_principal

  apple_platform_team_id   = local.token_auth ? var.apns.team_id : null
  apple_platform_bundle_id = local.token_auth ? var.apns.bundle_id : null

  failure_feedback_role_arn    = var.failure_feedback_role_arn
  success_feedback_role_arn    = var.success_feedback_role_arn
  success_feedback_sample_rate = var.success_feedback_role_arn == null ? null : tostring(var.success_feedback_sample_rate)

  lifecycle {
    precondition {
      condition     = var.apns_platform_credential != null && var.apns_platform_principal != null
      error_message = "APNs needs apns_platform_credential and apns_platform_principal."
    }
  }
}

resource "aws_sns_platform_application" "fcm" {
  count = local.fcm_enabled ? 1 : 0

  name                = local.fcm_name
  platform            = "GCM"
  platform_credential = var.fcm_platform_credential

  failure_feedback_role_arn    = var.failure_feedback_role_arn
  success_feedback_role_arn    = var.success_feedback_role_arn
  success_feedback_sample_rate = var.success_feedback_role_arn == null ? null : tostring(var.success_feedback_sample_rate)

  lifecycle {
    precondition {
      condition     = var.fcm_platform_credential != null
      error_message = "FCM needs fcm_platform_credential (the service account JSON)."
    }
  }
}
