mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  bucket_name                  = "wechat-test-media"
  cors_read_origins            = ["https://app.example.com"]
  cors_upload_origins          = ["https://app.example.com"]
  object_created_queue_arns    = ["arn:aws:sqs:us-east-1:123456789012:wechat-test-media-uploads"]
  object_created_filter_prefix = "uploads/"
  cloudfront_distribution_arns = ["arn:aws:cloudfront::123456789012:distribution/EXAMPLE"]
}

run "bucket_is_private_encrypted_versioned_with_exact_cors_and_notifications" {
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.this.block_public_acls,
      aws_s3_bucket_public_access_block.this.block_public_policy,
      aws_s3_bucket_public_access_block.this.ignore_public_acls,
      aws_s3_bucket_public_access_block.this.restrict_public_buckets,
    ])
    error_message = "All public access must be blocked."
  }

  assert {
    condition     = alltrue([for r in aws_s3_bucket_cors_configuration.this[0].cors_rule : !contains(r.allowed_origins, "*")])
    error_message = "CORS must not allow \"*\"."
  }

  assert {
    condition     = length([for r in aws_s3_bucket_lifecycle_configuration.this.rule : r if length(r.noncurrent_version_expiration) > 0]) == 1
    error_message = "Noncurrent versions must expire."
  }

  assert {
    condition     = aws_s3_bucket_notification.this[0].queue[0].events == toset(["s3:ObjectCreated:*"]) && aws_s3_bucket_notification.this[0].queue[0].filter_prefix == "uploads/"
    error_message = "s3:ObjectCreated:* of the uploads/ keys must go to the queue."
  }

  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "Objects must be encrypted at rest."
  }

  assert {
    condition     = aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Enabled"
    error_message = "Versioning must be on."
  }

  assert {
    condition     = aws_s3_bucket_ownership_controls.this.rule[0].object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled."
  }

  assert {
    condition     = alltrue([for r in aws_s3_bucket_cors_configuration.this[0].cors_rule : !contains(r.allowed_methods, "DELETE") && !contains(r.allowed_methods, "POST")])
    error_message = "Browsers never DELETE or POST to the bucket."
  }

  assert {
    condition     = length([for r in aws_s3_bucket_cors_configuration.this[0].cors_rule : r if contains(r.allowed_methods, "PUT") && length(r.allowed_methods) == 1]) == 1
    error_message = "PUT must be alone in the upload rule."
  }

  assert {
    condition     = length([for r in aws_s3_bucket_lifecycle_configuration.this.rule : r if length(r.abort_incomplete_multipart_upload) > 0]) == 1
    error_message = "Incomplete multipart uploads must be aborted."
  }
}
run "rejects_wildcard_origin" {
  command = plan

  variables {
    cors_upload_origins = ["*"]
  }

  expect_failures = [var.cors_upload_origins]
}

# CloudFront fetches the verified version of an upload (?versionId=), which needs GetObjectVersion.
run "cloudfront_reads_named_versions_and_access_is_logged" {
  command = plan

  variables {
    access_log = { bucket = "wechat-test-logs-123456789012" }
  }

  assert {
    condition     = toset(one([for st in data.aws_iam_policy_document.this.statement : st.actions if st.sid == "AllowCloudFrontOriginAccessControl"])) == toset(["s3:GetObject", "s3:GetObjectVersion"])
    error_message = "CloudFront may read objects and their versions, and nothing more."
  }

  assert {
    condition     = aws_s3_bucket_logging.this[0].target_bucket == "wechat-test-logs-123456789012" && aws_s3_bucket_logging.this[0].target_prefix == "s3/${var.bucket_name}/"
    error_message = "Server access logs go to the log bucket under s3/<bucket>/."
  }
}
