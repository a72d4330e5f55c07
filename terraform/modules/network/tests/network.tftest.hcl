mock_provider "aws" {
  source = "../../tests/mocks"
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
