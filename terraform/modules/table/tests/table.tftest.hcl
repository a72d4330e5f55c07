mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  name                = "wechat-test-media"
  ttl_attribute       = "expires_at"
  deletion_protection = true
}

run "table_declares_only_its_key_attributes_and_expires_items" {
  command = plan

  variables {
    global_secondary_indexes = {
      "by-owner" = { hash_key = "owner_id", range_key = "sk" }
    }
  }

  # DynamoDB refuses attribute definitions that no key uses; the module derives them from the keys,
  # once each, the GSI's shared sort key included.
  assert {
    condition     = toset([for a in aws_dynamodb_table.this.attribute : a.name]) == toset(["owner_id", "pk", "sk"]) && length(aws_dynamodb_table.this.attribute) == 3
    error_message = "Attributes are exactly the table's and the indexes' keys, without duplicates."
  }

  assert {
    condition     = one(aws_dynamodb_table.this.ttl[*].attribute_name) == "expires_at" && one(aws_dynamodb_table.this.ttl[*].enabled)
    error_message = "A TTL attribute turns expiry on for it."
  }

  assert {
    condition     = aws_dynamodb_table.this.billing_mode == "PAY_PER_REQUEST" && aws_dynamodb_table.this.point_in_time_recovery[0].enabled
    error_message = "Tables are on demand, with point-in-time recovery unless turned off."
  }
}

run "iam_gets_the_table_and_its_indexes" {
  assert {
    condition     = output.arns == [aws_dynamodb_table.this.arn, "${aws_dynamodb_table.this.arn}/index/*"]
    error_message = "Policies get the table and every index of it, nothing else."
  }

  assert {
    condition     = output.deletion_protection == aws_dynamodb_table.this.deletion_protection_enabled && output.deletion_protection
    error_message = "The deletion_protection output reports the table as created."
  }
}

run "no_ttl_without_an_attribute" {
  command = plan

  variables {
    ttl_attribute = null
  }

  assert {
    condition     = length(aws_dynamodb_table.this.ttl) == 0
    error_message = "No TTL unless an attribute is named."
  }
}

run "table_name_is_checked" {
  command = plan

  variables {
    name = "x"
  }

  expect_failures = [var.name]
}
