output "instance_id" {
  description = "DB instance identifier."
  value       = aws_db_instance.this.identifier
}

output "proxy_endpoint" {
  description = "Host the services connect to (RDS Proxy)."
  value       = aws_db_proxy.this.endpoint
}

output "jdbc_url" {
  description = "DB_URL for user-service: through the proxy, TLS required."
  value       = "jdbc:postgresql://${aws_db_proxy.this.endpoint}:5432/${var.database_name}?sslmode=require"
}

output "master_username" {
  description = "DB_USER (the proxy's only credential)."
  value       = var.master_username
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret holding the master password (managed and rotated by RDS)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "db_connect_arn" {
  description = "Resource for rds-db:connect through the proxy as the master user (IAM authentication)."
  value       = "arn:${data.aws_partition.current.partition}:rds-db:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:dbuser:${element(split(":", aws_db_proxy.this.arn), 6)}/${var.master_username}"
}

output "safeguards" {
  description = "Protection settings as applied: deletion_protection, multi_az, backup_retention_days, storage_encrypted."
  value = {
    deletion_protection   = aws_db_instance.this.deletion_protection
    multi_az              = aws_db_instance.this.multi_az
    backup_retention_days = aws_db_instance.this.backup_retention_period
    storage_encrypted     = aws_db_instance.this.storage_encrypted
  }
}
