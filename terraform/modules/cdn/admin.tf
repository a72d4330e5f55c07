# The admin console: its own bucket and its own distribution, a separate origin from the web app's, as the
# API's CORS expects (it allows exactly the web and admin origins). The distribution serves the bucket only:
# the admin app calls the API on the web app's domain, whose API behaviours forward the viewer's Origin.
locals {
  web_origin   = "https://${length(var.aliases) > 0 ? var.aliases[0] : aws_cloudfront_distribution.this.domain_name}"
  admin_origin = "https://${length(var.admin_aliases) > 0 ? var.admin_aliases[0] : aws_cloudfront_distribution.admin.domain_name}"
}

module "admin_bucket" {
  source = "../media-bucket"

  bucket_name                        = "${var.name}-admin-${data.aws_caller_identity.current.account_id}"
  force_destroy                      = var.force_destroy
  noncurrent_version_expiration_days = 30
  cloudfront_distribution_arns       = [aws_cloudfront_distribution.admin.arn]
  access_log                         = { bucket = aws_s3_bucket.logs.id }

  tags = var.tags
}

# Where the app finds the API; it is read at start, so one build serves every environment.
resource "aws_s3_object" "admin_config" {
  bucket        = module.admin_bucket.bucket_id
  key           = "config.json"
  content       = jsonencode({ apiUrl = local.web_origin })
  content_type  = "application/json"
  cache_control = "no-cache"

  tags = var.tags
}

resource "aws_cloudfront_distribution" "admin" {
  enabled             = true
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  comment             = "${var.name}: admin console"
  default_root_object = "index.html"
  price_class         = var.price_class
  aliases             = var.admin_aliases
  web_acl_id          = aws_wafv2_web_acl.this.arn

  origin {
    origin_id                = "admin"
    domain_name              = module.admin_bucket.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.this.id
  }

  default_cache_behavior {
    target_origin_id           = "admin"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.caching_optimized
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
  }

  # The app's client-side routes (/users, /reports ...) are no objects: OAC reads a missing key as 403.
  dynamic "custom_error_response" {
    for_each = [403, 404]

    content {
      error_code            = custom_error_response.value
      response_code         = 200
      response_page_path    = "/index.html"
      error_caching_min_ttl = 0
    }
  }

  logging_config {
    bucket          = aws_s3_bucket.logs.bucket_domain_name
    prefix          = "cloudfront-admin/"
    include_cookies = false
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = var.acm_certificate_arn == null
    acm_certificate_arn            = var.acm_certificate_arn
    ssl_support_method             = var.acm_certificate_arn == null ? null : "sni-only"
    minimum_protocol_version       = local.minimum_protocol_version
  }

  tags = var.tags

  depends_on = [aws_s3_bucket_ownership_controls.logs]
}
