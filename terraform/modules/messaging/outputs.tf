output "topic_arns" {
  description = "SNS topic ARNs by key."
  value       = { for k, t in aws_sns_topic.this : k => t.arn }
}

output "topic_names" {
  description = "SNS topic names by key."
  value       = { for k, t in aws_sns_topic.this : k => t.name }
}

output "queue_urls" {
  description = "SQS queue URLs by key."
  value       = { for k, q in aws_sqs_queue.this : k => q.url }
}

output "queue_arns" {
  description = "SQS queue ARNs by key. Available once the queue policies exist, so S3 notifications that use them validate."
  value       = { for k, q in aws_sqs_queue.this : k => q.arn }
  depends_on  = [aws_sqs_queue_policy.this]
}

output "queue_names" {
  description = "SQS queue names by key."
  value       = { for k, q in aws_sqs_queue.this : k => q.name }
}

output "dlq_urls" {
  description = "Dead-letter queue URLs by queue key."
  value       = { for k, q in aws_sqs_queue.dlq : k => q.url }
}

output "dlq_arns" {
  description = "Dead-letter queue ARNs by queue key."
  value       = { for k, q in aws_sqs_queue.dlq : k => q.arn }
}

output "dlq_names" {
  description = "Dead-letter queue names by queue key (for DLQ depth alarms)."
  value       = { for k, q in aws_sqs_queue.dlq : k => q.name }
}

output "redrive_policies" {
  description = "Redrive policy JSON by queue key."
  value       = { for k, p in aws_sqs_queue_redrive_policy.this : k => p.redrive_policy }
}

output "subscription_filter_types" {
  description = "The event types each subscription lets through, by \"<queue>.<topic>\" (empty: every type)."
  value       = { for k, s in local.subscriptions : k => s.filter_types }
}
