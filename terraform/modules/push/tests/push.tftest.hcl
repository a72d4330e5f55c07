mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_resource "aws_sns_platform_application" {
    defaults = { arn = "arn:aws:sns:eu-west-1:123456789012:app/MOCK/mock" }
  }
}

variables {
  name_prefix = "wechat-test"
}

run "nothing_by_default" {
  command = plan

  assert {
    condition     = length(aws_sns_platform_application.apns) == 0 && length(aws_sns_platform_application.fcm) == 0
    error_message = "No platform application unless enabled."
  }

  assert {
    condition     = length(output.service_environment) == 0 && output.policy_json == null
    error_message = "Without platforms there is nothing to wire."
  }
}

run "apns_token_and_fcm" {
  command = apply

  variables {
    apns = {
      enabled   = true
      team_id   = "TEAM123456"
      bundle_id = "io.wechat.app"
    }
    apns_platform_credential = "-----BEGIN PRIVATE KEY-----\nfake\n-----END PRIVATE KEY-----"
    apns_platform_principal  = "KEYID12345"
    fcm_enabled              = true
    fcm_platform_credential  = "{\"type\":\"service_account\"}"
  }

  # Endpoints are named after their application; the policy's endpoint ARNs must follow the names
  # the module gives the applications, or notification-service could publish to nothing.
  assert {
    condition = alltrue([
      for app in [aws_sns_platform_application.apns[0], aws_sns_platform_application.fcm[0]] :
      anytrue([for r in jsondecode(output.policy_json).Statement[1].Resource : endswith(r, ":endpoint/${app.platform}/${app.name}/*")])
    ])
    error_message = "Every application's endpoints (endpoint/<platform>/<application name>/*) are in the policy."
  }

  assert {
    condition     = toset(jsondecode(output.policy_json).Statement[0].Resource) == toset([aws_sns_platform_application.apns[0].arn, aws_sns_platform_application.fcm[0].arn])
    error_message = "Endpoints are created under these two applications only."
  }

  assert {
    condition     = length(output.service_environment) == 2 && contains(keys(output.service_environment), "APNS_PLATFORM_APPLICATION_ARN") && contains(keys(output.service_environment), "FCM_PLATFORM_APPLICATION_ARN")
    error_message = "service_environment must hold both ARNs."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(output.policy_json).Statement : alltrue([for a in s.Action : !strcontains(a, "*")])
    ])
    error_message = "No wildcard actions in the service policy."
  }

  assert {
    condition = contains(jsondecode(output.policy_json).Statement[1].Resource,
    "arn:aws:sns:eu-west-1:123456789012:endpoint/APNS/wechat-test-apns/*")
    error_message = "Publishing must be limited to this application's endpoints."
  }
}

run "apns_sandbox_certificate" {
  command = plan

  variables {
    apns = {
      enabled = true
      sandbox = true
      auth    = "certificate"
    }
    apns_platform_credential = "private key"
    apns_platform_principal  = "certificate"
  }

  assert {
    condition     = aws_sns_platform_application.apns[0].platform == "APNS_SANDBOX"
    error_message = "sandbox = true must use APNS_SANDBOX."
  }

  assert {
    condition     = aws_sns_platform_application.apns[0].apple_platform_team_id == null
    error_message = "Certificate auth sends no team id."
  }
}

run "token_auth_needs_team_and_bundle" {
  command = plan

  variables {
    apns = { enabled = true }
  }

  expect_failures = [var.apns]
}

run "fcm_needs_credentials" {
  command = plan

  variables {
    fcm_enabled = true
  }

  expect_failures = [aws_sns_platform_application.fcm]
}

run "rejects_bad_prefix" {
  command = plan

  variables {
    name_prefix = "no spaces"
  }

  expect_failures = [var.name_prefix]
}
