output "api_url" {
  description = "HTTP API base URL."
  value       = module.stack.api_url
}

output "websocket_url" {
  description = "WebSocket URL."
  value       = module.stack.websocket_url
}

output "cdn_domain" {
  description = "CloudFront domain."
  value       = module.stack.cdn_domain
}

output "function_names" {
  description = "Lambda function names by service."
  value       = module.stack.function_names
}

output "static_bucket" {
  description = "Bucket of the web app's static files."
  value       = module.stack.static_bucket
}

output "jwt_signing_key_secret_arn" {
  description = "Put user-service's signing key here before the first deploy."
  value       = module.stack.jwt_signing_key_secret_arn
}

output "media_url_signing_key_secret_arn" {
  description = "Put media-service's CloudFront signing key (PKCS#8 PEM) here; null without media_url_signing_public_key."
  value       = module.stack.media_url_signing_key_secret_arn
}

output "db_migration_function_name" {
  description = "Runs user-service's schema migrations as the migration user; the deploy invokes it after each apply."
  value       = module.stack.db_migration_function_name
}

output "db_login_secret_arns" {
  description = "RDS Proxy's logins (app, migration): filled once by the database bootstrap (terraform/modules/database/README.md)."
  value       = module.stack.db_login_secret_arns
}
