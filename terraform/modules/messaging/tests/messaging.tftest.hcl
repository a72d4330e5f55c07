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
  name_prefix = "wechat-test"
  topics      = { "user-events" = {} }
  queues = {
    "chat-user-events" = {
      subscriptions = [{ topic = "user-events", filter_types = ["user.blocked", "user.unblocked"] }]
    }
  }
}

run "queue_is_encrypted_redrives_after_three_receives_and_subscribes_raw_filtered" {
  assert {
    condition     = jsondecode(aws_sqs_queue_redrive_policy.this["chat-user-events"].redrive_policy).maxReceiveCount == 3
    error_message = "maxReceiveCount must be 3."
  }

  assert {
    condition     = aws_sqs_queue.this["chat-user-events"].sqs_managed_sse_enabled && aws_sqs_queue.dlq["chat-user-events"].sqs_managed_sse_enabled
    error_message = "Queues and DLQs must use SSE."
  }

  assert {
    condition     = aws_sns_topic_subscription.this["chat-user-events.user-events"].raw_message_delivery
    error_message = "Delivery must be raw."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue_redrive_policy.this["chat-user-events"].redrive_policy).deadLetterTargetArn == aws_sqs_queue.dlq["chat-user-events"].arn
    error_message = "The queue must redrive to its own DLQ."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue_redrive_allow_policy.dlq["chat-user-events"].redrive_allow_policy).redrivePermission == "byQueue"
    error_message = "The DLQ must only accept its own source queue."
  }

  assert {
    condition     = aws_sqs_queue.this["chat-user-events"].name == "wechat-test-chat-user-events" && aws_sqs_queue.dlq["chat-user-events"].name == "wechat-test-chat-user-events-dlq"
    error_message = "Queue names must follow <prefix>-<key> and <prefix>-<key>-dlq."
  }

  assert {
    condition     = aws_sqs_queue.this["chat-user-events"].message_retention_seconds == 1209600 && aws_sqs_queue.dlq["chat-user-events"].message_retention_seconds == 1209600
    error_message = "Retention must be 14 days."
  }

  assert {
    condition     = jsondecode(aws_sns_topic_subscription.this["chat-user-events.user-events"].filter_policy).type == ["user.blocked", "user.unblocked"]
    error_message = "The filter policy must list the wanted event types on attribute `type`."
  }

  assert {
    condition     = aws_sns_topic_subscription.this["chat-user-events.user-events"].filter_policy_scope == "MessageAttributes"
    error_message = "The filter must apply to message attributes."
  }
}
run "emulator_mode_leaves_out_redrive_allow_policies" {
  variables {
    redrive_allow_policy_enabled = false
  }

  assert {
    condition     = length(aws_sqs_queue_redrive_allow_policy.dlq) == 0
    error_message = "No redrive allow policy against the emulator."
  }
}

run "rejects_out_of_range_receive_count" {
  command = plan

  variables {
    queues = { "q" = { max_receive_count = 0 } }
  }

  expect_failures = [var.queues]
}
