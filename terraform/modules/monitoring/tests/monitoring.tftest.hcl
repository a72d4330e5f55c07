mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  name           = "wechat-test"
  function_names = { "chat-service" = "wechat-test-chat-service", "user-service" = "wechat-test-user-service" }
  dlq_names      = { "message-queue" = "wechat-test-message-queue-dlq" }
  http_api_id    = "abc123"
}

run "alarms_cover_errors_throttles_dlqs_and_5xx" {
  assert {
    condition     = length(aws_cloudwatch_metric_alarm.lambda_errors) == 2 && length(aws_cloudwatch_metric_alarm.lambda_throttles) == 2
    error_message = "Every function has error and throttle alarms."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.dlq_depth["message-queue"].threshold == 0 && aws_cloudwatch_metric_alarm.dlq_depth["message-queue"].comparison_operator == "GreaterThanThreshold"
    error_message = "Any message in a DLQ raises an alarm."
  }

  # CloudWatch keys alarms by name: two alarms of one name would silently overwrite each other.
  assert {
    condition = length(distinct([
      for a in concat(values(aws_cloudwatch_metric_alarm.lambda_errors), values(aws_cloudwatch_metric_alarm.lambda_throttles), values(aws_cloudwatch_metric_alarm.dlq_depth), [aws_cloudwatch_metric_alarm.api_5xx]) : a.alarm_name
    ])) == 2 * length(var.function_names) + length(var.dlq_names) + 1
    error_message = "Every alarm has a name of its own."
  }

  assert {
    condition = alltrue([for svc, fn in var.function_names :
      aws_cloudwatch_metric_alarm.lambda_errors[svc].dimensions.FunctionName == fn && aws_cloudwatch_metric_alarm.lambda_throttles[svc].dimensions.FunctionName == fn
    ]) && output.alarmed_queue_names == sort(values(var.dlq_names))
    error_message = "Each function's alarms watch that function, and each failure queue's alarm that queue."
  }

  # The dashboard shows what the alarms watch: the same API stage and every failure queue.
  assert {
    condition = contains(jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets[2].properties.metrics,
      ["AWS/ApiGateway", "5xx", "ApiId", aws_cloudwatch_metric_alarm.api_5xx.dimensions.ApiId, "Stage", aws_cloudwatch_metric_alarm.api_5xx.dimensions.Stage]
    ) && toset([for m in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets[3].properties.metrics : m[3]]) == toset(output.alarmed_queue_names)
    error_message = "The dashboard graphs the 5xx alarm's API stage and every alarmed queue."
  }

  # An alarm that notifies nobody is no alarm: every one goes to the topic the emails subscribe to.
  assert {
    condition = alltrue([
      for a in concat(values(aws_cloudwatch_metric_alarm.lambda_errors), values(aws_cloudwatch_metric_alarm.lambda_throttles), values(aws_cloudwatch_metric_alarm.dlq_depth), [aws_cloudwatch_metric_alarm.api_5xx]) :
      a.alarm_actions == toset([aws_sns_topic.alarms.arn]) && a.ok_actions == toset([aws_sns_topic.alarms.arn])
    ])
    error_message = "Every alarm notifies the alarm topic, on alarm and on recovery."
  }
}
