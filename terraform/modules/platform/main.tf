# Everything with state that every environment has, local included: event topics and queues, tables
# and the media bucket. The consumers, filters and env var names are declared here once; environments
# only choose sizes and protections.
data "aws_partition" "current" {}

locals {
  name              = "${var.prefix}-${var.environment}"
  media_bucket_name = coalesce(var.media_bucket_name, "${local.name}-media")
  media_bucket_arn  = "arn:${data.aws_partition.current.partition}:s3:::${local.media_bucket_name}"

  # Queue key => consumer. Visibility timeouts are 6x the consumer Lambda's timeout (AWS guidance for
  # event source mappings); the service module's timeouts are in the AWS environments.
  consumers = {
    "chat-user-events" = {
      service                         = "chat-service"
      visibility_timeout_seconds      = 180
      batch_size                      = 10
      maximum_batching_window_seconds = 0
      subscriptions = [{ topic = "user-events", filter_types = [
        "user.registered", "user.blocked", "user.unblocked", "user.profile-updated",
        "user.disabled", "user.enabled", "user.signedOut", "user.deleted",
      ] }]
      s3_source_bucket_arns = []
    }
    "message-queue" = {
      service                         = "notification-service"
      visibility_timeout_seconds      = 180
      batch_size                      = 10
      maximum_batching_window_seconds = 0
      # user.disabled / user.enabled: a disabled account gets no pushes; user.deleted: its devices, mutes and
      # push history are erased.
      subscriptions = [
        { topic = "chat-events", filter_types = ["message.sent"] },
        { topic = "user-events", filter_types = ["user.disabled", "user.enabled", "user.deleted"] },
      ]
      s3_source_bucket_arns = []
    }
    # A message removed by a moderator: media-service stops serving its media; a media forwarded to another
    # conversation (media.shared): its members may read it. A deleted account (user.deleted): media-service erases
    # that user's objects and records.
    "media-chat-events" = {
      service                         = "media-service"
      visibility_timeout_seconds      = 180
      batch_size                      = 10
      maximum_batching_window_seconds = 0
      subscriptions = [
        { topic = "chat-events", filter_types = ["message.removed", "media.shared"] },
        { topic = "user-events", filter_types = ["user.deleted"] },
      ]
      s3_source_bucket_arns = []
    }
    "media-uploads" = {
      service                         = "media-service"
      visibility_timeout_seconds      = 720
      batch_size                      = 5
      maximum_batching_window_seconds = 0
      subscriptions                   = []
      s3_source_bucket_arns           = [local.media_bucket_arn]
    }
  }

  # Stream key => consumer: a DynamoDB stream whose committed items a service turns into events (in AWS a Lambda
  # event source mapping, locally the edge). What it gives up on after its retries is described on the key's
  # on-failure queue.
  stream_consumers = {
    "chat-messages" = {
      service                         = "chat-service"
      stream_arn                      = module.chat_tables.messages_stream_arn
      batch_size                      = 100
      maximum_batching_window_seconds = 0
      maximum_retry_attempts          = 10
      starting_position               = "TRIM_HORIZON"
      # Up to 10 batches of a shard at once: Lambda keeps the order per partition key, the conversation (the table's
      # hash key), which is all the consumer needs, so a burst in one conversation no longer holds up the others.
      parallelization_factor = 10
    }
  }

  # The queues whose depth GET /admin/stats shows: every consumer queue, its DLQ, and the stream failure queues.
  observed_queue_arns = concat(values(module.messaging.queue_arns), values(module.messaging.dlq_arns),
  [for q in aws_sqs_queue.stream_failures : q.arn])
  # The audit log (partition AUDIT of the moderation table) is append-only: chat-service's role may add entries
  # (conditional PutItem) but never update or delete one.
  audit_append_only_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AuditLogIsAppendOnly"
      Effect    = "Deny"
      Action    = ["dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]
      Resource  = module.chat_tables.moderation_table_arn
      Condition = { "ForAnyValue:StringEquals" = { "dynamodb:LeadingKeys" = ["AUDIT"] } }
    }]
  })
  # chat-service reads those queues' depth: that one action on them and nothing else.
  queue_depths_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ReadQueueDepths"
      Effect   = "Allow"
      Action   = ["sqs:GetQueueAttributes"]
      Resource = local.observed_queue_arns
    }]
  })

  # Decided by settings, not by resources, so that for_each keys downstream are known at plan time.
  push_enabled = var.push.apns.enabled || var.push.fcm_enabled
}

