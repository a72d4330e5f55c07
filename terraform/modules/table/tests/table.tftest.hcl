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
}

variables {
  name                = "wechat-test-media"
  ttl_attribute       = "expires_at"
  deletion_protection = true
}

run "table_declares_only_its_key_attributes_and_expires_items" {
  command = plan

  variables {
    global_secondary_indexes = {
      "by-owner" = { hash_key = "owner_id", range_key = "sk" }
    }
  }

  # DynamoDB refuses attribute definitions that no key uses; the module derives them from the keys,
  # once each, the GSI's shared sort key included.
  assert {
    condition     = toset([for a in aws_dynamodb_table.this.attribute : a.name]) == toset(["owner_id", "pk", "sk"]) && length(aws_dynamodb_table.this.attribute) == 3
    error_message = "Attributes are exactly the table's and the indexes' keys, without duplicates."
  }

  assert {
    condition     = one(aws_dynamodb_table.this.ttl[*].attribute_name) == "expires_at" && one(aws_dynamodb_table.this.ttl[*].enabled)
    error_message = "A TTL attribute turns expiry on for it."
  }

  assert {
    condition     = aws_dynamodb_table.this.billing_mode == "PAY_PER_REQUEST" && aws_dynamodb_table.this.point_in_time_recovery[0].enabled
    error_message = "Tables are on demand, with point-in-time recovery unless turned off."
  }
}

run "iam_gets_the_table_and_its_indexes" {
  assert {
    condition     = output.arns == [aws_dynamodb_table.this.arn, "${aws_dynamodb_table.this.arn}/index/*"]
    error_message = "Policies get the table and every index of it, nothing else."
  }

  assert {
    condition     = output.deletion_protection == aws_dynamodb_table.this.deletion_protection_enabled && output.deletion_protection
    error_message = "The deletion_protection output reports the table as created."
  }
}

run "no_ttl_without_an_attribute" {
  command = plan

  variables {
    ttl_attribute = null
  }

  assert {
    condition     = length(aws_dynamodb_table.this.ttl) == 0
    error_message = "No TTL unless an attribute is named."
  }
}

run "table_name_is_checked" {
  command = plan

  variables {
    name = "x"
  }

  expect_failures = [var.name]
}
