mock_provider "aws" {
  source = "../../tests/mocks"
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
