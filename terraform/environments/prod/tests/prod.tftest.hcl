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
  cors_origins = ["https://app.example.com"]
}

run "prod_protects_its_data" {
  command = plan

  assert {
    condition     = module.stack.safeguards.database.deletion_protection && module.stack.safeguards.database.multi_az
    error_message = "prod: RDS deletion protection and Multi-AZ."
  }

  assert {
    condition     = alltrue(values(module.stack.safeguards.tables_deletion_protection))
    error_message = "prod: DynamoDB deletion protection."
  }

  assert {
    condition     = module.stack.safeguards.nat_gateways == 2
    error_message = "prod: one NAT gateway per AZ."
  }

  assert {
    condition     = module.stack.safeguards.database.backup_retention_days == 7 && module.stack.safeguards.database.storage_encrypted
    error_message = "prod: encrypted, 7 days of backups."
  }
}
