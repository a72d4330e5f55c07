locals {
  environment = "prod"
  tags = {
    Project     = "wechat"
    Environment = local.environment
    ManagedBy   = "terraform"
  }
}

module "stack" {
  source = "../../modules/stack"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
    aws.replica   = aws.replica
  }

  environment           = local.environment
  web_adapter_layer_arn = var.web_adapter_layer_arn
  package_dir           = "${path.root}/../../../services"
  cors_origins          = var.cors_origins
  alarm_emails          = var.alarm_emails
  push                  = var.push

  media_url_signing_public_key = var.media_url_signing_public_key

  # One NAT gateway per AZ, Multi-AZ database, deletion protection, customer key and DR copy of media.
  single_nat_gateway        = false
  db_instance_class         = "db.r7g.large"
  db_multi_az               = true
  cache_node_type           = "cache.r7g.large"
  deletion_protection       = true
  create_kms_key            = true
  media_replication_enabled = true
  log_retention_days        = 90
  api_throttling            = { rate_limit = 1000, burst_limit = 2000 }
  waf_rate_limit            = 2000

  services = {
    "user-service"         = { memory_size = 1536, reserved_concurrent_executions = 200 }
    "chat-service"         = { memory_size = 1536, reserved_concurrent_executions = 400 }
    "media-service"        = { memory_size = 2048, timeout = 120, reserved_concurrent_executions = 100 }
    "notification-service" = { memory_size = 1024, reserved_concurrent_executions = 200 }
  }
}
