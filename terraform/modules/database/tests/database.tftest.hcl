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
    condition     = aws_db_proxy.this.require_tls && one(aws_db_proxy.this.auth).iam_auth == "REQUIRED"
    error_message = "The proxy requires TLS and IAM authentication."
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

  assert {
    condition     = output.db_connect_arn == "arn:aws:rds-db:${data.aws_region.current.name}:123456789012:dbuser:prx-0123456789abcdef/wechat_admin"
    error_message = "rds-db:connect must name the proxy's resource ID and the user."
  }
}
run "rejects_old_postgres" {
  command = plan

  variables {
    engine_version = "15.4"
  }

  expect_failures = [var.engine_version]
}
