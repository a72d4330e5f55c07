# What `make up` and the local edge read from this environment's outputs.
mock_provider "aws" {
  source = "../../tests/mocks"
}

run "every_service_gets_its_resources_by_the_contract_names" {
  command = plan

  assert {
    condition     = toset(keys(output.service_environment)) == toset(["user-service", "chat-service", "media-service", "notification-service"])
    error_message = "An env file for each of the four services."
  }

  assert {
    condition = (
      output.service_environment["chat-service"].MESSAGES_TABLE == "wechat-local-messages" &&
      output.service_environment["chat-service"].CONVERSATIONS_TABLE == "wechat-local-conversations" &&
      output.service_environment["chat-service"].MODERATION_TABLE == "wechat-local-moderation" &&
      output.service_environment["media-service"].MEDIA_TABLE == "wechat-local-media" &&
      output.service_environment["notification-service"].NOTIFICATIONS_TABLE == "wechat-local-notifications"
    )
    error_message = "Resources are named <prefix>-local-<what>, as the services' defaults and the tests expect."
  }

  # Both push platforms exist locally, so that notification-service creates endpoints as in AWS.
  assert {
    condition     = alltrue([for name in ["APNS_PLATFORM_APPLICATION_ARN", "FCM_PLATFORM_APPLICATION_ARN"] : contains(keys(output.service_environment["notification-service"]), name)])
    error_message = "notification-service gets both platform applications."
  }
}

run "the_edge_serves_every_routed_service_and_polls_each_consumer_queue" {
  command = plan

  assert {
    condition     = toset([for r in concat(output.http_routes, output.websocket_routes) : r.service]) == toset(keys(output.service_environment))
    error_message = "Every service with routes has an environment, and every service has routes."
  }

  assert {
    condition     = length(output.event_source_mappings) == 4 && toset([for m in output.event_source_mappings : m.service]) == toset(["chat-service", "notification-service", "media-service"])
    error_message = "The edge polls each consumer queue: chat-service's, notification-service's and media-service's two (user-service consumes none)."
  }

  assert {
    condition     = alltrue([for m in output.event_source_mappings : m.batch_size <= 10 || m.maximum_batching_window_seconds > 0])
    error_message = "Batches above 10 need a batching window (as Lambda requires)."
  }
}

run "the_edge_asks_for_the_admin_scope_on_every_admin_route" {
  command = plan

  assert {
    condition = alltrue([for r in output.http_routes :
    startswith(split(" ", r.route_key)[1], "/admin/") == contains(r.scopes, "admin")])
    error_message = "The local edge refuses every /admin route, and only those, to a token without the admin scope."
  }
}

# Applied with the mock provider: bucket ids are known only after an apply.
run "the_admin_app_has_a_bucket_of_its_own" {
  assert {
    condition     = output.static_admin_bucket != "" && output.static_admin_bucket != output.static_web_bucket
    error_message = "The admin app is served from its own bucket, a separate origin as in AWS."
  }
}
