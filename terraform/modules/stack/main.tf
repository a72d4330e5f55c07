data "aws_caller_identity" "current" {}

locals {
  name = "${var.prefix}-${var.environment}"

  # Services that talk to RDS Proxy or Redis run in the VPC; media-service and notification-service
  # only need AWS APIs and the HTTP API.
  in_vpc = toset(["user-service", "chat-service"])

  # Each JVM's heap cap (MB) unless var.services sets one: the service's live heap after `make bench`'s load, with
  # room for the load's garbage (bench/README.md, "Heap"; the numbers of localstack/heap-mb.properties).
  heap_mb = {
    "user-service"         = 104
    "chat-service"         = 96
    "media-service"        = 128
    "notification-service" = 64
  }

  # Path prefixes of the API routes, for the CDN behaviours that forward to the API.
  api_path_patterns = distinct([
    for r in module.routes.http_routes : "/${split("/", split(" ", r.route_key)[1])[1]}*"
  ])

  jwt_issuer = module.api.jwt_issuer
  api_url    = module.api.http_api_endpoint
  kms_keys   = var.create_kms_key ? [module.cdn.media_kms_key_arn] : []

  media_signed = var.media_url_signing_public_key != null
  media_url_signing_env = local.media_signed ? {
    CLOUDFRONT_DOMAIN                 = module.cdn.media_domain
    CLOUDFRONT_KEY_PAIR_ID            = module.cdn.media_public_key_id
    CLOUDFRONT_PRIVATE_KEY_SECRET_ARN = aws_secretsmanager_secret.media_url_signing_key[0].arn
  } : {}

  apns_secret = var.push.apns.enabled ? jsondecode(data.aws_secretsmanager_secret_version.apns[0].secret_string) : {}

  common_environment = {
    JWT_ISSUER           = local.jwt_issuer
    JWT_AUDIENCE         = "wechat-app"
    JWT_JWKS_URL         = "${local.jwt_issuer}/.well-known/jwks.json"
    CORS_ALLOWED_ORIGINS = join(",", var.cors_origins)
  }

  redis_environment = {
    REDIS_URI                   = module.cache.redis_uri
    REDIS_AUTH_TOKEN_SECRET_ARN = module.cache.auth_token_secret_arn
  }

  service_environment = {
    "user-service" = merge(local.common_environment, local.redis_environment, {
      DB_URL                     = module.database.jdbc_url
      DB_USER                    = module.database.app_username
      DB_IAM_AUTH                = "true"
      DB_MIGRATIONS              = "validate"
      JWT_SIGNING_KEY_SECRET_ARN = aws_secretsmanager_secret.jwt_signing_key.arn
      ORIGIN_VERIFY_SECRET_ARN   = aws_secretsmanager_secret.origin_verify.arn
    })
    # Service-to-service calls go through the HTTP API with the caller's token (the authorizer checks it).
    "chat-service" = merge(local.common_environment, local.redis_environment, {
      USER_SERVICE_URL         = local.api_url
      MEDIA_SERVICE_URL        = local.api_url
      NOTIFICATION_SERVICE_URL = local.api_url
      WEBSOCKET_MANAGEMENT_URL = module.api.websocket_connections_endpoint
    })
    "media-service" = merge(local.common_environment, local.media_url_signing_env, {
      CHAT_SERVICE_URL = local.api_url
    })
    "notification-service" = local.common_environment
  }

  service_access = {
    for svc, a in module.platform.service_access : svc => merge(a, {
      kms_key_arns = local.kms_keys
      secret_arns = concat(
        contains(local.in_vpc, svc) ? [module.cache.auth_token_secret_arn] : [],
        svc == "user-service" ? [aws_secretsmanager_secret.jwt_signing_key.arn, aws_secretsmanager_secret.origin_verify.arn] : [],
        svc == "media-service" ? aws_secretsmanager_secret.media_url_signing_key[*].arn : [],
      )
      rds_db_connect_arns     = svc == "user-service" ? [module.database.db_connect_arns.app] : []
      manage_connections_arns = svc == "chat-service" ? [module.api.websocket_manage_connections_arn] : []
    })
  }
}

module "routes" {
  source = "../routes"
}

module "network" {
  source = "../network"

  name                = local.name
  single_nat_gateway  = var.single_nat_gateway
  interface_endpoints = var.interface_endpoints

  flow_log_retention_days = var.log_retention_days

  tags = var.tags
}

# Push credentials, only read for the enabled platforms.
data "aws_secretsmanager_secret_version" "apns" {
  count     = var.push.apns.enabled ? 1 : 0
  secret_id = coalesce(var.push.apns_secret_name, "${local.name}/notification-service/apns")
}

