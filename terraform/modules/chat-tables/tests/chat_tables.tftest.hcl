mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  name_prefix = "wechat-test"
}

run "defaults" {
  command = apply

  assert {
    condition     = aws_dynamodb_table.messages.name == "wechat-test-messages" && aws_dynamodb_table.conversations.name == "wechat-test-conversations"
    error_message = "Tables must be named <name_prefix>-messages and <name_prefix>-conversations."
  }

  assert {
    condition     = aws_dynamodb_table.messages.billing_mode == "PAY_PER_REQUEST" && aws_dynamodb_table.conversations.billing_mode == "PAY_PER_REQUEST"
    error_message = "Both tables must be on-demand."
  }

  assert {
    condition     = aws_dynamodb_table.messages.point_in_time_recovery[0].enabled && aws_dynamodb_table.conversations.point_in_time_recovery[0].enabled
    error_message = "Point-in-time recovery must be on by default."
  }

  assert {
    condition     = aws_dynamodb_table.messages.server_side_encryption[0].enabled && aws_dynamodb_table.conversations.server_side_encryption[0].enabled
    error_message = "Server-side encryption must be on."
  }

  assert {
    condition     = aws_dynamodb_table.messages.stream_enabled && aws_dynamodb_table.messages.stream_view_type == "NEW_AND_OLD_IMAGES"
    error_message = "The messages table must stream new and old images."
  }

  assert {
    condition     = aws_dynamodb_table.messages.hash_key == "conversation_id" && aws_dynamodb_table.messages.range_key == "seq"
    error_message = "Messages are keyed by (conversation_id, seq)."
  }

  assert {
    condition     = one([for a in aws_dynamodb_table.messages.attribute : a.type if a.name == "seq"]) == "N"
    error_message = "seq must be a number so that it sorts numerically."
  }

  assert {
    condition = (
      one([for i in aws_dynamodb_table.messages.global_secondary_index : i.hash_key if i.name == "message-id-index"]) == "message_id" &&
      one([for i in aws_dynamodb_table.messages.global_secondary_index : i.range_key if i.name == "sender-timestamp-index"]) == "sent_at_message_id"
    )
    error_message = "The messages table needs message-id-index and sender-timestamp-index."
  }

  assert {
    condition     = aws_dynamodb_table.conversations.hash_key == "pk" && aws_dynamodb_table.conversations.range_key == "sk"
    error_message = "The conversations table is keyed by (pk, sk)."
  }

  assert {
    condition = (
      one([for i in aws_dynamodb_table.conversations.global_secondary_index : i.hash_key if i.name == "user-conversations-index"]) == "user_id" &&
      one([for i in aws_dynamodb_table.conversations.global_secondary_index : i.range_key if i.name == "user-conversations-index"]) == "last_activity_key"
    )
    error_message = "The conversations table needs user-conversations-index (user_id, last_activity_key)."
  }

  assert {
    condition     = aws_dynamodb_table.conversations.ttl[0].enabled && aws_dynamodb_table.conversations.ttl[0].attribute_name == "expires_at"
    error_message = "TTL on expires_at must be on for idempotency keys and processed event ids."
  }

  assert {
    condition     = !aws_dynamodb_table.messages.deletion_protection_enabled
    error_message = "Deletion protection is off by default."
  }

  assert {
    condition     = output.moderation_table_name == "wechat-test-moderation" && output.search_table_name == "wechat-test-search"
    error_message = "The moderation and search tables must be named <name_prefix>-moderation and <name_prefix>-search."
  }

  assert {
    condition     = length(output.table_arns) == 9 && contains(output.table_arns, "${output.moderation_table_arn}/index/*") && contains(output.table_arns, output.search_table_arn)
    error_message = "table_arns must list every table and every index: messages and conversations with their three indexes, moderation and search with theirs."
  }
}

run "hardened" {
  command = plan

  variables {
    deletion_protection    = true
    point_in_time_recovery = true
    kms_key_arn            = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000"
    tags                   = { Environment = "prod" }
  }

  assert {
    condition     = alltrue(values(output.deletion_protection)) && length(output.deletion_protection) == 4
    error_message = "deletion_protection must reach every table."
  }

  assert {
    condition     = aws_dynamodb_table.messages.server_side_encryption[0].kms_key_arn == "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000"
    error_message = "kms_key_arn must reach the tables."
  }

  assert {
    condition     = aws_dynamodb_table.conversations.tags["Environment"] == "prod"
    error_message = "Tags must reach the tables."
  }
}

run "rejects_bad_prefix" {
  command = plan

  variables {
    name_prefix = "no spaces"
  }

  expect_failures = [var.name_prefix]
}
