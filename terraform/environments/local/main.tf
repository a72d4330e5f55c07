locals {
  prefix      = "wechat"
  environment = "local"
  tags = {
    Project     = local.prefix
    Environment = local.environment
    ManagedBy   = "terraform"
  }
}

provider "aws" {
  region                      = var.region
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  s3_use_path_style           = true

  endpoints {
    dynamodb = var.aws_endpoint
    iam      = var.aws_endpoint
    kms      = var.aws_endpoint
    s3       = var.aws_endpoint
    sns      = var.aws_endpoint
    sqs      = var.aws_endpoint
    sts      = var.aws_endpoint
  }

  default_tags {
    tags = local.tags
  }
}

module "platform" {
  source = "../../modules/platform"

  prefix      = local.prefix
  environment = local.environment

  emulator                   = true
  media_bucket_force_destroy = true
  cors_read_origins          = var.cors_origins
  cors_upload_origins        = var.cors_origins
  point_in_time_recovery     = false
  deletion_protection        = false

  queue_visibility_timeout_seconds = var.queue_visibility_timeout_seconds

  # Both push platforms, so notification-service creates endpoints and publishes as in AWS; moto
  # accepts any credential string and delivers nothing.
  push = {
    apns        = { enabled = true, sandbox = true, team_id = "LOCALTEAM1", bundle_id = "io.wechat.local" }
    fcm_enabled = true
  }
  push_credentials = {
    apns_platform_credential = "-----BEGIN PRIVATE KEY-----\nlocal\n-----END PRIVATE KEY-----"
    apns_platform_principal  = "LOCALKEY01"
    fcm_platform_credential  = "{\"type\":\"service_account\",\"project_id\":\"wechat-local\"}"
  }
}

module "routes" {
  source = "../../modules/routes"
}

# The web app's bucket: what the cdn module's static bucket is in AWS, without CloudFront in front.
# The local edge reads it the way CloudFront's default behaviour does; `make up` uploads the app into it.
module "web_bucket" {
  source = "../../modules/media-bucket"

  bucket_name                        = "${local.prefix}-${local.environment}-static"
  force_destroy                      = true
  deny_insecure_transport            = false
  noncurrent_version_expiration_days = 1

  tags = local.tags
}

# The admin app's bucket: what the cdn module's admin bucket is in AWS. The local edge serves it on its own port
# (ADMIN_PORT), a separate origin as the admin distribution is; `make up` uploads the admin app into it.
module "admin_bucket" {
  source = "../../modules/media-bucket"

  bucket_name                        = "${local.prefix}-${local.environment}-admin"
  force_destroy                      = true
  deny_insecure_transport            = false
  noncurrent_version_expiration_days = 1

  tags = local.tags
}
