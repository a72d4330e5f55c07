terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
      # us_east_1: CloudFront-scoped WAF lives there. replica: region of the media replica bucket.
      configuration_aliases = [aws.us_east_1, aws.replica]
    }
  }
}
