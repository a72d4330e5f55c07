locals {
  # Body rules of the core rule set that ordinary chat text trips (a message about "<script>" tags or
  # "../" paths): rule name => the label it leaves. They block everywhere but the message routes.
  scoped_body_rules = {
    CrossSiteScripting_BODY = "CrossSiteScripting_Body"
    GenericLFI_BODY         = "GenericLFI_Body"
    GenericRFI_BODY         = "GenericRFI_Body"
    EC2MetaDataSSRF_BODY    = "EC2MetaDataSSRF_Body"
  }
  # POST /conversations/{id}/messages and PATCH /conversations/{id}/messages/{messageId}: the routes
  # whose bodies are chat text (the services store it as text and clients render it as text).
  message_path_regex = "^/conversations/[^/]+/messages(/[^/]+)?$"
}

resource "aws_wafv2_web_acl" "this" {
  provider = aws.us_east_1

  name        = "${var.name}-cdn"
  description = "AWS managed rules and a per-IP rate limit in front of CloudFront"
  scope       = "CLOUDFRONT"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-common"
    priority = 10

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"

        # The API accepts JSON bodies up to 1 MB (the services answer 413 themselves); the rule's
        # 8 KB limit would block legitimate requests, so it only counts, everywhere.
        rule_action_override {
          name = "SizeRestrictions_BODY"

          action_to_use {
            count {}
          }
        }

        # The body rules only count (and label) here; the next rule blocks on their labels outside
        # the message routes, where chat text may well say "<script>" or "../".
        dynamic "rule_action_override" {
          for_each = local.scoped_body_rules

          content {
            name = rule_action_override.key

            action_to_use {
              count {}
            }
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-aws-common"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-common-body-outside-messages"
    priority = 11

    action {
      block {}
    }

    statement {
      and_statement {
        statement {
          or_statement {
            dynamic "statement" {
              for_each = local.scoped_body_rules

              content {
                label_match_statement {
                  scope = "LABEL"
                  key   = "awswaf:managed:aws:core-rule-set:${statement.value}"
                }
              }
            }
          }
        }

        statement {
          not_statement {
            statement {
              regex_match_statement {
                regex_string = local.message_path_regex

                field_to_match {
                  uri_path {}
                }

                text_transformation {
                  priority = 0
                  type     = "NONE"
                }
              }
            }
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-aws-common-body"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-known-bad-inputs"
    priority = 20

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-aws-known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  # CloudFront scope: the IP is the viewer's, as CloudFront saw it (not a header the client writes).
  rule {
    name     = "rate-limit-auth-per-ip"
    priority = 25

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit              = var.waf_auth_rate_limit
        aggregate_key_type = "IP"

        scope_down_statement {
          byte_match_statement {
            search_string         = "/auth/"
            positional_constraint = "STARTS_WITH"

            field_to_match {
              uri_path {}
            }

            text_transformation {
              priority = 0
              type     = "NONE"
            }
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit-auth"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 30

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit              = var.waf_rate_limit
        aggregate_key_type = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name}-cdn"
    sampled_requests_enabled   = true
  }

  tags = var.tags
}

# The web ACL's log (CLOUDFRONT scope: in us-east-1; the name must start with aws-waf-logs-), without
# the bearer tokens.
resource "aws_cloudwatch_log_group" "waf" {
  provider = aws.us_east_1

  name              = "aws-waf-logs-${var.name}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  provider = aws.us_east_1

  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]

  redacted_fields {
    single_header {
      name = "authorization"
    }
  }
}
