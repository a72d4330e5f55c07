terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # `make up` runs `init -backend-config=path=<state file under .local/>`.
  backend "local" {}
}
