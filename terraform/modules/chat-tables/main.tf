# Key design: services/chat-service/README.md ("DynamoDB key design"). Keep both in step.

# Messages: one item per message. Partition = conversation, sort = a per-conversation sequence number
# allocated in the same transaction that writes the message, so the order is total, gapless and
# independent of clock skew between instances.
resource "aws_dynamodb_table" "messages" {
  name                        = "${var.name_prefix}-messages"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "conversation_id"
  range_key                   = "seq"
  deletion_protection_enabled = var.deletion_protection
  stream_enabled              = true
  stream_view_type            = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "conversation_id"
    type = "S"
  }

  attribute {
    name = "seq"
    type = "N"
  }

  attribute {
    name = "message_id"
    type = "S"
  }

  attribute {
    name = "sender_id"
    type = "S"
  }

  attribute {
    name = "sent_at_message_id"
    type = "S"
  }

  # Message by id (edit, recall, read receipts): resolves message_id to its primary key.
  global_secondary_index {
    name            = "message-id-index"
    hash_key        = "message_id"
    projection_type = "KEYS_ONLY"
  }

  # Messages by sender, chronological ("<createdAt ISO-8601 ms>#<messageId>" never collides).
  global_secondary_index {
    name            = "sender-timestamp-index"
    hash_key        = "sender_id"
    range_key       = "sent_at_message_id"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags
}

# Conversations, memberships, direct-pair locks, send idempotency keys, blocks and processed event ids:
# one table with generic keys (pk, sk); the item kinds are listed in the service README.
resource "aws_dynamodb_table" "conversations" {
  name                        = "${var.name_prefix}-conversations"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "user_id"
    type = "S"
  }

  attribute {
    name = "last_activity_key"
    type = "S"
  }

  # My conversations by latest activity: sparse, only membership items carry these attributes.
  global_secondary_index {
    name            = "user-conversations-index"
    hash_key        = "user_id"
    range_key       = "last_activity_key"
    projection_type = "ALL"
  }

  # Idempotency keys and processed event ids expire on their own.
  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags
}

# Moderation: reports and the locks that keep one open report per reporter and target, the append-only audit log and
# the daily usage counters (pk/sk, see the service README); status-index lists reports by status, newest first
# (sparse: only report items carry `status`).
module "moderation_table" {
  source = "../table"

  name                     = "${var.name_prefix}-moderation"
  global_secondary_indexes = { "status-index" = { hash_key = "status", range_key = "created_key" } }
  ttl_attribute            = "expires_at"
  point_in_time_recovery   = var.point_in_time_recovery
  deletion_protection      = var.deletion_protection
  kms_key_arn              = var.kms_key_arn

  tags = var.tags
}

# The search index: postings (pk "T#<token>", sk "<createdAt>#<messageId>") kept by the messages table's stream
# consumer; layout and scaling in services/chat-service/README.md ("Search").
module "search_table" {
  source = "../table"

  name                   = "${var.name_prefix}-search"
  point_in_time_recovery = var.point_in_time_recovery
  deletion_protection    = var.deletion_protection
  kms_key_arn            = var.kms_key_arn

  tags = var.tags
}
