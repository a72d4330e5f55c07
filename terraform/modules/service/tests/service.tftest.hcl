mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  function_name                  = "wechat-test-chat-service"
  package_file                   = "does-not-exist.zip"
  web_adapter_layer_arn          = "arn:aws:lambda:us-east-1:753240598075:layer:LambdaAdapterLayerX86:25"
  reserved_concurrent_executions = 50
  heap_mb                        = 96
  environment                    = { MESSAGES_TABLE = "wechat-test-messages" }
  event_sources = {
    "chat-user-events" = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:wechat-test-chat-user-events" }
  }
  access = {
    table_arns              = ["arn:aws:dynamodb:us-east-1:123456789012:table/wechat-test-messages"]
    publish_topic_arns      = ["arn:aws:sns:us-east-1:123456789012:wechat-test-chat-events"]
    consume_queue_arns      = ["arn:aws:sqs:us-east-1:123456789012:wechat-test-chat-user-events"]
    manage_connections_arns = ["arn:aws:execute-api:us-east-1:123456789012:abc/live/*/@connections/*"]
  }
  vpc_config = { subnet_ids = ["subnet-1", "subnet-2"], security_group_ids = ["sg-1"] }
}

run "function_runs_java_with_snapstart_and_a_least_privilege_role" {
  assert {
    condition = alltrue(flatten([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : [for a in s.Action : !strcontains(a, "*")]
    ]))
    error_message = "No IAM action may contain \"*\"."
  }

  assert {
    condition     = aws_lambda_function.this.runtime == "java21" && aws_lambda_function.this.handler == "run.sh"
    error_message = "java21 with run.sh."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : alltrue([for r in s.Resource : r != "*"]) if s.Sid != "ManageVpcNetworkInterfaces"
    ])
    error_message = "Only ENI management may use Resource \"*\" (it has no resource-level permissions)."
  }

  assert {
    condition     = !strcontains(aws_iam_role_policy.this.policy, "s3:")
    error_message = "A service without buckets gets no S3 permissions."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["AWS_LAMBDA_EXEC_WRAPPER"] == "/opt/bootstrap"
    error_message = "The Web Adapter's exec wrapper must be set."
  }

  # The Web Adapter waits for liveness, not for the dependencies' health (issue: a cold start while a
  # database is down never became ready and took the JWKS route down with it).
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["AWS_LWA_READINESS_CHECK_PATH"] == "/observe/health/live"
    error_message = "The Web Adapter's readiness check is the liveness route /observe/health/live."
  }

  assert {
    condition     = aws_lambda_function.this.snap_start[0].apply_on == "PublishedVersions" && aws_lambda_function.this.publish
    error_message = "SnapStart needs published versions."
  }

  # The Web Adapter relays SnapStart's lifecycle to the service, which closes its pools before the snapshot.
  assert {
    condition = (aws_lambda_function.this.environment[0].variables["AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH"] == "/snapshot/before-checkpoint"
    && aws_lambda_function.this.environment[0].variables["AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH"] == "/snapshot/after-restore")
    error_message = "A SnapStart function names the service's snapshot hooks to the Web Adapter."
  }

  assert {
    condition     = aws_lambda_alias.this.function_version == aws_lambda_function.this.version
    error_message = "The alias points at the published (snapshotted) version."
  }

  assert {
    condition     = strcontains(aws_lambda_function.this.environment[0].variables["JAVA_TOOL_OPTIONS"], "-Xmx96m")
    error_message = "The heap is capped at the service's measured need."
  }

  assert {
    condition     = aws_lambda_function.this.reserved_concurrent_executions == 50
    error_message = "Reserved concurrency must be passed through."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this["chat-user-events"].function_response_types == toset(["ReportBatchItemFailures"])
    error_message = "SQS mappings must report partial batch failures."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this["chat-user-events"].function_name == aws_lambda_alias.this.arn
    error_message = "Mappings invoke the alias (the SnapStart version)."
  }
}

run "inline_policies_of_other_modules_are_attached" {
  command = plan

  variables {
    access = {
      inline_policies = {
        push = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sns:CreatePlatformEndpoint\"],\"Resource\":[\"arn:aws:sns:us-east-1:123456789012:app/GCM/wechat-test-fcm\"]}]}"
      }
    }
  }

  assert {
    condition     = keys(aws_iam_role_policy.inline) == ["push"] && strcontains(aws_iam_role_policy.inline["push"].policy, "sns:CreatePlatformEndpoint")
    error_message = "Each inline policy becomes a role policy of its name."
  }
}

run "a_bucket_owner_may_read_and_delete_object_versions" {
  command = plan

  variables {
    access = {
      bucket_arns = ["arn:aws:s3:::wechat-test-media"]
    }
  }

  assert {
    condition = toset(one([for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Action if s.Sid == "UseOwnObjects"])) == toset([
      "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject",
    ])
    error_message = "Objects and their versions: get, put, delete."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Resource if s.Sid == "UseOwnObjects"]) == ["arn:aws:s3:::wechat-test-media/*"]
    error_message = "Only the bucket's objects."
  }
}

run "stream_mappings_report_failures_bisect_retry_and_keep_what_they_give_up" {
  command = plan

  variables {
    stream_sources = {
      "chat-messages" = {
        stream_arn             = "arn:aws:dynamodb:us-east-1:123456789012:table/wechat-test-messages/stream/2026-12-01T00:00:00.000"
        on_failure_queue_arn   = "arn:aws:sqs:us-east-1:123456789012:wechat-test-chat-stream-failures"
        maximum_retry_attempts = 5
        parallelization_factor = 10
      }
    }
  }

  assert {
    condition     = aws_lambda_event_source_mapping.stream["chat-messages"].function_response_types == toset(["ReportBatchItemFailures"])
    error_message = "Stream mappings must report partial batch failures."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.stream["chat-messages"].bisect_batch_on_function_error && aws_lambda_event_source_mapping.stream["chat-messages"].maximum_retry_attempts == 5
    error_message = "Stream mappings bisect a failing batch and retry a bounded number of times."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.stream["chat-messages"].parallelization_factor == 10
    error_message = "A stream mapping handles as many batches of a shard at once as it is given (order kept per partition key)."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.stream["chat-messages"].destination_config[0].on_failure[0].destination_arn == "arn:aws:sqs:us-east-1:123456789012:wechat-test-chat-stream-failures"
    error_message = "What a stream mapping gives up on goes to its on-failure queue."
  }

  assert {
    condition = toset(one([for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Action if s.Sid == "ReadOwnStreams"])) == toset([
      "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams",
    ]) && one([for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Resource if s.Sid == "SendStreamFailures"]) == ["arn:aws:sqs:us-east-1:123456789012:wechat-test-chat-stream-failures"]
    error_message = "The role reads its own streams and sends to its own on-failure queue, nothing more."
  }
}

run "without_snapstart_the_adapter_calls_no_snapshot_hooks" {
  variables {
    snap_start = false
    heap_mb    = null
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this.environment[0].variables), "AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH")
    error_message = "A function without SnapStart names no snapshot hooks."
  }

  assert {
    condition     = !strcontains(aws_lambda_function.this.environment[0].variables["JAVA_TOOL_OPTIONS"], "-Xmx")
    error_message = "Without heap_mb, run.sh's share of memory_size applies."
  }
}
