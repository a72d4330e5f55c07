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
  description = "Exact origins of the local web app (CORS_ALLOWED_ORIGINS)."
  type        = list(string)
  default     = ["http://localhost:3000"]
}
