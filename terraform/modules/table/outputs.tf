output "name" {
  description = "Table name."
  value       = aws_dynamodb_table.this.name
}

output "arn" {
  description = "Table ARN."
  value       = aws_dynamodb_table.this.arn
}

output "arns" {
  description = "The table ARN and its index ARNs (for IAM policies)."
  value       = [aws_dynamodb_table.this.arn, "${aws_dynamodb_table.this.arn}/index/*"]
}

output "deletion_protection" {
  description = "Whether deletion protection is on."
  value       = aws_dynamodb_table.this.deletion_protection_enabled
}
