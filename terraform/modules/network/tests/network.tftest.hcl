mock_provider "aws" {
  # Mocked values must still pass the provider's own validation (ARNs, JSON).
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_data "aws_availability_zones" {
    defaults = { names = ["us-east-1a", "us-east-1b", "us-east-1c"] }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_region" {
    defaults = { name = "us-east-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:us-east-1:123456789012:mock-topic" }
  }
  mock_resource "aws_sqs_queue" {
    defaults = { arn = "arn:aws:sqs:us-east-1:123456789012:mock-queue", url = "https://sqs.us-east-1.amazonaws.com/123456789012/mock-queue" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock-role" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:mock" }
  }
  mock_resource "aws_apigatewayv2_api" {
    defaults = { execution_arn = "arn:aws:execute-api:us-east-1:123456789012:mockapi", api_endpoint = "https://mockapi.execute-api.us-east-1.amazonaws.com" }
  }
  mock_resource "aws_lambda_alias" {
    defaults = { arn = "arn:aws:lambda:us-east-1:123456789012:function:mock:live", invoke_arn = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:mock:live/invocations" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::mock-bucket" }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000" }
  }
  mock_resource "aws_cloudfront_distribution" {
    defaults = { arn = "arn:aws:cloudfront::123456789012:distribution/MOCK" }
  }
  mock_resource "aws_wafv2_web_acl" {
    defaults = { arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/mock/00000000-0000-0000-0000-000000000000" }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mock" }
  }
}

variables {
  name               = "wechat-test"
  availability_zones = ["us-east-1a", "us-east-1b"]
}

run "nat_gateway_per_az_by_default" {
  command = plan

  assert {
    condition     = length(aws_nat_gateway.this) == 2
    error_message = "One NAT gateway per AZ unless single_nat_gateway."
  }

  assert {
    condition     = length(aws_subnet.public) == 2 && length(aws_subnet.private) == 2
    error_message = "Two public and two private subnets."
  }

  assert {
    condition     = aws_subnet.private[0].cidr_block == "10.0.11.0/24" && aws_subnet.public[1].cidr_block == "10.0.2.0/24"
    error_message = "Subnets follow the seed's layout."
  }
}

run "single_nat_gateway_for_dev" {
  command = plan

  variables {
    single_nat_gateway  = true
    interface_endpoints = []
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 1 && length(aws_route.private_nat) == 2
    error_message = "One NAT gateway routing both private subnets."
  }

  assert {
    condition     = length(aws_vpc_endpoint.interface) == 0 && length(aws_vpc_endpoint.gateway) == 2
    error_message = "Gateway endpoints always, interface endpoints when asked."
  }
}

run "database_is_reachable_only_from_the_proxy" {
  command = plan

  assert {
    condition     = aws_vpc_security_group_ingress_rule.database_from_proxy.from_port == 5432 && aws_vpc_security_group_ingress_rule.database_from_proxy.to_port == 5432
    error_message = "The database admits PostgreSQL from the proxy only."
  }
}

# Issue: an execute-api endpoint with private DNS answers the services' calls to the public HTTP API
# and to @connections with 403. The module refuses it; the endpoints it does create keep private DNS.
run "execute_api_interface_endpoint_is_refused" {
  command = plan

  variables {
    interface_endpoints = ["sqs", "execute-api"]
  }

  expect_failures = [var.interface_endpoints]
}

run "default_endpoints_never_capture_execute_api" {
  command = plan

  assert {
    condition     = !contains(keys(aws_vpc_endpoint.interface), "execute-api") && alltrue([for e in aws_vpc_endpoint.interface : e.private_dns_enabled])
    error_message = "No execute-api endpoint; the others resolve the services' public names privately."
  }
}

run "flow_logs_record_all_traffic_with_a_retention" {

  assert {
    condition     = aws_flow_log.this[0].traffic_type == "ALL" && aws_cloudwatch_log_group.flow_logs[0].retention_in_days == 30
    error_message = "VPC flow logs of all traffic, kept 30 days by default."
  }

  assert {
    condition     = strcontains(aws_iam_role.flow_logs[0].assume_role_policy, "vpc-flow-logs.amazonaws.com") && !strcontains(aws_iam_role_policy.flow_logs[0].policy, "\"*\"")
    error_message = "Only the flow logs service assumes the role; no wildcard resource."
  }
}
