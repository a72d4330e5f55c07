mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  environment = "test"
}

run "rejects_unknown_environment" {
  command         = plan
  expect_failures = [var.environment]
}

run "every_queue_redrives_after_three_receives" {
  variables {
    environment = "dev"
  }

  assert {
    condition     = alltrue([for q in module.messaging.redrive_policies : jsondecode(q).maxReceiveCount == 3]) && length(module.messaging.redrive_policies) == 4
    error_message = "Every consumer queue goes to its DLQ after 3 receives."
  }

  assert {
    condition     = output.service_environment["chat-service"]["CHAT_EVENTS_TOPIC_ARN"] == module.messaging.topic_arns["chat-events"] && keys(output.service_environment) == ["chat-service", "media-service", "notification-service", "user-service"]
    error_message = "service_environment names the contract's services."
  }

  assert {
    condition     = keys(output.service_environment["chat-service"]) == ["ADMIN_QUEUE_URLS", "CHAT_EVENTS_TOPIC_ARN", "CONVERSATIONS_TABLE", "MESSAGES_TABLE", "MODERATION_TABLE", "SEARCH_TABLE"] && keys(output.service_environment["media-service"]) == ["MEDIA_BUCKET", "MEDIA_EVENTS_TOPIC_ARN", "MEDIA_TABLE"] && keys(output.service_environment["notification-service"]) == ["EVENT_LEASE_SECONDS", "NOTIFICATIONS_TABLE"]
    error_message = "Exactly the env var names the services read: no queue URLs to consume (queues reach a service through its event source mapping); chat-service's ADMIN_QUEUE_URLS are only read for their depth."
  }

  assert {
    condition     = values(module.messaging.queue_names) == ["wechat-dev-chat-user-events", "wechat-dev-media-chat-events", "wechat-dev-media-uploads", "wechat-dev-message-queue"]
    error_message = "Queue names follow the contract."
  }

  # A message in a DLQ or a batch in a stream's on-failure queue is work that failed: each such queue is alarmed.
  assert {
    condition = toset(values(output.failure_queue_names)) == toset(concat(
      values(module.messaging.dlq_names), [for key, c in output.stream_consumers : aws_sqs_queue.stream_failures[key].name]
    )) && length(output.stream_consumers) > 0 && length(distinct(values(output.failure_queue_names))) == length(output.failure_queue_names)
    error_message = "failure_queue_names holds every DLQ and every stream consumer's on-failure queue."
  }
}

run "the_local_edge_polls_each_stream_as_lambda_does" {
  variables {
    environment = "local"
  }

  assert {
    condition = length(output.stream_event_source_mappings) == length(output.stream_consumers) && alltrue([
      for m in output.stream_event_source_mappings : anytrue([
        for c in values(output.stream_consumers) : c.stream_arn == m.stream_arn && c.parallelization_factor == m.parallelization_factor && c.batch_size == m.batch_size
      ])
    ])
    error_message = "The edge's stream mappings carry the batch size and parallelization factor of the AWS mappings."
  }
}

