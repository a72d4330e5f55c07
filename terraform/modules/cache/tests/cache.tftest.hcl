mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  name               = "wechat-test"
  subnet_ids         = ["subnet-1", "subnet-2"]
  security_group_ids = ["sg-cache"]
}

run "redis_fails_over_and_encrypts_with_a_token" {
  assert {
    condition     = aws_elasticache_replication_group.this.automatic_failover_enabled && aws_elasticache_replication_group.this.multi_az_enabled
    error_message = "Automatic failover across AZs."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.transit_encryption_enabled && aws_elasticache_replication_group.this.at_rest_encryption_enabled
    error_message = "Encryption in transit and at rest."
  }

  # The group's token is the one read back from the secret the services read, and changes only by ROTATE.
  assert {
    condition     = aws_elasticache_replication_group.this.auth_token == data.aws_secretsmanager_secret_version.auth_token.secret_string && aws_elasticache_replication_group.this.auth_token_update_strategy == "ROTATE"
    error_message = "Transit encryption with the AUTH token from the services' secret (the seed had none)."
  }

  assert {
    condition     = data.aws_secretsmanager_secret_version.auth_token.secret_id == aws_secretsmanager_secret.auth_token.id && output.auth_token_secret_arn == aws_secretsmanager_secret.auth_token.arn
    error_message = "REDIS_AUTH_TOKEN_SECRET_ARN names the secret the group's token comes from."
  }

  assert {
    condition     = startswith(output.redis_uri, "rediss://")
    error_message = "Clients must use TLS."
  }
}