data "aws_secretsmanager_secret_version" "fcm" {
  count     = var.push.fcm_enabled ? 1 : 0
  secret_id = coalesce(var.push.fcm_secret_name, "${local.name}/notification-service/fcm")
}

module "platform" {
  source = "../platform"

  prefix      = var.prefix
  environment = var.environment

  media_bucket_name            = "${local.name}-media-${data.aws_caller_identity.current.account_id}"
  media_bucket_force_destroy   = var.force_destroy_buckets
  cors_read_origins            = var.cors_origins
  cors_upload_origins          = var.cors_origins
  cloudfront_distribution_arns = [module.cdn.distribution_arn]
  kms_key_arn                  = var.create_kms_key ? module.cdn.media_kms_key_arn : null
  media_replication            = var.media_replication_enabled ? module.cdn.media_replication : null
  media_access_log             = { bucket = module.cdn.log_bucket_id }
  topic_kms_master_key_id      = "alias/aws/sns"
  point_in_time_recovery       = true
  deletion_protection          = var.deletion_protection

  push = { apns = var.push.apns, fcm_enabled = var.push.fcm_enabled }
  push_credentials = {
    apns_platform_credential = try(local.apns_secret.key, null)
    apns_platform_principal  = try(local.apns_secret.key_id, local.apns_secret.certificate, null)
    fcm_platform_credential  = one(data.aws_secretsmanager_secret_version.fcm[*].secret_string)
  }

  tags = var.tags
}

module "database" {
  source = "../database"

  name                        = local.name
  instance_class              = var.db_instance_class
  multi_az                    = var.db_multi_az
  deletion_protection         = var.deletion_protection
  kms_key_arn                 = var.create_kms_key ? module.cdn.media_kms_key_arn : null
  subnet_ids                  = module.network.private_subnet_ids
  database_security_group_ids = [module.network.security_group_ids.database]
  proxy_security_group_ids    = [module.network.security_group_ids.db_proxy]
  log_retention_days          = var.log_retention_days

  tags = var.tags
}

module "cache" {
  source = "../cache"

  name               = local.name
  node_type          = var.cache_node_type
  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.network.security_group_ids.cache]

  tags = var.tags
}

# user-service's RS256 signing keys: a key ring (current, next, previous; PKCS#8 PEMs) that
# services/user-service/scripts/rotate-signing-keys creates and rotates (by hand, or monthly by the
# rotate-signing-keys workflow). Terraform creates the secret, not its value, so no key passes through state.
resource "aws_secretsmanager_secret" "jwt_signing_key" {
  name        = "${local.name}/user-service/jwt-signing-key"
  description = "Key ring (current, next, previous RSA keys) that signs and verifies access tokens"

  tags = var.tags
}

# The header CloudFront adds to every request it sends to the HTTP API (X-Origin-Verify), so that a
# service can tell requests that passed WAF from direct calls to the execute-api hostname, which
# stays enabled: API Gateway's JWT authorizer and the services' own calls use it. Generated by Secrets
# Manager and written write-only; CloudFront's origin configuration holds it too, so it is in state
# with the distribution (SECURITY.md). Bump origin_verify_version to rotate.
resource "aws_secretsmanager_secret" "origin_verify" {
  name        = "${local.name}/cdn/origin-verify"
  description = "Value of the X-Origin-Verify header CloudFront sends to the HTTP API"

  tags = var.tags
}

data "aws_secretsmanager_random_password" "origin_verify" {
  password_length     = 48
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret_version" "origin_verify" {
  secret_id                = aws_secretsmanager_secret.origin_verify.id
  secret_string_wo         = data.aws_secretsmanager_random_password.origin_verify.random_password
  secret_string_wo_version = var.origin_verify_version
}

data "aws_secretsmanager_secret_version" "origin_verify" {
  secret_id  = aws_secretsmanager_secret.origin_verify.id
  version_id = aws_secretsmanager_secret_version.origin_verify.version_id
}

# media-service's CloudFront URL signing key (PKCS#8 PEM), put in by an operator like the JWT key;
# its public half is var.media_url_signing_public_key.
resource "aws_secretsmanager_secret" "media_url_signing_key" {
  count = local.media_signed ? 1 : 0

  name        = "${local.name}/media-service/cloudfront-signing-key"
  description = "PKCS#8 PEM RSA private key that signs CloudFront media URLs"

  tags = var.tags
}

module "service" {
  source   = "../service"
  for_each = var.services

