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
  name = "wechat-test"
  media_bucket = {
    id                   = "wechat-test-media-123456789012"
    arn                  = "arn:aws:s3:::wechat-test-media-123456789012"
    regional_domain_name = "wechat-test-media-123456789012.s3.us-east-1.amazonaws.com"
  }
  http_api_endpoint            = "https://abc123.execute-api.us-east-1.amazonaws.com"
  origin_verify_header_value   = "0123456789abcdefghijklmnopqrstuv"
  api_path_patterns            = ["/auth*", "/users*"]
  create_kms_key               = true
  replication_enabled          = true
  media_url_signing_public_key = <<-EOT
    -----BEGIN PUBLIC KEY-----
    MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtestkeytestkeytestkey
    -----END PUBLIC KEY-----
  EOT
}

run "cdn_uses_oac_never_caches_the_api_has_waf_and_opt_in_protections" {
  assert {
    condition     = aws_cloudfront_origin_access_control.this.signing_behavior == "always" && aws_cloudfront_origin_access_control.this.origin_access_control_origin_type == "s3"
    error_message = "S3 origins use OAC (not the legacy OAI)."
  }

  assert {
    condition     = aws_wafv2_web_acl.this.scope == "CLOUDFRONT"
    error_message = "CloudFront scope."
  }

  assert {
    condition     = aws_kms_key.media[0].enable_key_rotation
    error_message = "Key rotation on."
  }

  assert {
    condition     = alltrue([for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.cache_policy_id == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" if b.target_origin_id == "api"])
    error_message = "API behaviours use CachingDisabled."
  }

  assert {
    condition     = length([for o in aws_cloudfront_distribution.this.origin : o if o.domain_name == "abc123.execute-api.us-east-1.amazonaws.com"]) == 1
    error_message = "The HTTP API is an origin."
  }

  assert {
    condition     = aws_cloudfront_distribution.this.web_acl_id == aws_wafv2_web_acl.this.arn
    error_message = "WAF protects the distribution."
  }

  assert {
    condition     = length([for r in aws_wafv2_web_acl.this.rule : r if length(r.statement[0].rate_based_statement) > 0]) == 2
    error_message = "Two rate-based rules: everything, and the token endpoints."
  }

  assert {
    condition     = length([for r in aws_wafv2_web_acl.this.rule : r if length(r.statement[0].managed_rule_group_statement) > 0 && try(r.statement[0].managed_rule_group_statement[0].name, "") == "AWSManagedRulesCommonRuleSet"]) == 1
    error_message = "AWS managed common rule set."
  }

  assert {
    condition     = aws_s3_bucket_versioning.replica[0].versioning_configuration[0].status == "Enabled" && aws_s3_bucket_public_access_block.replica[0].restrict_public_buckets
    error_message = "Replica bucket versioned and private."
  }
}

run "media_is_served_signed_under_media_service_key_prefixes" {
  command = plan

  assert {
    condition     = [for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.path_pattern if b.target_origin_id == "media"] == ["/uploads/*", "/thumbnails/*"]
    error_message = "Media behaviours cover media-service's keys: uploads/ and thumbnails/."
  }

  assert {
    condition     = alltrue([for b in aws_cloudfront_distribution.this.ordered_cache_behavior : length(b.trusted_key_groups) == 1 if b.target_origin_id == "media"])
    error_message = "Every media behaviour trusts the media key group (signed URLs only)."
  }

  assert {
    condition     = endswith(aws_cloudfront_public_key.media[0].encoded_key, "-----END PUBLIC KEY-----\n") && aws_cloudfront_key_group.media[0].name == "wechat-test-media"
    error_message = "The public key (PEM ending in a newline) is the key group's key."
  }
}

run "no_unsigned_media_without_a_key" {
  command = plan

  variables {
    media_url_signing_public_key = null
  }

  assert {
    condition     = length([for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b if b.target_origin_id == "media"]) == 0 && length(aws_cloudfront_key_group.media) == 0
    error_message = "Without a signing key CloudFront serves no media."
  }
}

# Issue: the core rule set blocked chat text that merely contains "<script>" or "../". The body rules
# only count inside the rule group; a rule after it blocks on their labels outside the message routes.
run "body_rules_block_everywhere_but_chat_text" {
  command = plan

  assert {
    condition = toset([for o in one([for r in aws_wafv2_web_acl.this.rule : r if r.name == "aws-common"]).statement[0].managed_rule_group_statement[0].rule_action_override : o.name if length(o.action_to_use[0].count) == 1]) == toset([
      "SizeRestrictions_BODY", "CrossSiteScripting_BODY", "GenericLFI_BODY", "GenericRFI_BODY", "EC2MetaDataSSRF_BODY",
    ])
    error_message = "Inside the managed group the body rules only count."
  }

  assert {
    condition = toset([
      for s in one([for r in aws_wafv2_web_acl.this.rule : r if r.name == "aws-common-body-outside-messages"]).statement[0].and_statement[0].statement[0].or_statement[0].statement :
      s.label_match_statement[0].key
      ]) == toset([
      "awswaf:managed:aws:core-rule-set:CrossSiteScripting_Body", "awswaf:managed:aws:core-rule-set:GenericLFI_Body",
      "awswaf:managed:aws:core-rule-set:GenericRFI_Body", "awswaf:managed:aws:core-rule-set:EC2MetaDataSSRF_Body",
    ])
    error_message = "A later rule blocks on the labels of the body rules that only count."
  }

  assert {
    condition = (
      one([for r in aws_wafv2_web_acl.this.rule : r.priority if r.name == "aws-common-body-outside-messages"]) > one([for r in aws_wafv2_web_acl.this.rule : r.priority if r.name == "aws-common"]) &&
      length(one([for r in aws_wafv2_web_acl.this.rule : r if r.name == "aws-common-body-outside-messages"]).action[0].block) == 1
    )
    error_message = "The label rule runs after the rule group (labels exist only then) and blocks."
  }

  assert {
    condition = (
      one([for r in aws_wafv2_web_acl.this.rule : r if r.name == "aws-common-body-outside-messages"]).statement[0].and_statement[0].statement[1].not_statement[0].statement[0].regex_match_statement[0].regex_string == output.message_path_regex &&
      can(regex(output.message_path_regex, "/conversations/0b7c0d2e-1f1a-4b7e-9c55-1d2a3b4c5d6e/messages")) &&
      can(regex(output.message_path_regex, "/conversations/c1/messages/m1")) &&
      !can(regex(output.message_path_regex, "/conversations/c1/members")) &&
      !can(regex(output.message_path_regex, "/users/me")) &&
      !can(regex(output.message_path_regex, "/auth/login")) &&
      !can(regex(output.message_path_regex, "/conversations/c1/messages/m1/../../../users/me"))
    )
    error_message = "Exempt are the message routes (send, edit) and nothing else."
  }
}

# Per-client limits at the edge: the IP is the viewer's as CloudFront saw it.
run "rate_limits_per_viewer_ip_with_a_stricter_one_on_the_token_endpoints" {
  command = plan

  assert {
    condition     = alltrue([for r in aws_wafv2_web_acl.this.rule : r.statement[0].rate_based_statement[0].aggregate_key_type == "IP" && length(r.action[0].block) == 1 if length(r.statement[0].rate_based_statement) > 0])
    error_message = "Rate-based rules count per viewer IP and block."
  }

  assert {
    condition = (
      one([for r in aws_wafv2_web_acl.this.rule : r.statement[0].rate_based_statement[0].limit if r.name == "rate-limit-auth-per-ip"]) == 100 &&
      one([for r in aws_wafv2_web_acl.this.rule : r.statement[0].rate_based_statement[0].scope_down_statement[0].byte_match_statement[0].search_string if r.name == "rate-limit-auth-per-ip"]) == "/auth/"
    )
    error_message = "Login and registration have their own, lower limit per IP."
  }
}

# Issue: CloudFront could serve a version of an upload that was never verified.
run "uploads_are_served_only_as_a_named_version" {
  assert {
    condition     = alltrue([for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.cache_policy_id == aws_cloudfront_cache_policy.media.id if b.target_origin_id == "media"])
    error_message = "Media behaviours use the cache policy keyed on versionId."
  }

  assert {
    condition = (
      aws_cloudfront_cache_policy.media.parameters_in_cache_key_and_forwarded_to_origin[0].query_strings_config[0].query_string_behavior == "whitelist" &&
      aws_cloudfront_cache_policy.media.parameters_in_cache_key_and_forwarded_to_origin[0].query_strings_config[0].query_strings[0].items == toset(["versionId"])
    )
    error_message = "versionId is in the cache key and reaches S3; no other query string does."
  }

  assert {
    condition = one([
      for b in aws_cloudfront_distribution.this.ordered_cache_behavior : [for f in b.function_association : f.function_arn if f.event_type == "viewer-request"]
      if b.path_pattern == "/uploads/*"
    ]) == [aws_cloudfront_function.require_version_id.arn]
    error_message = "Upload URLs without a versionId are refused at the edge."
  }

  assert {
    condition     = strcontains(aws_cloudfront_function.require_version_id.code, "querystring.versionId") && strcontains(aws_cloudfront_function.require_version_id.code, "403")
    error_message = "The function answers 403 without versionId."
  }
}

# User uploads are served from the app's own domain: downloaded, never rendered as a page of it.
run "media_is_an_attachment_with_its_stored_type_and_every_response_has_security_headers" {
  assert {
    condition     = alltrue([for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.response_headers_policy_id == aws_cloudfront_response_headers_policy.media.id if b.target_origin_id == "media"])
    error_message = "Media behaviours use the media headers policy."
  }

  assert {
    condition = (
      one([for h in aws_cloudfront_response_headers_policy.media.custom_headers_config[0].items : h.value if h.header == "Content-Disposition" && h.override]) == "attachment" &&
      aws_cloudfront_response_headers_policy.media.security_headers_config[0].content_type_options[0].override &&
      strcontains(aws_cloudfront_response_headers_policy.media.security_headers_config[0].content_security_policy[0].content_security_policy, "sandbox")
    )
    error_message = "Media: Content-Disposition attachment, nosniff, a sandboxing CSP."
  }

  assert {
    condition = (
      aws_cloudfront_distribution.this.default_cache_behavior[0].response_headers_policy_id == aws_cloudfront_response_headers_policy.security.id &&
      alltrue([for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.response_headers_policy_id == aws_cloudfront_response_headers_policy.security.id if b.target_origin_id == "api"]) &&
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].strict_transport_security[0].access_control_max_age_sec >= 31536000
    )
    error_message = "The app and the API get HSTS (a year or more), nosniff and no framing."
  }
}

run "access_logs_of_cloudfront_s3_and_waf_expire" {
  assert {
    condition     = aws_cloudfront_distribution.this.logging_config[0].bucket == aws_s3_bucket.logs.bucket_domain_name && !aws_cloudfront_distribution.this.logging_config[0].include_cookies
    error_message = "CloudFront writes standard logs to the log bucket, without cookies."
  }

  assert {
    condition     = one([for r in aws_s3_bucket_lifecycle_configuration.logs.rule : r.expiration[0].days if r.status == "Enabled"]) == 90 && aws_s3_bucket_public_access_block.logs.restrict_public_buckets
    error_message = "Logs expire after 90 days by default; the log bucket is private."
  }

  assert {
    condition = (
      startswith(aws_cloudwatch_log_group.waf.name, "aws-waf-logs-") && aws_cloudwatch_log_group.waf.retention_in_days == 90 &&
      aws_wafv2_web_acl_logging_configuration.this.resource_arn == aws_wafv2_web_acl.this.arn &&
      one(aws_wafv2_web_acl_logging_configuration.this.redacted_fields[0].single_header).name == "authorization"
    )
    error_message = "The web ACL logs to a retained log group, without bearer tokens."
  }
}

# With the default *.cloudfront.net certificate CloudFront accepts only the TLSv1 policy; a custom
# certificate gets TLS 1.2 as the minimum (SECURITY.md: the operator brings the domain).
run "viewer_tls_is_the_strictest_the_certificate_allows" {
  command = plan

  variables {
    aliases             = ["app.example.com"]
    acm_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
  }

  assert {
    condition     = output.viewer_minimum_protocol_version == "TLSv1.2_2021" && aws_cloudfront_distribution.this.viewer_certificate[0].ssl_support_method == "sni-only"
    error_message = "A custom certificate gets TLSv1.2_2021 with SNI."
  }
}

run "requests_to_the_api_carry_the_origin_secret" {
  command = plan

  assert {
    condition     = one([for o in aws_cloudfront_distribution.this.origin : [for h in o.custom_header : h.value if h.name == "X-Origin-Verify"] if o.origin_id == "api"]) == ["0123456789abcdefghijklmnopqrstuv"]
    error_message = "CloudFront sends X-Origin-Verify to the HTTP API."
  }

  assert {
    condition     = alltrue([for o in aws_cloudfront_distribution.this.origin : length(o.custom_header) == 0 if o.origin_id != "api"])
    error_message = "The secret goes to the API only, never to S3."
  }
}
