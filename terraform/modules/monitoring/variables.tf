variable "name" {
  description = "Name prefix, e.g. \"wechat-dev\"."
  type        = string
}

variable "function_names" {
  description = "Lambda function names by service."
  type        = map(string)
}

variable "dlq_names" {
  description = "Names of the queues where failed work waits (DLQs, stream on-failure queues) by key; any message in one raises an alarm."
  type        = map(string)
}

variable "http_api_id" {
  description = "HTTP API ID for the 5xx alarm."
  type        = string
}

variable "http_stage_name" {
  description = "HTTP API stage name."
  type        = string
  default     = "$default"
}

variable "api_5xx_threshold" {
  description = "5xx responses per 5 minutes that raise the API alarm."
  type        = number
  default     = 5
}

variable "lambda_error_threshold" {
  description = "Function errors per 5 minutes that raise a Lambda alarm."
  type        = number
  default     = 1
}

variable "alarm_emails" {
  description = "Addresses subscribed to the alarm topic (each must confirm by mail)."
  type        = list(string)
  default     = []
}

variable "kms_master_key_id" {
  description = "KMS key for the alarm topic; CloudWatch needs a key whose policy admits it, so null (SSE off) is the usual choice."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