  function_name                  = "${local.name}-${each.key}"
  package_file                   = "${var.package_dir}/${each.key}/target/${each.key}-lambda.zip"
  web_adapter_layer_arn          = var.web_adapter_layer_arn
  memory_size                    = each.value.memory_size
  heap_mb                        = coalesce(each.value.heap_mb, local.heap_mb[each.key])
  timeout                        = each.value.timeout
  reserved_concurrent_executions = each.value.reserved_concurrent_executions
  log_retention_days             = var.log_retention_days
  environment                    = merge(module.platform.service_environment[each.key], local.service_environment[each.key])
  access                         = local.service_access[each.key]

  vpc_config = contains(local.in_vpc, each.key) ? {
    subnet_ids         = module.network.private_subnet_ids
    security_group_ids = [module.network.security_group_ids.lambda]
  } : null

  event_sources = {
    for queue, c in module.platform.consumers : queue => {
      queue_arn                       = c.queue_arn
      batch_size                      = c.batch_size
      maximum_batching_window_seconds = c.maximum_batching_window_seconds
    } if c.service == each.key
  }

  stream_sources = {
    for key, c in module.platform.stream_consumers : key => {
      stream_arn                      = c.stream_arn
      on_failure_queue_arn            = c.on_failure_queue_arn
      batch_size                      = c.batch_size
      maximum_batching_window_seconds = c.maximum_batching_window_seconds
      maximum_retry_attempts          = c.maximum_retry_attempts
      starting_position               = c.starting_position
      parallelization_factor          = c.parallelization_factor
    } if c.service == each.key
  }

  tags = var.tags
}

# user-service's schema migrations, as their own function and role: the same package, connecting as
# the migration user (which owns the schema), while the application's role may only connect as the
# application user. The deploy invokes it once after each apply (.github/workflows/deploy.yml).
module "db_migration" {
  source = "../service"

  function_name         = "${local.name}-user-service-migrate"
  package_file          = "${var.package_dir}/user-service/target/user-service-lambda.zip"
  web_adapter_layer_arn = var.web_adapter_layer_arn
  timeout               = 300
  snap_start            = false
  log_retention_days    = var.log_retention_days
  # One migration at a time.
  reserved_concurrent_executions = 1

  environment = {
    DB_URL        = module.database.jdbc_url
    DB_USER       = module.database.migration_username
    DB_IAM_AUTH   = "true"
    DB_MIGRATIONS = "migrate-only"
  }
  access = { rds_db_connect_arns = [module.database.db_connect_arns.migration] }

  vpc_config = {
    subnet_ids         = module.network.private_subnet_ids
    security_group_ids = [module.network.security_group_ids.lambda]
  }

  tags = var.tags
}

module "api" {
  source = "../api"

  name             = local.name
  http_routes      = module.routes.http_routes
  websocket_routes = module.routes.websocket_routes
  jwt_issuer       = var.jwt_issuer
  functions = {
    for svc, m in module.service : svc => {
      function_name = m.function_name
      alias_name    = m.alias_name
      invoke_arn    = m.invoke_arn
    }
  }
  # The web apps' origins and the admin console's own distribution, exactly: the console calls the API cross-origin.
  cors_allow_origins     = distinct(concat(var.cors_origins, [module.cdn.admin_origin]))
  throttling_rate_limit  = var.api_throttling.rate_limit
  throttling_burst_limit = var.api_throttling.burst_limit
  log_retention_days     = var.log_retention_days

  tags = var.tags
}

module "cdn" {
  source = "../cdn"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
    aws.replica   = aws.replica
  }

  name              = local.name
  media_bucket      = module.platform.media_bucket
  http_api_endpoint = module.api.http_api_endpoint
  api_path_patterns = local.api_path_patterns

  media_url_signing_public_key = var.media_url_signing_public_key
  origin_verify_header_value   = data.aws_secretsmanager_secret_version.origin_verify.secret_string
  waf_rate_limit               = var.waf_rate_limit
  waf_auth_rate_limit          = var.waf_auth_rate_limit
  aliases                      = var.cdn_aliases
  admin_aliases                = var.cdn_admin_aliases
  acm_certificate_arn          = var.cdn_certificate_arn
  log_retention_days           = var.log_retention_days
  create_kms_key               = var.create_kms_key
  replication_enabled          = var.media_replication_enabled
  force_destroy                = var.force_destroy_buckets

  tags = var.tags
}

module "monitoring" {
  source = "../monitoring"

  name           = local.name
  function_names = { for svc, m in module.service : svc => m.function_name }
  dlq_names      = module.platform.failure_queue_names
  http_api_id    = module.api.http_api_id
  alarm_emails   = var.alarm_emails

  tags = var.tags
}
