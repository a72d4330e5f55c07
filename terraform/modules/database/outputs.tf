output "instance_id" {
  description = "DB instance identifier."
  value       = aws_db_instance.this.identifier
}

output "proxy_endpoint" {
  description = "Host the services connect to (RDS Proxy)."
  value       = aws_db_proxy.this.endpoint
}

output "jdbc_url" {
  description = "DB_URL for user-service: through the proxy, TLS with the server verified (verify-full). RDS Proxy presents an ACM certificate for its endpoint, chained to the Amazon roots that the JDK's trust store holds; DefaultJavaSSLFactory makes pgjdbc use that trust store instead of a root.crt file."
  value       = "jdbc:postgresql://${aws_db_proxy.this.endpoint}:5432/${var.database_name}?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"
}

output "master_username" {
  description = "The master user: for the one-time bootstrap only (README), never a service's DB_USER."
  value       = var.master_username
}

output "app_username" {
  description = "DB_USER of the application (user-service): rows only, no DDL."
  value       = var.app_username
}

output "migration_username" {
  description = "DB_USER of the schema migrations: owns the schema."
  value       = var.migration_username
}

output "login_secret_arns" {
  description = "Secrets RDS Proxy logs in with, by login (app, migration); the bootstrap fills them."
  value       = { for k, s in aws_secretsmanager_secret.login : k => s.arn }
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret holding the master password (managed and rotated by RDS)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "db_connect_arns" {
  description = "Resource for rds-db:connect through the proxy, by login (app, migration): grant each role its own user only."
  value       = { for k, l in local.logins : k => "${local.dbuser_arn_prefix}/${l.username}" }
}

output "safeguards" {
  description = "Protection settings as applied: deletion_protection, multi_az, backup_retention_days, storage_encrypted."
  value = {
    deletion_protection   = aws_db_instance.this.deletion_protection
    multi_az              = aws_db_instance.this.multi_az
    backup_retention_days = aws_db_instance.this.backup_retention_period
    storage_encrypted     = aws_db_instance.this.storage_encrypted
    logs_exported         = aws_db_instance.this.enabled_cloudwatch_logs_exports
    log_retention_days    = distinct([for g in aws_cloudwatch_log_group.exports : g.retention_in_days])
  }
}
