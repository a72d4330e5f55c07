locals {
  # Helidon's liveness endpoint: answers as soon as the server runs, with no dependency checks.
  readiness_check_path = "/observe/health/live"
  # The Web Adapter runs the service as its own process, so it relays SnapStart's lifecycle over HTTP: the service
  # closes its connection pools before the snapshot and reopens them after a restore (the kit's SnapStart routes,
  # which exist only when these are set; API Gateway has no route to them).
  snapstart_hooks = var.snap_start ? {
    AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH = "/snapshot/before-checkpoint"
    AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH     = "/snapshot/after-restore"
  } : {}
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_lambda_function" "this" {
  function_name = var.function_name
  role          = aws_iam_role.this.arn
  runtime       = var.runtime
  architectures = [var.architecture]
  handler       = var.handler
  layers        = [var.web_adapter_layer_arn]

  filename         = var.package_file
  source_code_hash = fileexists(var.package_file) ? filebase64sha256(var.package_file) : null

  memory_size                    = var.memory_size
  timeout                        = var.timeout
  reserved_concurrent_executions = var.reserved_concurrent_executions
  publish                        = true

  environment {
    variables = merge(var.environment, {
      # The Lambda Web Adapter starts run.sh, waits for the liveness route, and turns every
      # non-HTTP event (SQS, WebSocket, authorizer) into POST /events. Liveness, not /observe/health:
      # a cold start while PostgreSQL, Redis or DynamoDB is down must still serve the routes that
      # need none of them (user-service's JWKS, which every other service needs).
      AWS_LAMBDA_EXEC_WRAPPER      = "/opt/bootstrap"
      AWS_LWA_PORT                 = tostring(var.port)
      AWS_LWA_READINESS_CHECK_PATH = local.readiness_check_path
      AWS_LWA_PASS_THROUGH_PATH    = "/events"
      SERVER_PORT                  = tostring(var.port)
      # The heap sized to the service's measured need (run.sh's MaxRAMPercentage applies without it).
      JAVA_TOOL_OPTIONS = join(" ", compact(["-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
      var.heap_mb == null ? "" : "-Xmx${var.heap_mb}m"]))
    }, local.snapstart_hooks)
  }

  dynamic "snap_start" {
    for_each = var.snap_start ? [1] : []

    content {
      apply_on = "PublishedVersions"
    }
  }

  dynamic "vpc_config" {
    for_each = var.vpc_config == null ? [] : [var.vpc_config]

    content {
      subnet_ids         = vpc_config.value.subnet_ids
      security_group_ids = vpc_config.value.security_group_ids
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.this]
}

resource "aws_lambda_alias" "this" {
  name             = var.alias_name
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

resource "aws_lambda_event_source_mapping" "this" {
  for_each = var.event_sources

  event_source_arn                   = each.value.queue_arn
  function_name                      = aws_lambda_alias.this.arn
  batch_size                         = each.value.batch_size
  maximum_batching_window_in_seconds = each.value.maximum_batching_window_seconds
  function_response_types            = ["ReportBatchItemFailures"]

  dynamic "scaling_config" {
    for_each = each.value.maximum_concurrency == null ? [] : [each.value.maximum_concurrency]

    content {
      maximum_concurrency = scaling_config.value
    }
  }

  tags = var.tags
}

# DynamoDB streams: a failing record is retried (from that record on, the batch bisected to isolate it), then described to the
# on-failure queue and skipped, so one poison record cannot block its shard for the stream's 24 h retention.
resource "aws_lambda_event_source_mapping" "stream" {
  for_each = var.stream_sources

  event_source_arn                   = each.value.stream_arn
  function_name                      = aws_lambda_alias.this.arn
  starting_position                  = each.value.starting_position
  batch_size                         = each.value.batch_size
  maximum_batching_window_in_seconds = each.value.maximum_batching_window_seconds
  function_response_types            = ["ReportBatchItemFailures"]
  bisect_batch_on_function_error     = true
  maximum_retry_attempts             = each.value.maximum_retry_attempts
  maximum_record_age_in_seconds      = each.value.maximum_record_age_seconds
  parallelization_factor             = each.value.parallelization_factor

  destination_config {
    on_failure {
      destination_arn = each.value.on_failure_queue_arn
    }
  }

  tags = var.tags
}
