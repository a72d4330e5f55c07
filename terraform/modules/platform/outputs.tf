output "service_environment" {
  description = "Per service, the environment variables that name the AWS resources it reads (queues reach a service through its event source mapping, never by URL)."
  value = {
    "user-service" = {
      USER_EVENTS_TOPIC_ARN = module.messaging.topic_arns["user-events"]
    }
    "chat-service" = {
      MESSAGES_TABLE        = module.chat_tables.messages_table_name
      CONVERSATIONS_TABLE   = module.chat_tables.conversations_table_name
      CHAT_EVENTS_TOPIC_ARN = module.messaging.topic_arns["chat-events"]
      MODERATION_TABLE      = module.chat_tables.moderation_table_name
      SEARCH_TABLE          = module.chat_tables.search_table_name
      # Queues whose depth GET /admin/stats shows (each DLQ is found through its redrive policy).
      ADMIN_QUEUE_URLS = join(",", concat(values(module.messaging.queue_urls), [for q in aws_sqs_queue.stream_failures : q.url]))
    }
    "media-service" = {
      MEDIA_BUCKET           = module.media_bucket.bucket_id
      MEDIA_TABLE            = module.media_table.name
      MEDIA_EVENTS_TOPIC_ARN = module.messaging.topic_arns["media-events"]
    }
    "notification-service" = merge({
      NOTIFICATIONS_TABLE = module.notifications_table.name
      # Below the message queue's visibility timeout, so that the redelivery after a crash resumes the event.
      EVENT_LEASE_SECONDS = tostring(min(60, floor(coalesce(var.queue_visibility_timeout_seconds, local.consumers["message-queue"].visibility_timeout_seconds) / 2)))
    }, module.push.service_environment)
  }
}

output "event_source_mappings" {
  description = "SQS queues consumed by a service: list of {queue_url, queue_arn, service, batch_size, maximum_batching_window_seconds}."
  value = [
    for key, c in local.consumers : {
      queue_url                       = module.messaging.queue_urls[key]
      queue_arn                       = module.messaging.queue_arns[key]
      service                         = c.service
      batch_size                      = c.batch_size
      maximum_batching_window_seconds = c.maximum_batching_window_seconds
    }
  ]
}

output "stream_event_source_mappings" {
  description = "DynamoDB streams consumed by a service, for the local edge: list of {stream_arn, service, batch_size, maximum_batching_window_seconds, maximum_retry_attempts, bisect_batch_on_function_error, starting_position, parallelization_factor, on_failure_queue_url, on_failure_queue_arn}."
  value = [
    for key, c in local.stream_consumers : {
      stream_arn                      = c.stream_arn
      service                         = c.service
      batch_size                      = c.batch_size
      maximum_batching_window_seconds = c.maximum_batching_window_seconds
      maximum_retry_attempts          = c.maximum_retry_attempts
      bisect_batch_on_function_error  = true
      starting_position               = c.starting_position
      parallelization_factor          = c.parallelization_factor
      on_failure_queue_url            = aws_sqs_queue.stream_failures[key].url
      on_failure_queue_arn            = aws_sqs_queue.stream_failures[key].arn
    }
  ]
}

output "stream_consumers" {
  description = "DynamoDB stream consumers by key: {service, stream_arn, on_failure_queue_arn, batch_size, maximum_batching_window_seconds, maximum_retry_attempts, starting_position} (the AWS environments' stream event source mappings)."
  value = {
    for key, c in local.stream_consumers : key => merge(c, { on_failure_queue_arn = aws_sqs_queue.stream_failures[key].arn })
  }
}

output "consumers" {
  description = "SQS consumers by queue key: {service, queue_arn, batch_size, maximum_batching_window_seconds} (the AWS environments' event source mappings)."
  value = {
    for key, c in local.consumers : key => {
      service                         = c.service
      queue_arn                       = module.messaging.queue_arns[key]
      batch_size                      = c.batch_size
      maximum_batching_window_seconds = c.maximum_batching_window_seconds
    }
  }
}

output "service_access" {
  description = "Per service, the resources its IAM role may use: tables (with index ARNs), topics it publishes to, queues it consumes, buckets it reads and writes, and extra inline policies by name (notification-service's push)."
  value = {
    "user-service" = {
      table_arns         = []
      publish_topic_arns = [module.messaging.topic_arns["user-events"]]
      consume_queue_arns = []
      bucket_arns        = []
      inline_policies    = {}
    }
    "chat-service" = {
      table_arns         = module.chat_tables.table_arns
      publish_topic_arns = [module.messaging.topic_arns["chat-events"]]
      consume_queue_arns = [module.messaging.queue_arns["chat-user-events"]]
      bucket_arns        = []
      inline_policies    = { queue-depths = local.queue_depths_policy, audit-append-only = local.audit_append_only_policy }
    }
    "media-service" = {
      table_arns         = module.media_table.arns
      publish_topic_arns = [module.messaging.topic_arns["media-events"]]
      consume_queue_arns = [module.messaging.queue_arns["media-uploads"], module.messaging.queue_arns["media-chat-events"]]
      bucket_arns        = [module.media_bucket.bucket_arn]
      inline_policies    = {}
    }
    "notification-service" = {
      table_arns         = module.notifications_table.arns
      publish_topic_arns = []
      consume_queue_arns = [module.messaging.queue_arns["message-queue"]]
      bucket_arns        = []
      inline_policies    = { for name, json in { push = module.push.policy_json } : name => json if local.push_enabled }
    }
  }
}

output "push_platform_application_arns" {
  description = "SNS platform application ARNs of notification-service: apns, fcm (null when disabled)."
  value = {
    apns = module.push.apns_platform_application_arn
    fcm  = module.push.fcm_platform_application_arn
  }
}

output "topic_arns" {
  description = "SNS topic ARNs by key (user-events, chat-events, media-events)."
  value       = module.messaging.topic_arns
}

output "queue_urls" {
  description = "SQS queue URLs by key."
  value       = module.messaging.queue_urls
}

output "dlq_names" {
  description = "Dead-letter queue names by queue key (for alarms)."
  value       = module.messaging.dlq_names
}

output "failure_queue_names" {
  description = "Every queue where failed work waits, by key: the consumer queues' DLQs and the stream consumers' on-failure queues (<key>-stream-failures), for alarms."
  value = merge(module.messaging.dlq_names, {
    for key, q in aws_sqs_queue.stream_failures : "${key}-stream-failures" => q.name
  })
}

output "media_bucket" {
  description = "The media bucket: id, arn, regional domain name (CloudFront origin)."
  value = {
    id                   = module.media_bucket.bucket_id
    arn                  = module.media_bucket.bucket_arn
    regional_domain_name = module.media_bucket.bucket_regional_domain_name
  }
}

output "messages_stream_arn" {
  description = "Stream of the messages table."
  value       = module.chat_tables.messages_stream_arn
}

output "tables_deletion_protection" {
  description = "Deletion protection of every table of the platform: messages, conversations, moderation, search, media, notifications."
  value = merge(module.chat_tables.deletion_protection, {
    media         = module.media_table.deletion_protection
    notifications = module.notifications_table.deletion_protection
  })
}