run "admin_stats_read_queue_depths_and_nothing_else" {
  variables {
    environment = "dev"
  }

  assert {
    condition = alltrue([for st in jsondecode(output.service_access["chat-service"].inline_policies["queue-depths"]).Statement :
    st.Effect == "Allow" && (st.Action == "sqs:GetQueueAttributes" || st.Action == ["sqs:GetQueueAttributes"])])
    error_message = "chat-service's queue policy allows sqs:GetQueueAttributes only."
  }

  assert {
    condition = toset(flatten([for st in jsondecode(output.service_access["chat-service"].inline_policies["queue-depths"]).Statement : st.Resource])) == toset(concat(
      values(module.messaging.queue_arns), values(module.messaging.dlq_arns), [for q in aws_sqs_queue.stream_failures : q.arn]
    ))
    error_message = "On exactly the consumer queues, their DLQs and the stream failure queues: no wildcard."
  }

  assert {
    condition     = length(split(",", output.service_environment["chat-service"].ADMIN_QUEUE_URLS)) == length(module.messaging.queue_urls) + length(aws_sqs_queue.stream_failures)
    error_message = "GET /admin/stats is told every consumer queue and stream failure queue."
  }

  assert {
    condition     = contains(output.service_access["chat-service"].table_arns, module.chat_tables.moderation_table_arn) && contains(output.service_access["media-service"].consume_queue_arns, module.messaging.queue_arns["media-chat-events"])
    error_message = "chat-service may use its moderation table; media-service consumes the removed messages' queue."
  }

  assert {
    condition = alltrue([for st in jsondecode(output.service_access["chat-service"].inline_policies["audit-append-only"]).Statement :
      st.Effect == "Deny" && contains(st.Action, "dynamodb:UpdateItem") && contains(st.Action, "dynamodb:DeleteItem")
    && st.Condition["ForAnyValue:StringEquals"]["dynamodb:LeadingKeys"] == ["AUDIT"]])
    error_message = "chat-service may never update or delete an audit log entry."
  }

  assert {
    condition     = contains(output.service_access["chat-service"].table_arns, module.chat_tables.search_table_arn) && output.service_environment["chat-service"].SEARCH_TABLE == module.chat_tables.search_table_name
    error_message = "chat-service is told its search table and may use it."
  }

  assert {
    condition     = module.chat_tables.deletion_protection.search == false && output.tables_deletion_protection.search == false
    error_message = "The search table follows the environment's deletion protection."
  }

  assert {
    condition     = module.chat_tables.deletion_protection.moderation == false && output.tables_deletion_protection.moderation == false
    error_message = "The moderation table follows the environment's deletion protection."
  }
}

run "push_platforms_reach_notification_service" {
  variables {
    environment = "dev"
    push = {
      apns        = { enabled = true, team_id = "TEAM123456", bundle_id = "io.wechat.app" }
      fcm_enabled = true
    }
    push_credentials = {
      apns_platform_credential = "-----BEGIN PRIVATE KEY-----\nfake\n-----END PRIVATE KEY-----"
      apns_platform_principal  = "KEYID12345"
      fcm_platform_credential  = "{\"type\":\"service_account\"}"
    }
  }

  assert {
    condition     = contains(keys(output.service_environment["notification-service"]), "APNS_PLATFORM_APPLICATION_ARN") && contains(keys(output.service_environment["notification-service"]), "FCM_PLATFORM_APPLICATION_ARN")
    error_message = "notification-service gets both platform application ARNs."
  }

  assert {
    condition     = keys(output.service_access["notification-service"].inline_policies) == ["push"] && keys(output.service_access["chat-service"].inline_policies) == ["audit-append-only", "queue-depths"]
    error_message = "Only notification-service gets the push policy."
  }
}

run "no_push_without_platforms" {
  command = plan

  variables {
    environment = "dev"
  }

  assert {
    condition     = length(output.service_access["notification-service"].inline_policies) == 0 && !contains(keys(output.service_environment["notification-service"]), "APNS_PLATFORM_APPLICATION_ARN")
    error_message = "Nothing to wire when no platform is enabled."
  }
}

run "a_deleted_account_reaches_every_service_that_holds_user_data" {
  variables {
    environment = "dev"
  }

  assert {
    condition = alltrue([for key in ["chat-user-events.user-events", "message-queue.user-events", "media-chat-events.user-events"] :
    contains(module.messaging.subscription_filter_types[key], "user.deleted")])
    error_message = "user.deleted goes to chat-service, notification-service and media-service."
  }

  assert {
    condition     = length(module.messaging.subscription_filter_types["media-chat-events.user-events"]) == 1 && contains(module.messaging.subscription_filter_types["media-chat-events.user-events"], "user.deleted")
    error_message = "media-service hears of no other user event."
  }
}
