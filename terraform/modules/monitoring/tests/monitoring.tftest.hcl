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

  assert {
    condition     = aws_cloudwatch_metric_alarm.api_5xx.dimensions == tomap({ ApiId = "abc123", Stage = "$default" })
    error_message = "The 5xx alarm watches the HTTP API's stage."
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
