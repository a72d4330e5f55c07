variable "name" {
  description = "Name prefix of every resource, e.g. \"wechat-dev\"."
  type        = string
}

variable "cidr_block" {
  description = "VPC CIDR block (a /16 to /24 private range). Subnets are /24s carved from it: public x.x.1-2.0, private x.x.11-12.0 for a /16."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) >= 16 && tonumber(split("/", var.cidr_block)[1]) <= 20
    error_message = "cidr_block must be a valid IPv4 CIDR between /16 and /20."
  }
}

variable "availability_zones" {
  description = "Exactly two availability zones; null takes the first two of the region."
  type        = list(string)
  default     = null

  validation {
    condition     = var.availability_zones == null ? true : length(var.availability_zones) == 2
    error_message = "Give exactly two availability zones."
  }
}

variable "enable_nat_gateway" {
  description = "Give private subnets internet egress through NAT (the Lambdas fetch the issuer's JWKS and reach push providers)."
  type        = bool
  default     = true
}

variable "single_nat_gateway" {
  description = "One NAT gateway for both AZs (cheaper; dev). false puts one in each AZ so an AZ outage does not cut the other's egress (prod)."
  type        = bool
  default     = false
}

variable "interface_endpoints" {
  description = "AWS services reached through interface endpoints (PrivateLink, private DNS on) instead of NAT, e.g. [\"sns\", \"sqs\", \"secretsmanager\", \"logs\", \"sts\", \"kms\"]. Each costs about 15 USD/month per AZ; empty turns them off. Not execute-api: see the validation."
  type        = list(string)
  default     = ["sns", "sqs", "secretsmanager", "logs", "sts", "kms"]

  # With private DNS, an execute-api endpoint answers every *.execute-api.<region>.amazonaws.com name
  # inside the VPC, and answers 403 for public APIs: the services' calls to the HTTP API and to the
  # WebSocket API's @connections would all fail. Those calls leave through NAT instead.
  validation {
    condition     = !contains(var.interface_endpoints, "execute-api")
    error_message = "execute-api must not be an interface endpoint with private DNS: the services call public execute-api hostnames (the HTTP API, @connections) from the VPC, and the endpoint would answer them with 403."
  }
}

variable "flow_log_retention_days" {
  description = "Days VPC flow logs (all traffic) are kept in CloudWatch Logs; 0 turns flow logs off. One of the retentions CloudWatch accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be 0 or a retention CloudWatch Logs accepts."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
