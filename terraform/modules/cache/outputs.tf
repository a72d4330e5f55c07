output "replication_group_id" {
  description = "Replication group ID."
  value       = aws_elasticache_replication_group.this.id
}

output "primary_endpoint" {
  description = "Primary endpoint host."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "redis_uri" {
  description = "REDIS_URI without credentials (TLS: rediss://); the services add the token from auth_token_secret_arn."
  value       = "rediss://${aws_elasticache_replication_group.this.primary_endpoint_address}:6379/0"
}

output "auth_token_secret_arn" {
  description = "Secrets Manager secret with the AUTH token (REDIS_AUTH_TOKEN_SECRET_ARN)."
  value       = aws_secretsmanager_secret.auth_token.arn
}
