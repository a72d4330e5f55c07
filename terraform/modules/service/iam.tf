locals {
  access = var.access

  # Only statements with resources; every action is spelled out (no "*").
  statements = [for s in [
    {
      Sid      = "WriteOwnLogs"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = ["${aws_cloudwatch_log_group.this.arn}:*"]
    },
    {
      Sid = "UseOwnTables"
      Action = [
        "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
        "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem",
        "dynamodb:Query", "dynamodb:UpdateItem",
      ]
      Resource = local.access.table_arns
    },
    {
      Sid      = "PublishOwnEvents"
      Action   = ["sns:Publish"]
      Resource = local.access.publish_topic_arns
    },
    {
      Sid      = "ConsumeOwnQueues"
      Action   = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]
      Resource = local.access.consume_queue_arns
    },
    {
      Sid      = "ReadOwnStreams"
      Action   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
      Resource = [for s in values(var.stream_sources) : s.stream_arn]
    },
    {
      # Lambda sends the description of a stream batch it gave up on with the function's role.
      Sid      = "SendStreamFailures"
      Action   = ["sqs:SendMessage"]
      Resource = distinct([for s in values(var.stream_sources) : s.on_failure_queue_arn])
    },
    {
      Sid      = "ListOwnBuckets"
      Action   = ["s3:ListBucket", "s3:ListBucketVersions"]
      Resource = local.access.bucket_arns
    },
    {
      Sid = "UseOwnObjects"
      # Versions too: media-service reads the version it verifies and deletes rejected or later versions.
      Action   = ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
      Resource = [for arn in local.access.bucket_arns : "${arn}/*"]
    },
    {
      Sid      = "ReadOwnSecrets"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = local.access.secret_arns
    },
    {
      Sid      = "UseKeys"
      Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource = local.access.kms_key_arns
    },
    {
      Sid      = "ConnectThroughRdsProxy"
      Action   = ["rds-db:connect"]
      Resource = local.access.rds_db_connect_arns
    },
    {
      Sid      = "PostToWebSocketConnections"
      Action   = ["execute-api:ManageConnections"]
      Resource = local.access.manage_connections_arns
    },
    {
      # ENI management has no resource-level permissions (AWSLambdaVPCAccessExecutionRole does the same).
      Sid = "ManageVpcNetworkInterfaces"
      Action = [
        "ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
        "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:UnassignPrivateIpAddresses",
      ]
      Resource = var.vpc_config == null ? [] : ["*"]
    },
  ] : merge(s, { Effect = "Allow" }) if length(s.Resource) > 0]

  policy = jsonencode({ Version = "2012-10-17", Statement = local.statements })
}

resource "aws_iam_role" "this" {
  name = var.function_name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "this" {
  name   = "least-privilege"
  role   = aws_iam_role.this.id
  policy = local.policy
}

# Policies other modules write for this service (e.g. push's endpoint management), one inline policy each.
resource "aws_iam_role_policy" "inline" {
  for_each = local.access.inline_policies

  name   = each.key
  role   = aws_iam_role.this.id
  policy = each.value
}
