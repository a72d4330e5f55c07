output "vpc_id" {
  description = "VPC ID."
  value       = aws_vpc.this.id
}

output "public_subnet_ids" {
  description = "Public subnet IDs, one per AZ."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Private subnet IDs, one per AZ (Lambda, RDS, RDS Proxy, ElastiCache, endpoints)."
  value       = aws_subnet.private[*].id
}

output "nat_gateway_ids" {
  description = "NAT gateway IDs (one, or one per AZ)."
  value       = aws_nat_gateway.this[*].id
}

output "security_group_ids" {
  description = "Security groups by role: lambda, endpoints, db_proxy, database, cache."
  value = {
    lambda    = aws_security_group.lambda.id
    endpoints = aws_security_group.endpoints.id
    db_proxy  = aws_security_group.db_proxy.id
    database  = aws_security_group.database.id
    cache     = aws_security_group.cache.id
  }
}

output "interface_endpoint_private_dns" {
  description = "Interface endpoints by service, and whether private DNS is on (execute-api must never appear with true)."
  value       = { for service, e in aws_vpc_endpoint.interface : service => e.private_dns_enabled }
}

output "flow_log_group_name" {
  description = "CloudWatch log group of the VPC flow logs (null when flow logs are off)."
  value       = one(aws_cloudwatch_log_group.flow_logs[*].name)
}
