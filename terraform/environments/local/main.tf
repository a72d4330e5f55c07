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
}

module "routes" {
  source = "../../modules/routes"
}
