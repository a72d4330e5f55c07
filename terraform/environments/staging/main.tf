locals {
  environment = "staging"
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

  # Shaped like prod (NAT per AZ, endpoints, protections), on smaller instances.
  single_nat_gateway  = false
  db_instance_class   = "db.t4g.small"
  db_multi_az         = true
  cache_node_type     = "cache.t4g.small"
  deletion_protection = true
  log_retention_days  = 30
}
