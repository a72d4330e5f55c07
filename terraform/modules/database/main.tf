data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  # The database users the services use (see README "Users"): migrations own the schema, the
  # application only reads and writes rows. The master user is for the one-time bootstrap.
  logins = {
    migration = { username = var.migration_username, purpose = "runs the schema migrations (owns the schema)" }
    app       = { username = var.app_username, purpose = "the application: rows only, no DDL" }
  }
  log_exports       = ["postgresql", "upgrade"]
  proxy_resource_id = element(split(":", aws_db_proxy.this.arn), 6)
  dbuser_arn_prefix = "arn:${data.aws_partition.current.partition}:rds-db:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:dbuser:${local.proxy_resource_id}"
}

resource "aws_db_subnet_group" "this" {
  name       = "${var.name}-postgres"
  subnet_ids = var.subnet_ids

  tags = var.tags
}

resource "aws_db_instance" "this" {
  identifier     = "${var.name}-postgres"
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  db_name                             = var.database_name
  username                            = var.master_username
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = var.kms_key_arn
  iam_database_authentication_enabled = true

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = var.database_security_group_ids
  publicly_accessible    = false
  multi_az               = var.multi_az

  backup_retention_period    = var.backup_retention_days
  copy_tags_to_snapshot      = true
  deletion_protection        = var.deletion_protection
  skip_final_snapshot        = !var.deletion_protection
  final_snapshot_identifier  = var.deletion_protection ? "${var.name}-postgres-final" : null
  auto_minor_version_upgrade = true
  apply_immediately          = !var.deletion_protection

  performance_insights_enabled    = true
  performance_insights_kms_key_id = var.kms_key_arn
  enabled_cloudwatch_logs_exports = local.log_exports
  parameter_group_name            = aws_db_parameter_group.this.name

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.exports]
}

# TLS only, and who connected (and failed to) in the exported log.
resource "aws_db_parameter_group" "this" {
  name_prefix = "${var.name}-postgres-"
  family      = "postgres${split(".", var.engine_version)[0]}"
  description = "${var.name}: TLS only, connection logging"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }

  parameter {
    name  = "log_disconnections"
    value = "1"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

# Lambdas connect through RDS Proxy: it pools connections across invocations so a burst of
# functions does not exhaust the database's connection slots.
resource "aws_iam_role" "proxy" {
  name = "${var.name}-rds-proxy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "rds.amazonaws.com" }
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "proxy" {
  name = "read-master-secret"
  role = aws_iam_role.proxy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid      = "ReadLoginSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = concat([aws_db_instance.this.master_user_secret[0].secret_arn], [for s in aws_secretsmanager_secret.login : s.arn])
      }],
      var.kms_key_arn == null ? [] : [{
        Sid      = "DecryptMasterSecret"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = [var.kms_key_arn]
      }],
    )
  })
}

resource "aws_db_proxy" "this" {
  name                   = "${var.name}-postgres"
  engine_family          = "POSTGRESQL"
  role_arn               = aws_iam_role.proxy.arn
  vpc_subnet_ids         = var.subnet_ids
  vpc_security_group_ids = var.proxy_security_group_ids
  require_tls            = true
  idle_client_timeout    = 1800

  # One login per database user, each behind IAM authentication: clients present an IAM token for
  # the user (rds-db:connect on that user only), the proxy logs in with the user's secret.
  auth {
    description               = "master: the operator's bootstrap only; no service role may connect as it"
    auth_scheme               = "SECRETS"
    secret_arn                = aws_db_instance.this.master_user_secret[0].secret_arn
    iam_auth                  = var.proxy_iam_auth
    client_password_auth_type = "POSTGRES_SCRAM_SHA_256"
  }

  dynamic "auth" {
    for_each = aws_secretsmanager_secret.login

    content {
      description               = "${auth.key}: ${local.logins[auth.key].username}"
      auth_scheme               = "SECRETS"
      secret_arn                = auth.value.arn
      iam_auth                  = var.proxy_iam_auth
      client_password_auth_type = "POSTGRES_SCRAM_SHA_256"
    }
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.proxy]
}

resource "aws_db_proxy_default_target_group" "this" {
  db_proxy_name = aws_db_proxy.this.name

  connection_pool_config {
    max_connections_percent      = 90
    max_idle_connections_percent = 50
  }
}

resource "aws_db_proxy_target" "this" {
  db_proxy_name          = aws_db_proxy.this.name
  target_group_name      = aws_db_proxy_default_target_group.this.name
  db_instance_identifier = aws_db_instance.this.identifier
}

# The proxy's login for each database user ({"username", "password"}, the shape RDS Proxy reads).
# Terraform creates the secret, not its value: the bootstrap (README) generates the password, sets it
# on the role and puts it here, so it never passes through Terraform state. Rotation: Secrets
# Manager's single-user PostgreSQL rotation function (README).
resource "aws_secretsmanager_secret" "login" {
  for_each = local.logins

  name        = "${var.name}/postgres/${each.value.username}"
  description = "PostgreSQL login of ${each.value.username}, which ${each.value.purpose}; read by RDS Proxy"
  kms_key_id  = var.kms_key_arn

  tags = var.tags
}

# RDS writes each exported log to this group; created here so that it has a retention.
resource "aws_cloudwatch_log_group" "exports" {
  for_each = toset(local.log_exports)

  name              = "/aws/rds/instance/${var.name}-postgres/${each.key}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}
