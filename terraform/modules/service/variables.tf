variable "function_name" {
  description = "Lambda function name, e.g. \"wechat-dev-chat-service\" (1-64 characters)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1-64 letters, digits, hyphens or underscores."
  }
}

variable "package_file" {
  description = "Path of the deployment zip (`make package`: the service jar, its libs/ and run.sh). Must exist at apply time."
  type        = string
}

variable "handler" {
  description = "Start script inside the zip that the Lambda Web Adapter runs."
  type        = string
  default     = "run.sh"
}

variable "runtime" {
  description = "Lambda runtime. SnapStart needs a Java managed runtime."
  type        = string
  default     = "java21"

  validation {
    condition     = startswith(var.runtime, "java")
    error_message = "The services are Java: use java21 (or a newer java runtime)."
  }
}

variable "architecture" {
  description = "x86_64 or arm64; the Lambda Web Adapter layer must be the same architecture."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "web_adapter_layer_arn" {
  description = "ARN of the AWS Lambda Web Adapter layer, e.g. arn:aws:lambda:us-east-1:753240598075:layer:LambdaAdapterLayerX86:25."
  type        = string
}

variable "port" {
  description = "Port the service listens on inside Lambda (SERVER_PORT and AWS_LWA_PORT)."
  type        = number
  default     = 8080
}

variable "memory_size" {
  description = "Memory in MB (128-10240); CPU scales with it."
  type        = number
  default     = 1024

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240
    error_message = "memory_size must be between 128 and 10240 MB."
  }
}

variable "heap_mb" {
  description = "The JVM's heap cap (-Xmx, MB): the service's live heap after load, with room (bench/README.md); null leaves run.sh's share of memory_size."
  type        = number
  default     = null

  validation {
    condition     = var.heap_mb == null ? true : (var.heap_mb >= 32 && var.heap_mb < var.memory_size)
    error_message = "heap_mb must be at least 32 and below memory_size."
  }
}

variable "timeout" {
  description = "Timeout in seconds (1-900). Queues it consumes need a visibility timeout of at least 6x this."
  type        = number
  default     = 30

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900
    error_message = "timeout must be between 1 and 900 seconds."
  }
}

variable "reserved_concurrent_executions" {
  description = "Concurrency reserved for (and capping) this function; -1 leaves it unreserved. (The seed's ReservedConcurrencyLimit is not a Lambda property.)"
  type        = number
  default     = -1
}

variable "snap_start" {
  description = "SnapStart on published versions (cuts Java cold starts); the alias points at the latest published version."
  type        = bool
  default     = true
}

variable "alias_name" {
  description = "Alias that API Gateway and event source mappings invoke."
  type        = string
  default     = "live"
}

variable "environment" {
  description = "Environment variables of the service (the team contract's names)."
  type        = map(string)
  default     = {}
}

variable "log_retention_days" {
  description = "CloudWatch Logs retention in days (one of the values CloudWatch accepts: 1, 3, 5, 7, 14, 30, 60, 90, ...)."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs accepts."
  }
}

variable "vpc_config" {
  description = "Place the function in these private subnets with these security groups (needed to reach RDS Proxy and Redis); null keeps it outside a VPC."
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null
}

variable "event_sources" {
  description = "SQS queues this function consumes, by a static key. Partial batch failures are reported (ReportBatchItemFailures). batch_size 1-10000 (above 10 needs a batching window), window 0-300 s, maximum_concurrency 2-1000 or null."
  type = map(object({
    queue_arn                       = string
    batch_size                      = optional(number, 10)
    maximum_batching_window_seconds = optional(number, 0)
    maximum_concurrency             = optional(number)
  }))
  default = {}
}

variable "stream_sources" {
  description = <<-EOT
    DynamoDB streams this function consumes, by a static key: partial batch failures reported (ReportBatchItemFailures),
    the batch bisected on a function error, retried at most maximum_retry_attempts times (-1 = until the record expires,
    0-10000), then described to the on-failure SQS queue and skipped. batch_size 1-10000, window 0-300 s,
    starting_position TRIM_HORIZON or LATEST, maximum_record_age_seconds -1 or 60-604800, parallelization_factor 1-10
    (batches of one shard handled at once; Lambda keeps the order per partition key only).
  EOT
  type = map(object({
    stream_arn                      = string
    on_failure_queue_arn            = string
    batch_size                      = optional(number, 100)
    maximum_batching_window_seconds = optional(number, 0)
    maximum_retry_attempts          = optional(number, 10)
    maximum_record_age_seconds      = optional(number, 86400)
    starting_position               = optional(string, "TRIM_HORIZON")
    parallelization_factor          = optional(number, 1)
  }))
  default = {}

  validation {
    condition = alltrue([for s in values(var.stream_sources) :
      s.batch_size >= 1 && s.batch_size <= 10000 && s.maximum_batching_window_seconds >= 0 && s.maximum_batching_window_seconds <= 300 &&
      s.maximum_retry_attempts >= -1 && s.maximum_retry_attempts <= 10000 && contains(["TRIM_HORIZON", "LATEST"], s.starting_position) &&
      (s.maximum_record_age_seconds == -1 || (s.maximum_record_age_seconds >= 60 && s.maximum_record_age_seconds <= 604800)) &&
    s.parallelization_factor >= 1 && s.parallelization_factor <= 10])
    error_message = "Stream source settings out of Lambda's limits (batch 1-10000, window 0-300, retries -1-10000, record age -1 or 60-604800, TRIM_HORIZON or LATEST, parallelization 1-10)."
  }
}

variable "access" {
  description = <<-EOT
    What the function's role may use (least privilege, no wildcard actions):
    table_arns (DynamoDB, include index ARNs), publish_topic_arns (sns:Publish), consume_queue_arns (SQS receive/delete),
    bucket_arns (object and object version read/write/delete), secret_arns (GetSecretValue), kms_key_arns (decrypt/generate data key),
    rds_db_connect_arns (IAM auth to RDS Proxy), manage_connections_arns (API Gateway WebSocket @connections),
    inline_policies (more policy documents by a static name, e.g. the push module's; they must spell out their actions too).
  EOT
  type = object({
    table_arns              = optional(list(string), [])
    publish_topic_arns      = optional(list(string), [])
    consume_queue_arns      = optional(list(string), [])
    bucket_arns             = optional(list(string), [])
    secret_arns             = optional(list(string), [])
    kms_key_arns            = optional(list(string), [])
    rds_db_connect_arns     = optional(list(string), [])
    manage_connections_arns = optional(list(string), [])
    inline_policies         = optional(map(string), {})
  })
  default = {}
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