module "messaging" {
  source = "../messaging"

  name_prefix                  = local.name
  topic_kms_master_key_id      = var.topic_kms_master_key_id
  redrive_allow_policy_enabled = !var.emulator

  topics = {
    "user-events"  = { display_name = "User events" }
    "chat-events"  = { display_name = "Chat events" }
    "media-events" = { display_name = "Media events" }
  }

  queues = {
    for key, c in local.consumers : key => {
      visibility_timeout_seconds = coalesce(var.queue_visibility_timeout_seconds, c.visibility_timeout_seconds)
      subscriptions              = c.subscriptions
      s3_source_bucket_arns      = c.s3_source_bucket_arns
    }
  }

  tags = var.tags
}

# On-failure destinations of the stream consumers: each message describes a batch of stream records that was
# retried to the end (shard, first and last sequence number); the records themselves stay in the stream for 24 h.
resource "aws_sqs_queue" "stream_failures" {
  for_each = local.stream_consumers

  name                      = "${local.name}-${each.key}-stream-failures"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true

  tags = var.tags
}

module "media_bucket" {
  source = "../media-bucket"

  bucket_name                  = local.media_bucket_name
  force_destroy                = var.media_bucket_force_destroy
  deny_insecure_transport      = !var.emulator
  kms_key_arn                  = var.kms_key_arn
  cors_read_origins            = var.cors_read_origins
  cors_upload_origins          = var.cors_upload_origins
  cloudfront_distribution_arns = var.cloudfront_distribution_arns
  object_created_queue_arns    = var.media_notifications_enabled ? [module.messaging.queue_arns["media-uploads"]] : []
  # Uploads only: media-service writes thumbnails under thumbnails/ and must not be told about them.
  object_created_filter_prefix = "uploads/"
  replication                  = var.media_replication
  access_log                   = var.media_access_log

  tags = var.tags
}

# Every table of chat-service: messages (with the stream), conversations, moderation, search.
module "chat_tables" {
  source = "../chat-tables"

  name_prefix            = local.name
  point_in_time_recovery = var.point_in_time_recovery
  deletion_protection    = var.deletion_protection
  kms_key_arn            = var.kms_key_arn

  tags = var.tags
}

# chat-service's moderation and search tables belonged to this module before chat-tables held every table of the
# service: the moves keep the deployed tables.
moved {
  from = module.moderation_table
  to   = module.chat_tables.module.moderation_table
}

moved {
  from = module.search_table
  to   = module.chat_tables.module.search_table
}

# media-service's metadata: one item per media object (pk "MEDIA#<mediaId>", sk "META") and whatever
# else the service README lists; expires_at lets abandoned upload reservations expire.
module "media_table" {
  source = "../table"

  name                   = "${local.name}-media"
  ttl_attribute          = "expires_at"
  point_in_time_recovery = var.point_in_time_recovery
  deletion_protection    = var.deletion_protection
  kms_key_arn            = var.kms_key_arn

  tags = var.tags
}

# notification-service's devices, mutes, notification log and processed event ids (pk/sk, see the
# service README); expires_at ages out the log and the idempotency records.
module "notifications_table" {
  source = "../table"

  name                   = "${local.name}-notifications"
  ttl_attribute          = "expires_at"
  point_in_time_recovery = var.point_in_time_recovery
  deletion_protection    = var.deletion_protection
  kms_key_arn            = var.kms_key_arn

  tags = var.tags
}

# notification-service's SNS platform applications (APNs, FCM); each only when enabled.
module "push" {
  source = "../push"

  name_prefix              = local.name
  apns                     = var.push.apns
  apns_platform_credential = var.push_credentials.apns_platform_credential
  apns_platform_principal  = var.push_credentials.apns_platform_principal
  fcm_enabled              = var.push.fcm_enabled
  fcm_platform_credential  = var.push_credentials.fcm_platform_credential
}
