mock_provider "aws" {
  # Mocked values must still pass the provider's own validation (ARNs, JSON).
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_region" {
    defaults = { name = "us-east-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:us-east-1:123456789012:mock-topic" }
  }
  mock_resource "aws_sqs_queue" {
    defaults = { arn = "arn:aws:sqs:us-east-1:123456789012:mock-queue", url = "https://sqs.us-east-1.amazonaws.com/123456789012/mock-queue" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock-role" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:mock" }
  }
  mock_resource "aws_apigatewayv2_api" {
    defaults = { execution_arn = "arn:aws:execute-api:us-east-1:123456789012:mockapi", api_endpoint = "https://mockapi.execute-api.us-east-1.amazonaws.com" }
  }
  mock_resource "aws_lambda_alias" {
    defaults = { arn = "arn:aws:lambda:us-east-1:123456789012:function:mock:live", invoke_arn = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:mock:live/invocations" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::mock-bucket" }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000" }
  }
  mock_resource "aws_cloudfront_distribution" {
    defaults = { arn = "arn:aws:cloudfront::123456789012:distribution/MOCK" }
  }
  mock_resource "aws_wafv2_web_acl" {
    defaults = { arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/mock/00000000-0000-0000-0000-000000000000" }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mock" }
  }

  mock_resource "aws_db_instance" {
    defaults = {
      master_user_secret = [{ secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1", kms_key_id = "", secret_status = "active" }]
    }
  }

  mock_resource "aws_db_proxy_default_target_group" {
    defaults = { name = "default" }
  }
  mock_resource "aws_db_proxy" {
    defaults = {
      arn = "arn:aws:rds:us-east-1:123456789012:db-proxy:prx-0123456789abcdef"
    }
  }

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
