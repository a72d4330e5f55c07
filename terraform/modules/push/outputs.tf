output "apns_platform_application_arn" {
  description = "ARN of the APNs platform application; null when APNs is disabled."
  value       = one(aws_sns_platform_application.apns[*].arn)
}

output "fcm_platform_application_arn" {
  description = "ARN of the FCM platform application; null when FCM is disabled."
  value       = one(aws_sns_platform_application.fcm[*].arn)
}

output "service_environment" {
  description = "notification-service's environment variables for the enabled platforms (a disabled platform's devices are only logged)."
  value = merge(
    local.apns_enabled ? { APNS_PLATFORM_APPLICATION_ARN = aws_sns_platform_application.apns[0].arn } : {},
    local.fcm_enabled ? { FCM_PLATFORM_APPLICATION_ARN = aws_sns_platform_application.fcm[0].arn } : {},
  )
}

output "policy_json" {
  description = "IAM policy for notification-service's role: manage endpoints under these applications and publish to them. Null when no platform is enabled."
  value = length(local.application_arns) == 0 ? null : jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ManagePlatformEndpoints"
        Effect   = "Allow"
        Action   = ["sns:CreatePlatformEndpoint"]
        Resource = local.application_arns
      },
      {
        Sid      = "UsePlatformEndpoints"
        Effect   = "Allow"
        Action   = ["sns:GetEndpointAttributes", "sns:SetEndpointAttributes", "sns:DeleteEndpoint", "sns:Publish"]
        Resource = local.endpoint_arns
      },
    ]
  })
}
