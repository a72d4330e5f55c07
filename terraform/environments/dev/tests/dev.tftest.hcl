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
  cors_origins = ["https://dev.app.example.com"]
}

run "dev_is_cheap_and_disposable" {
  command = plan

  assert {
    condition     = module.stack.safeguards.nat_gateways == 1
    error_message = "dev: a single NAT gateway."
  }

  assert {
    condition     = !module.stack.safeguards.database.deletion_protection && !module.stack.safeguards.database.multi_az
    error_message = "dev: no deletion protection, single AZ."
  }
}

# What each service reads (its Settings / Main.ENVIRONMENT; AWS_REGION comes from Lambda itself).
run "every_lambda_gets_what_its_service_reads" {
  command = plan

  variables {
    media_url_signing_public_key = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtestkey\n-----END PUBLIC KEY-----\n"
  }

  assert {
    condition = alltrue([for name in [
      "SERVER_PORT", "JWT_ISSUER", "JWT_AUDIENCE", "JWT_SIGNING_KEY_SECRET_ARN", "CORS_ALLOWED_ORIGINS",
      "DB_URL", "DB_USER", "DB_IAM_AUTH", "REDIS_URI", "REDIS_AUTH_TOKEN_SECRET_ARN", "USER_EVENTS_TOPIC_ARN",
    ] : contains(module.stack.service_environment_names["user-service"], name)])
    error_message = "user-service misses a variable it reads."
  }

  assert {
    condition = alltrue([for name in [
      "SERVER_PORT", "MESSAGES_TABLE", "CONVERSATIONS_TABLE", "CHAT_EVENTS_TOPIC_ARN", "USER_SERVICE_URL",
      "JWT_ISSUER", "JWT_AUDIENCE", "JWT_JWKS_URL", "REDIS_URI", "WEBSOCKET_MANAGEMENT_URL", "MEDIA_SERVICE_URL",
    ] : contains(module.stack.service_environment_names["chat-service"], name)])
    error_message = "chat-service misses a variable it reads."
  }

  assert {
    condition = alltrue([for name in [
      "SERVER_PORT", "MEDIA_BUCKET", "MEDIA_TABLE", "MEDIA_EVENTS_TOPIC_ARN", "CHAT_SERVICE_URL",
      "JWT_ISSUER", "JWT_AUDIENCE", "JWT_JWKS_URL",
      "CLOUDFRONT_DOMAIN", "CLOUDFRONT_KEY_PAIR_ID", "CLOUDFRONT_PRIVATE_KEY_SECRET_ARN",
    ] : contains(module.stack.service_environment_names["media-service"], name)])
    error_message = "media-service misses a variable it reads."
  }

  assert {
    condition = alltrue([for name in [
      "SERVER_PORT", "NOTIFICATIONS_TABLE", "JWT_ISSUER", "JWT_AUDIENCE", "JWT_JWKS_URL",
    ] : contains(module.stack.service_environment_names["notification-service"], name)])
    error_message = "notification-service misses a variable it reads."
  }

  assert {
    condition     = !contains(flatten(values(module.stack.service_environment_names)), "WEBSOCKET_CONNECTIONS_ENDPOINT") && !contains(flatten(values(module.stack.service_environment_names)), "MEDIA_CDN_DOMAIN")
    error_message = "No names that no service reads."
  }
}
