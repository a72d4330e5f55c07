variable "name_prefix" {
  description = "Prefix of every resource name, e.g. \"wechat-dev\". Topic and queue names are \"<name_prefix>-<key>\"; SQS names are limited to 80 characters."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 2-41 lowercase letters, digits or hyphens."
  }
}

variable "topics" {
  description = "SNS topics by key (e.g. \"user-events\"). The key becomes the name suffix."
  type = map(object({
    display_name = optional(string)
  }))
  default = {}
}

variable "topic_kms_master_key_id" {
  description = "KMS key (ID, ARN or alias) for SNS server-side encryption, e.g. \"alias/aws/sns\". null turns SSE off (the local emulator)."
  type        = string
  default     = null
}

variable "queues" {
  description = <<-EOT
    SQS queues by key (e.g. "message-queue"), each with a dead-letter queue "<name>-dlq".
    - subscriptions: SNS topics (keys of var.topics) the queue receives from, with raw delivery and a filter
      policy on the message attribute `type` (the event types the consumer wants; empty = every event).
    - s3_source_bucket_arns: buckets allowed to send S3 event notifications to the queue.
    Limits: visibility timeout 0-43200 s (make it at least 6x the consumer Lambda timeout), retention
    60-1209600 s, max_receive_count 1-1000.
  EOT
  type = map(object({
    visibility_timeout_seconds    = optional(number, 60)
    message_retention_seconds     = optional(number, 1209600)
    dlq_message_retention_seconds = optional(number, 1209600)
    receive_wait_time_seconds     = optional(number, 0)
    max_receive_count             = optional(number, 3)
    subscriptions = optional(list(object({
      topic        = string
      filter_types = optional(list(string), [])
    })), [])
    s3_source_bucket_arns = optional(list(string), [])
  }))
  default = {}

  validation {
    condition = alltrue([for q in values(var.queues) :
      q.visibility_timeout_seconds >= 0 && q.visibility_timeout_seconds <= 43200 &&
      q.message_retention_seconds >= 60 && q.message_retention_seconds <= 1209600 &&
      q.dlq_message_retention_seconds >= 60 && q.dlq_message_retention_seconds <= 1209600 &&
      q.max_receive_count >= 1 && q.max_receive_count <= 1000
    ])
    error_message = "Queue settings out of SQS limits (visibility 0-43200, retention 60-1209600, max_receive_count 1-1000)."
  }
}

variable "redrive_allow_policy_enabled" {
  description = "Restrict each DLQ to its own source queue (redrive allow policy \"byQueue\"). moto 5.x neither stores nor returns RedriveAllowPolicy, so Terraform would wait for it forever: turn it off against the emulator."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
