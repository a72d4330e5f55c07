mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  name                        = "wechat-test"
  subnet_ids                  = ["subnet-1", "subnet-2"]
  database_security_group_ids = ["sg-db"]
  proxy_security_group_ids    = ["sg-proxy"]
  multi_az                    = true
  deletion_protection         = true
}

run "database_is_encrypted_backed_up_protected_and_behind_an_iam_proxy" {
  assert {
    condition     = aws_db_instance.this.storage_encrypted
    error_message = "Storage must be encrypted."
  }

  assert {
    condition     = aws_db_proxy.this.require_tls && length(aws_db_proxy.this.auth) == 3 && alltrue([for a in aws_db_proxy.this.auth : a.iam_auth == "REQUIRED"])
    error_message = "The proxy requires TLS and IAM authentication for each of its logins (master, migration, app)."
  }

  assert {
    condition     = aws_db_instance.this.manage_master_user_password && aws_db_instance.this.password == null
    error_message = "The master password is managed by RDS in Secrets Manager, never a variable."
  }

  assert {
    condition     = aws_db_instance.this.backup_retention_period == 7
    error_message = "Backups are kept 7 days."
  }

  assert {
    condition     = aws_db_instance.this.deletion_protection && aws_db_instance.this.multi_az && !aws_db_instance.this.publicly_accessible
    error_message = "Prod settings: deletion protection, Multi-AZ, private."
  }

  assert {
    condition     = startswith(aws_db_instance.this.engine_version, "16") || startswith(aws_db_instance.this.engine_version, "17")
    error_message = "PostgreSQL 16 or 17."
  }

  # Least privilege: each role connects as its own database user only, never as the master.
  assert {
    condition = output.db_connect_arns == {
      app       = "arn:aws:rds-db:${data.aws_region.current.name}:123456789012:dbuser:prx-0123456789abcdef/wechat_app"
      migration = "arn:aws:rds-db:${data.aws_region.current.name}:123456789012:dbuser:prx-0123456789abcdef/wechat_migrator"
    }
    error_message = "rds-db:connect names the proxy's resource ID and one user, app or migration (not the master)."
  }

  assert {
    condition     = toset([for a in aws_db_proxy.this.auth : a.secret_arn]) == toset(concat([aws_db_instance.this.master_user_secret[0].secret_arn], values(output.login_secret_arns)))
    error_message = "The proxy logs in with the master secret and each user's own secret."
  }

  assert {
    condition     = startswith(output.jdbc_url, "jdbc:postgresql://${aws_db_proxy.this.endpoint}:5432/") && strcontains(output.jdbc_url, "sslmode=verify-full") && strcontains(output.jdbc_url, "sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory")
    error_message = "DB_URL goes through the proxy and verifies its certificate and host name (verify-full) against the JDK's trust store."
  }

  assert {
    condition     = one([for p in aws_db_parameter_group.this.parameter : p.value if p.name == "rds.force_ssl"]) == "1" && aws_db_instance.this.parameter_group_name == aws_db_parameter_group.this.name
    error_message = "The instance refuses connections without TLS."
  }

  assert {
    condition     = toset(aws_db_instance.this.enabled_cloudwatch_logs_exports) == toset(keys(aws_cloudwatch_log_group.exports)) && alltrue([for g in aws_cloudwatch_log_group.exports : g.retention_in_days == 30])
    error_message = "Every exported log has a log group with a retention (RDS would create one that never expires)."
  }
}
run "rejects_old_postgres" {
  command = plan

  variables {
    engine_version = "15.4"
  }

  expect_failures = [var.engine_version]
}
