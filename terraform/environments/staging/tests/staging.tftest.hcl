mock_provider "aws" {
  source = "../../tests/mocks"
}

mock_provider "aws" {
  alias  = "us_east_1"
  source = "../../tests/mocks"
}

mock_provider "aws" {
  alias  = "replica"
  source = "../../tests/mocks"
}

variables {
  cors_origins = ["https://staging.app.example.com"]
}

# Staging is shaped like prod (what dev saves on), on smaller instances and without prod's
# customer-managed key and media replica.
run "staging_is_shaped_like_prod" {
  command = plan

  assert {
    condition     = module.stack.safeguards.nat_gateways == 2
    error_message = "staging: one NAT gateway per AZ, as prod (dev has one)."
  }

  assert {
    condition     = module.stack.safeguards.database.deletion_protection && module.stack.safeguards.database.multi_az
    error_message = "staging: RDS deletion protection and Multi-AZ, as prod."
  }

  assert {
    condition     = keys(module.stack.safeguards.tables_deletion_protection) == ["conversations", "media", "messages", "moderation", "notifications", "search"] && alltrue(values(module.stack.safeguards.tables_deletion_protection))
    error_message = "staging: deletion protection on every DynamoDB table (messages, conversations, moderation, search, media, notifications)."
  }

  # An execute-api endpoint with private DNS would answer the services' calls to the public APIs
  # (HTTP API, @connections) with 403.
  assert {
    condition     = length(module.stack.safeguards.interface_endpoint_private_dns) > 0 && !lookup(module.stack.safeguards.interface_endpoint_private_dns, "execute-api", false)
    error_message = "staging: interface endpoints, but none for execute-api with private DNS."
  }

  assert {
    condition     = module.stack.safeguards.flow_log_group_name != null
    error_message = "staging: VPC flow logs on."
  }

  assert {
    condition     = module.stack.safeguards.database.backup_retention_days == 7 && module.stack.safeguards.database.storage_encrypted
    error_message = "staging: encrypted, 7 days of backups."
  }
}
