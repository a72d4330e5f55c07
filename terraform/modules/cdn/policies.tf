# What CloudFront adds to responses and how it caches media.

# Every response: HTTPS only from now on, no MIME sniffing, no framing, no full URLs in Referer.
resource "aws_cloudfront_response_headers_policy" "security" {
  name    = "${var.name}-security"
  comment = "HSTS, nosniff, no framing, strict referrer"

  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      override                   = true
    }

    content_type_options {
      override = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
  }
}

# User uploads come from the app's own domain, so they must never run as a page of it: downloaded,
# never rendered (Content-Disposition: attachment), the stored Content-Type taken as is (nosniff),
# and a sandboxing CSP in case a browser renders anyway. <img> and <video> ignore all three.
resource "aws_cloudfront_response_headers_policy" "media" {
  name    = "${var.name}-media"
  comment = "User uploads: attachment, nosniff, sandboxed"

  custom_headers_config {
    items {
      header   = "Content-Disposition"
      value    = "attachment"
      override = true
    }
  }

  security_headers_config {
    content_security_policy {
      content_security_policy = "default-src 'none'; sandbox"
      override                = true
    }

    content_type_options {
      override = true
    }

    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      override                   = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }
  }
}

# Media objects are versioned: the cache key holds versionId, so each version is cached on its own and
# a later (unverified) version can never be served from the entry of the verified one. The query
# strings of the cache key are also what CloudFront forwards to S3.
resource "aws_cloudfront_cache_policy" "media" {
  name        = "${var.name}-media"
  comment     = "Media by key and versionId"
  min_ttl     = 0
  default_ttl = 86400
  max_ttl     = 31536000

  parameters_in_cache_key_and_forwarded_to_origin {
    cookies_config {
      cookie_behavior = "none"
    }

    headers_config {
      header_behavior = "none"
    }

    query_strings_config {
      query_string_behavior = "whitelist"

      query_strings {
        items = ["versionId"]
      }
    }

    enable_accept_encoding_brotli = false
    enable_accept_encoding_gzip   = false
  }
}

# An upload URL without a versionId would be served the current version, which may be one written
# after verification: refuse it at the edge.
resource "aws_cloudfront_function" "require_version_id" {
  name    = "${var.name}-require-version-id"
  runtime = "cloudfront-js-2.0"
  comment = "Uploads only as a named version"
  publish = true
  code    = <<-EOT
    function handler(event) {
      var versionId = event.request.querystring.versionId;
      if (!versionId || !versionId.value) {
        return { statusCode: 403, statusDescription: 'Forbidden' };
      }
      return event.request;
    }
  EOT
}
