locals {
  environment = "dev"
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

  # Cheap and disposable: one NAT gateway, no interface endpoints, single-AZ database.
  single_nat_gateway    = true
  interface_endpoints   = []
  db_instance_class     = "db.t4g.micro"
  db_multi_az           = false
  cache_node_type       = "cache.t4g.micro"
  deletion_protection   = false
  force_destroy_buckets = true
  log_retention_days    = 14
  api_throttling        = { rate_limit = 20, burst_limit = 40 }
}
