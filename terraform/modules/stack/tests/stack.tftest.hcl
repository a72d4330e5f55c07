# The wiring of one AWS environment: what each function may do, and with which identity.
mock_provider "aws" {
  source = "../../tests/mocks"
}

mock_provider "aws" {
  alias  = "us_east_1"
  source = "../../tests/mocks"
}

mock_provider "aws" {
  alias  = "replica"
  source = "../../tests/mocks"
}

# The mock gives every secret the same ARN; these must be told apart.
override_resource {
  target = module.cache.aws_secretsmanager_secret.auth_token
  values = { arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:redis-auth-token" }
}

override_resource {
  target = aws_secretsmanager_secret.origin_verify
  values = { arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:origin-verify" }
}

variables {
  environment           = "dev"
  web_adapter_layer_arn = "arn:aws:lambda:us-east-1:753240598075:layer:LambdaAdapterLayerX86:25"
  package_dir           = "/nonexistent"
  cors_origins          = ["https://app.example.com"]
}

run "each_role_connects_to_the_database_as_its_own_user" {
  assert {
    condition     = local.service_environment["user-service"].DB_USER == module.database.app_username && local.service_environment["user-service"].DB_MIGRATIONS == "validate"
    error_message = "user-service connects as the application user and never migrates."
  }

  assert {
    condition     = local.service_access["user-service"].rds_db_connect_arns == tolist([module.database.db_connect_arns.app]) && endswith(module.database.db_connect_arns.app, "/wechat_app")
    error_message = "user-service's role may connect as the application user only (not the master, not the migration user)."
  }

  assert {
    condition = alltrue([
      for svc, a in local.service_access : length(a.rds_db_connect_arns) == 0 if svc != "user-service"
    ])
    error_message = "No other service may connect to the database."
  }

  assert {
    condition = jsonencode([
      for s in jsondecode(module.db_migration.policy_json).Statement : s.Resource if s.Sid == "ConnectThroughRdsProxy"
    ]) == jsonencode([[module.database.db_connect_arns.migration]]) && endswith(module.database.db_connect_arns.migration, "/wechat_migrator")
    error_message = "The migration function's role connects as the migration user, and to nothing else in the database."
  }

  assert {
    condition     = !anytrue([for s in jsondecode(module.db_migration.policy_json).Statement : contains(["ReadOwnSecrets", "UseOwnTables", "PublishOwnEvents"], s.Sid)])
    error_message = "The migration function reads no secret, table or topic."
  }
}

# Work that failed waits in a DLQ (consumer queues) or an on-failure queue (stream consumers): an alarm on each.
run "every_queue_of_failed_work_raises_an_alarm" {
  command = plan

  assert {
    condition = (
      module.monitoring.alarmed_queue_names == sort(values(module.platform.failure_queue_names)) &&
      alltrue([for n in values(module.platform.dlq_names) : contains(module.monitoring.alarmed_queue_names, n)]) &&
      length([for n in module.monitoring.alarmed_queue_names : n if endswith(n, "-stream-failures")]) == length(module.platform.stream_consumers)
    )
    error_message = "Every DLQ and every stream consumer's on-failure queue has a not-empty alarm."
  }
}

run "only_chat_service_posts_to_websocket_connections" {
  assert {
    condition = alltrue([
      for svc, a in local.service_access : (length(a.manage_connections_arns) > 0) == (svc == "chat-service")
    ])
    error_message = "execute-api:ManageConnections for chat-service alone."
  }

  assert {
    condition = alltrue([
      for svc, a in local.service_access : contains(a.secret_arns, module.cache.auth_token_secret_arn) == contains(["user-service", "chat-service"], svc)
    ])
    error_message = "Only the services in the VPC (which use Redis) read the Redis AUTH token."
  }
}

# CloudFront's X-Origin-Verify value: user-service (which serves the public token endpoints) can read
# it, no other service can, and CloudFront gets the value of that same secret.
run "the_origin_secret_is_shared_by_cloudfront_and_user_service_only" {
  assert {
    condition = alltrue([
      for svc, a in local.service_access : contains(a.secret_arns, aws_secretsmanager_secret.origin_verify.arn) == (svc == "user-service")
    ])
    error_message = "Only user-service reads the origin secret."
  }

  assert {
    condition     = local.service_environment["user-service"].ORIGIN_VERIFY_SECRET_ARN == aws_secretsmanager_secret.origin_verify.arn
    error_message = "user-service is told which secret holds the header value."
  }

  assert {
    condition     = data.aws_secretsmanager_secret_version.origin_verify.secret_id == aws_secretsmanager_secret.origin_verify.id && data.aws_secretsmanager_secret_version.origin_verify.version_id == aws_secretsmanager_secret_version.origin_verify.version_id
    error_message = "CloudFront's header is read back from the secret version Terraform wrote (write-only)."
  }
}

# The messages stream's records are ordered per conversation (the table's hash key), and that is the only order its
# consumer needs: Lambda may handle 10 of a shard's batches at once.
run "the_messages_stream_is_consumed_in_parallel_per_conversation" {
  command = plan

  assert {
    condition     = module.platform.stream_consumers["chat-messages"].parallelization_factor == 10
    error_message = "chat-service's messages stream mapping runs 10 batches of a shard at once."
  }
}
