locals {
  subscriptions = merge([
    for queue_key, queue in var.queues : {
      for sub in queue.subscriptions : "${queue_key}.${sub.topic}" => {
        queue        = queue_key
        topic        = sub.topic
        filter_types = sub.filter_types
      }
    }
  ]...)
}

resource "aws_sns_topic" "this" {
  for_each = var.topics

  name              = "${var.name_prefix}-${each.key}"
  display_name      = each.value.display_name
  kms_master_key_id = var.topic_kms_master_key_id

  tags = var.tags
}

# Queues and their DLQs are created side by side and wired afterwards by the redrive resources
# below (as terraform-aws-modules/sqs does), so no queue waits for another to exist.
resource "aws_sqs_queue" "dlq" {
  for_each = var.queues

  name                      = "${var.name_prefix}-${each.key}-dlq"
  message_retention_seconds = each.value.dlq_message_retention_seconds
  sqs_managed_sse_enabled   = true

  tags = var.tags
}

resource "aws_sqs_queue" "this" {
  for_each = var.queues

  name                       = "${var.name_prefix}-${each.key}"
  visibility_timeout_seconds = each.value.visibility_timeout_seconds
  message_retention_seconds  = each.value.message_retention_seconds
  receive_wait_time_seconds  = each.value.receive_wait_time_seconds
  sqs_managed_sse_enabled    = true

  tags = var.tags

  # The redrive policy belongs to aws_sqs_queue_redrive_policy below; reading it back here would
  # only report JSON reformatted by the server (moto) as a change.
  lifecycle {
    ignore_changes = [redrive_policy]
  }
}

resource "aws_sqs_queue_redrive_policy" "this" {
  for_each = var.queues

  queue_url = aws_sqs_queue.this[each.key].id
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq[each.key].arn
    maxReceiveCount     = each.value.max_receive_count
  })
}

resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  for_each = var.redrive_allow_policy_enabled ? var.queues : {}

  queue_url = aws_sqs_queue.dlq[each.key].id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this[each.key].arn]
  })
}

data "aws_iam_policy_document" "queue" {
  for_each = var.queues

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.this[each.key].arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  dynamic "statement" {
    for_each = length(each.value.subscriptions) > 0 ? [1] : []

    content {
      sid       = "AllowSubscribedTopics"
      actions   = ["sqs:SendMessage"]
      resources = [aws_sqs_queue.this[each.key].arn]

      principals {
        type        = "Service"
        identifiers = ["sns.amazonaws.com"]
      }

      condition {
        test     = "ArnEquals"
        variable = "aws:SourceArn"
        values   = [for sub in each.value.subscriptions : aws_sns_topic.this[sub.topic].arn]
      }
    }
  }

  dynamic "statement" {
    for_each = length(each.value.s3_source_bucket_arns) > 0 ? [1] : []

    content {
      sid       = "AllowBucketNotifications"
      actions   = ["sqs:SendMessage"]
      resources = [aws_sqs_queue.this[each.key].arn]

      principals {
        type        = "Service"
        identifiers = ["s3.amazonaws.com"]
      }

      condition {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = each.value.s3_source_bucket_arns
      }
    }
  }
}

resource "aws_sqs_queue_policy" "this" {
  for_each = var.queues

  queue_url = aws_sqs_queue.this[each.key].id
  policy    = data.aws_iam_policy_document.queue[each.key].json

  # Both resources call SetQueueAttributes on the same queue: one after the other, the policy last.
  # moto (the local emulator) drops a queue's Policy whenever its RedrivePolicy is set.
  depends_on = [aws_sqs_queue_redrive_policy.this]
}

resource "aws_sns_topic_subscription" "this" {
  for_each = local.subscriptions

  topic_arn            = aws_sns_topic.this[each.value.topic].arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.this[each.value.queue].arn
  raw_message_delivery = true
  filter_policy_scope  = length(each.value.filter_types) > 0 ? "MessageAttributes" : null
  filter_policy        = length(each.value.filter_types) > 0 ? jsonencode({ type = each.value.filter_types }) : null

  # Real SNS drops messages to a queue whose policy does not admit the topic yet, and a message
  # that arrives before the redrive policy could never reach the DLQ.
  depends_on = [aws_sqs_queue_policy.this, aws_sqs_queue_redrive_policy.this]
}
