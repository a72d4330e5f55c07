output "alarm_topic_arn" {
  description = "SNS topic every alarm notifies."
  value       = aws_sns_topic.alarms.arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard name."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "alarmed_queue_names" {
  description = "The queues whose depth raises an alarm, read from the alarms themselves (for tests and reviews)."
  value       = sort([for a in aws_cloudwatch_metric_alarm.dlq_depth : a.dimensions.QueueName])
}
