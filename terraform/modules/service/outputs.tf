output "function_name" {
  description = "Function name."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Unqualified function ARN."
  value       = aws_lambda_function.this.arn
}

output "alias_arn" {
  description = "ARN of the alias every trigger invokes."
  value       = aws_lambda_alias.this.arn
}

output "alias_name" {
  description = "Alias name (the qualifier for permissions)."
  value       = aws_lambda_alias.this.name
}

output "invoke_arn" {
  description = "Invoke ARN of the alias, for API Gateway integrations."
  value       = aws_lambda_alias.this.invoke_arn
}

output "role_arn" {
  description = "Execution role ARN."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Execution role name."
  value       = aws_iam_role.this.name
}

output "policy_json" {
  description = "The role's inline policy document."
  value       = local.policy
}

output "log_group_name" {
  description = "CloudWatch log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "environment_names" {
  description = "Sorted names of the function's environment variables (the Web Adapter's included)."
  value       = sort(keys(aws_lambda_function.this.environment[0].variables))
}
