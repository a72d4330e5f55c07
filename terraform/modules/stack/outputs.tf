output "api_url" {
  description = "HTTP API base URL."
  value       = module.api.http_api_endpoint
}

output "websocket_url" {
  description = "WebSocket URL (wss://...)."
  value       = module.api.websocket_url
}

output "cdn_domain" {
  description = "CloudFront domain serving the web app, media and the API."
  value       = module.cdn.domain_name
}

output "jwt_issuer" {
  description = "Issuer the API trusts."
  value       = module.api.jwt_issuer
}

output "function_names" {
  description = "Lambda function names by service."
  value       = { for svc, m in module.service : svc => m.function_name }
}

output "static_bucket" {
  description = "Bucket to upload the web app to."
  value       = module.cdn.static_bucket_id
}

output "jwt_signing_key_secret_arn" {
  description = "Secret to put user-service's signing key into before the first deploy."
  value       = aws_secretsmanager_secret.jwt_signing_key.arn
}

output "media_url_signing_key_secret_arn" {
  description = "Secret to put media-service's CloudFront signing key (PKCS#8 PEM) into; null without media_url_signing_public_key."
  value       = one(aws_secretsmanager_secret.media_url_signing_key[*].arn)
}

output "alarm_topic_arn" {
  description = "Alarm notifications."
  value       = module.monitoring.alarm_topic_arn
}

output "service_environment_names" {
  description = "Per service, the names of the environment variables its Lambda gets (values are in the functions' configuration), for tests and reviews."
  value       = { for svc, m in module.service : svc => m.environment_names }
}

output "safeguards" {
  description = "What protects the environment, for tests and reviews: database settings, deletion protection of every table, NAT gateways, interface endpoints (with private DNS), VPC flow logs."
  value = {
    database                       = module.database.safeguards
    tables_deletion_protection     = module.platform.tables_deletion_protection
    nat_gateways                   = length(module.network.nat_gateway_ids)
    interface_endpoint_private_dns = module.network.interface_endpoint_private_dns
    flow_log_group_name            = module.network.flow_log_group_name
  }
}

output "db_migration_function_name" {
  description = "Function that runs user-service's schema migrations as the migration user; invoke it once after each apply."
  value       = module.db_migration.function_name
}

output "db_login_secret_arns" {
  description = "Secrets RDS Proxy logs in with (app, migration), filled once by the database bootstrap (modules/database/README.md)."
  value       = module.database.login_secret_arns
}

output "service_policies" {
  description = "Per function (the four services and user-service-migrate), its IAM policy document, for tests and reviews."
  value       = merge({ for svc, m in module.service : svc => m.policy_json }, { "user-service-migrate" = module.db_migration.policy_json })
}

output "admin_console_url" {
  description = "Where the admin console is served: its own distribution, a separate origin that the API's CORS allows."
  value       = module.cdn.admin_origin
}
