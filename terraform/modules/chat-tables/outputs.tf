output "messages_table_name" {
  description = "Name of the messages table (MESSAGES_TABLE)."
  value       = aws_dynamodb_table.messages.name
}

output "messages_table_arn" {
  description = "ARN of the messages table."
  value       = aws_dynamodb_table.messages.arn
}

output "messages_stream_arn" {
  description = "ARN of the messages table's stream (NEW_AND_OLD_IMAGES)."
  value       = aws_dynamodb_table.messages.stream_arn
}

output "conversations_table_name" {
  description = "Name of the conversations table (CONVERSATIONS_TABLE)."
  value       = aws_dynamodb_table.conversations.name
}

output "conversations_table_arn" {
  description = "ARN of the conversations table."
  value       = aws_dynamodb_table.conversations.arn
}

output "moderation_table_name" {
  description = "Name of the moderation table (MODERATION_TABLE)."
  value       = module.moderation_table.name
}

output "moderation_table_arn" {
  description = "ARN of the moderation table."
  value       = module.moderation_table.arn
}

output "search_table_name" {
  description = "Name of the search table (SEARCH_TABLE)."
  value       = module.search_table.name
}

output "search_table_arn" {
  description = "ARN of the search table."
  value       = module.search_table.arn
}

output "table_arns" {
  description = "ARNs of every table and of all their indexes, for IAM policies of the chat-service role."
  value = concat(
    [aws_dynamodb_table.messages.arn, aws_dynamodb_table.conversations.arn],
    [for index in aws_dynamodb_table.messages.global_secondary_index : "${aws_dynamodb_table.messages.arn}/index/${index.name}"],
    [for index in aws_dynamodb_table.conversations.global_secondary_index : "${aws_dynamodb_table.conversations.arn}/index/${index.name}"],
    module.moderation_table.arns,
    module.search_table.arns,
  )
}

output "deletion_protection" {
  description = "Deletion protection of each table as applied: messages, conversations, moderation, search."
  value = {
    messages      = aws_dynamodb_table.messages.deletion_protection_enabled
    conversations = aws_dynamodb_table.conversations.deletion_protection_enabled
    moderation    = module.moderation_table.deletion_protection
    search        = module.search_table.deletion_protection
  }
}
