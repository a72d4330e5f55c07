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
  description = "AWS services reached through interface endpoints (PrivateLink) instead of NAT, e.g. [\"sns\", \"sqs\", \"secretsmanager\", \"execute-api\", \"logs\", \"sts\"]. Each costs about 15 USD/month per AZ; empty turns them off."
  type        = list(string)
  default     = ["sns", "sqs", "secretsmanager", "execute-api", "logs", "sts", "kms"]
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
