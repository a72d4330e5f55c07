variable "aws_endpoint" {
  description = "URL of the AWS emulator (moto_server or LocalStack)."
  type        = string
  default     = "http://127.0.0.1:4566"
}

variable "region" {
  description = "Region the emulator pretends to be."
  type        = string
  default     = "us-east-1"
}

variable "cors_origins" {
  description = "Exact origins of the web app that upload to and read from the media bucket: the app served by the edge and Vite's dev server (`make up` passes them from EDGE_PORT and WEB_DEV_PORT; the admin app shows no media and is not among them)."
  type        = list(string)
  default     = ["http://localhost:8080", "http://localhost:5173"]
}

variable "queue_visibility_timeout_seconds" {
  description = "Visibility timeout of every consumer queue, locally: a failed record comes back after it, and a poison message reaches its DLQ after 3 receives, so about 3x this (AWS environments keep 6x the consumer's Lambda timeout). Keep it above the slowest batch a local service handles."
  type        = number
  default     = 10
}
