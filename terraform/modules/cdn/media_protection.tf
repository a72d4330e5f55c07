# Opt-in protections of the media bucket the seed asks for in its DR section: a customer-managed
# KMS key and cross-region replication. The platform module applies them to the bucket.
data "aws_partition" "current" {}

resource "aws_kms_key" "media" {
  count = var.create_kms_key ? 1 : 0

  description             = "${var.name} media bucket"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  tags = var.tags
}

resource "aws_kms_alias" "media" {
  count = var.create_kms_key ? 1 : 0

  name          = "alias/${var.name}-media"
  target_key_id = aws_kms_key.media[0].key_id
}

# A separate policy resource: the distribution must exist first, and the key must exist before it.
resource "aws_kms_key_policy" "media" {
  count = var.create_kms_key ? 1 : 0

  key_id = aws_kms_key.media[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministersThroughIam"
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudFrontDecryptsMediaThroughOac"
        Effect    = "Allow"
        Principal = { Service = "cloudfront.amazonaws.com" }
        Action    = ["kms:Decrypt"]
        Resource  = "*"
        Condition = { StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.this.arn } }
      },
    ]
  })
}

resource "aws_kms_key" "replica" {
  count    = var.create_kms_key && var.replication_enabled ? 1 : 0
  provider = aws.replica

  description         = "${var.name} media replica bucket"
  enable_key_rotation = true

  tags = var.tags
}

resource "aws_s3_bucket" "replica" {
  count    = var.replication_enabled ? 1 : 0
  provider = aws.replica

  bucket        = "${var.media_bucket.id}-replica"
  force_destroy = var.force_destroy

  tags = var.tags
}

resource "aws_s3_bucket_versioning" "replica" {
  count    = var.replication_enabled ? 1 : 0
  provider = aws.replica

  bucket = aws_s3_bucket.replica[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "replica" {
  count    = var.replication_enabled ? 1 : 0
  provider = aws.replica

  bucket                  = aws_s3_bucket.replica[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "replica" {
  count    = var.replication_enabled ? 1 : 0
  provider = aws.replica

  bucket = aws_s3_bucket.replica[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "replica" {
  count    = var.replication_enabled ? 1 : 0
  provider = aws.replica

  bucket = aws_s3_bucket.replica[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.create_kms_key ? "aws:kms" : "AES256"
      kms_master_key_id = var.create_kms_key ? aws_kms_key.replica[0].arn : null
    }
    bucket_key_enabled = var.create_kms_key
  }
}

resource "aws_iam_role" "replication" {
  count = var.replication_enabled ? 1 : 0

  name = "${var.name}-media-replication"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "s3.amazonaws.com" }
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "replication" {
  count = var.replication_enabled ? 1 : 0

  name = "replicate-media"
  role = aws_iam_role.replication[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Effect   = "Allow"
          Action   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
          Resource = [var.media_bucket.arn]
        },
        {
          Effect   = "Allow"
          Action   = ["s3:GetObjectVersionAcl", "s3:GetObjectVersionForReplication", "s3:GetObjectVersionTagging"]
          Resource = ["${var.media_bucket.arn}/*"]
        },
        {
          Effect   = "Allow"
          Action   = ["s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags"]
          Resource = ["${aws_s3_bucket.replica[0].arn}/*"]
        },
      ],
      var.create_kms_key ? [
        {
          Effect   = "Allow"
          Action   = ["kms:Decrypt"]
          Resource = [aws_kms_key.media[0].arn]
        },
        {
          Effect   = "Allow"
          Action   = ["kms:Encrypt", "kms:GenerateDataKey"]
          Resource = [aws_kms_key.replica[0].arn]
        },
      ] : [],
    )
  })
}
