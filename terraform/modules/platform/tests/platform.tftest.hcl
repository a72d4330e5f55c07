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
    condition     = alltrue([for q in module.messaging.redrive_policies : jsondecode(q).maxReceiveCount == 3]) && length(module.messaging.redrive_policies) == 3
    error_message = "Every consumer queue goes to its DLQ after 3 receives."
  }

  assert {
    condition     = output.service_environment["chat-service"]["CHAT_EVENTS_TOPIC_ARN"] == module.messaging.topic_arns["chat-events"] && keys(output.service_environment) == ["chat-service", "media-service", "notification-service", "user-service"]
    error_message = "service_environment names the contract's services."
  }

  assert {
    condition     = keys(output.service_environment["chat-service"]) == ["CHAT_EVENTS_TOPIC_ARN", "CONVERSATIONS_TABLE", "MESSAGES_TABLE"] && keys(output.service_environment["media-service"]) == ["MEDIA_BUCKET", "MEDIA_EVENTS_TOPIC_ARN", "MEDIA_TABLE"] && keys(output.service_environment["notification-service"]) == ["NOTIFICATIONS_TABLE"]
    error_message = "Exactly the env var names the services read: no queue URLs (queues reach a service through its event source mapping)."
  }

  assert {
    condition     = values(module.messaging.queue_names) == ["wechat-dev-chat-user-events", "wechat-dev-media-uploads", "wechat-dev-message-queue"]
    error_message = "Queue names follow the contract."
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
    condition     = keys(output.service_access["notification-service"].inline_policies) == ["push"] && length(output.service_access["chat-service"].inline_policies) == 0
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
