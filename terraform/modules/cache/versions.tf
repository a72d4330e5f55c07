terraform {
  # Write-only arguments (1.11) keep the generated token out of the secret version's state.
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}
