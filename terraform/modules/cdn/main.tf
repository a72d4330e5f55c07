data "aws_caller_identity" "current" {}

locals {
  # AWS managed CloudFront policies. (The seed labelled 4135ea2d... "CachingOptimized": it is CachingDisabled.)
  caching_optimized                = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  caching_disabled                 = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  all_viewer_except_host_header    = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
  cors_s3_origin_request_policy_id = "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf"
  api_domain                       = replace(var.http_api_endpoint, "/^https?:\\/\\//", "")
  # The security policy CloudFront applies: with its default *.cloudfront.net certificate the API only
  # accepts TLSv1 (CloudFront then negotiates TLS 1.2 and 1.3 with every modern client, but cannot
  # refuse older ones); a custom certificate gets TLS 1.2 as the minimum.
  minimum_protocol_version = var.acm_certificate_arn == null ? "TLSv1" : "TLSv1.2_2021"
  media_signed             = var.media_url_signing_public_key != null
}

# The key media-service signs download URLs with (its private half is in Secrets Manager). A new key
# replaces the old one before it is deleted, so the key group is never empty.
resource "aws_cloudfront_public_key" "media" {
  count = local.media_signed ? 1 : 0

  name_prefix = "${var.name}-media-"
  comment     = "${var.name}: signs media-service's CloudFront download URLs"
  encoded_key = "${trimspace(var.media_url_signing_public_key)}\n"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudfront_key_group" "media" {
  count = local.media_signed ? 1 : 0

  name    = "${var.name}-media"
  comment = "Keys trusted for signed media URLs"
  items   = [aws_cloudfront_public_key.media[0].id]
}

module "static_bucket" {
  source = "../media-bucket"

  bucket_name                        = "${var.name}-static-${data.aws_caller_identity.current.account_id}"
  force_destroy                      = var.force_destroy
  noncurrent_version_expiration_days = 30
  cloudfront_distribution_arns       = [aws_cloudfront_distribution.this.arn]
  access_log                         = { bucket = aws_s3_bucket.logs.id }

  tags = var.tags
}

resource "aws_cloudfront_origin_access_control" "this" {
  name                              = "${var.name}-s3"
  description                       = "CloudFront reads the private S3 buckets with SigV4 (OAC replaces the seed's legacy OAI)"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "this" {
  enabled             = true
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  comment             = "${var.name}: web app, media and API"
  default_root_object = "index.html"
  price_class         = var.price_class
  aliases             = var.aliases
  web_acl_id          = aws_wafv2_web_acl.this.arn

  origin {
    origin_id                = "static"
    domain_name              = module.static_bucket.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.this.id
  }

  origin {
    origin_id                = "media"
    domain_name              = var.media_bucket.regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.this.id
  }

  origin {
    origin_id   = "api"
    domain_name = local.api_domain

    # Tells the API that the request came through CloudFront (and so through WAF).
    custom_header {
      name  = "X-Origin-Verify"
      value = var.origin_verify_header_value
    }

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id           = "static"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.caching_optimized
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
  }

  # Media is private: signed URLs only (the key group's key), and no media behaviour without a key.
  dynamic "ordered_cache_behavior" {
    for_each = local.media_signed ? var.media_path_patterns : []

    content {
      path_pattern               = ordered_cache_behavior.value
      target_origin_id           = "media"
      viewer_protocol_policy     = "redirect-to-https"
      allowed_methods            = ["GET", "HEAD", "OPTIONS"]
      cached_methods             = ["GET", "HEAD"]
      compress                   = true
      cache_policy_id            = aws_cloudfront_cache_policy.media.id
      origin_request_policy_id   = local.cors_s3_origin_request_policy_id
      response_headers_policy_id = aws_cloudfront_response_headers_policy.media.id
      trusted_key_groups         = [aws_cloudfront_key_group.media[0].id]

      # Uploads are served only as a named version (the one media-service verified).
      dynamic "function_association" {
        for_each = ordered_cache_behavior.value == "/uploads/*" && var.media_require_version_id ? [aws_cloudfront_function.require_version_id.arn] : []

        content {
          event_type   = "viewer-request"
          function_arn = function_association.value
        }
      }
    }
  }

  # API responses are per user and authenticated: never cached, every viewer header but Host forwarded.
  dynamic "ordered_cache_behavior" {
    for_each = var.api_path_patterns

    content {
      path_pattern               = ordered_cache_behavior.value
      target_origin_id           = "api"
      viewer_protocol_policy     = "https-only"
      allowed_methods            = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
      cached_methods             = ["GET", "HEAD"]
      compress                   = true
      cache_policy_id            = local.caching_disabled
      origin_request_policy_id   = local.all_viewer_except_host_header
      response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
    }
  }

  logging_config {
    bucket          = aws_s3_bucket.logs.bucket_domain_name
    prefix          = "cloudfront/"
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
