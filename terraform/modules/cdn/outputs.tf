output "distribution_id" {
  description = "CloudFront distribution ID (for invalidations)."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_arn" {
  description = "CloudFront distribution ARN (the buckets' OAC policies admit it)."
  value       = aws_cloudfront_distribution.this.arn
}

output "domain_name" {
  description = "CDN domain (xxxx.cloudfront.net)."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "media_domain" {
  description = "Domain of signed media URLs (CLOUDFRONT_DOMAIN); null when no signing key is configured."
  value       = local.media_signed ? aws_cloudfront_distribution.this.domain_name : null
}

output "media_public_key_id" {
  description = "ID of the CloudFront public key that verifies media URLs (CLOUDFRONT_KEY_PAIR_ID); null without a signing key."
  value       = one(aws_cloudfront_public_key.media[*].id)
}

output "static_bucket_id" {
  description = "Bucket of the web app's static assets."
  value       = module.static_bucket.bucket_id
}

output "web_acl_arn" {
  description = "WAF web ACL on the distribution."
  value       = aws_wafv2_web_acl.this.arn
}

output "media_kms_key_arn" {
  description = "Customer-managed key of the media bucket (null unless create_kms_key)."
  value       = one(aws_kms_key.media[*].arn)
}

output "media_replication" {
  description = "Replication settings for the media bucket (null unless replication_enabled)."
  value = var.replication_enabled ? {
    destination_bucket_arn = aws_s3_bucket.replica[0].arn
    role_arn               = aws_iam_role.replication[0].arn
    replica_kms_key_arn    = one(aws_kms_key.replica[*].arn)
    storage_class          = "STANDARD_IA"
  } : null
}

output "log_bucket_id" {
  description = "Bucket of the access logs (cloudfront/, s3/<bucket>/), expired after log_retention_days."
  value       = aws_s3_bucket.logs.id
}

output "message_path_regex" {
  description = "URI paths where the core rule set's body rules do not block (chat text)."
  value       = local.message_path_regex
}

output "viewer_minimum_protocol_version" {
  description = "The security policy CloudFront applies to viewers (TLSv1 with the default certificate, TLSv1.2_2021 with acm_certificate_arn)."
  value       = aws_cloudfront_distribution.this.viewer_certificate[0].minimum_protocol_version
}

output "web_origin" {
  description = "Origin of the web app (https://<first alias or the distribution's domain>), for the API's CORS."
  value       = local.web_origin
}

output "admin_origin" {
  description = "Origin of the admin console (https://<first admin alias or its distribution's domain>), for the API's CORS."
  value       = local.admin_origin
}

output "admin_distribution_id" {
  description = "CloudFront distribution ID of the admin console (for invalidations)."
  value       = aws_cloudfront_distribution.admin.id
}

output "admin_bucket_id" {
  description = "Bucket of the admin console's files (its config.json is written by this module)."
  value       = module.admin_bucket.bucket_id
}
