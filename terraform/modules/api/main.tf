locals {
  http_routes = { for r in var.http_routes : r.route_key => r }
  ws_routes   = { for r in var.websocket_routes : r.route_key => r }

  access_log_format = jsonencode({
    requestId          = "$context.requestId"
    ip                 = "$context.identity.sourceIp"
    requestTime        = "$context.requestTime"
    routeKey           = "$context.routeKey"
    status             = "$context.status"
    responseLength     = "$context.responseLength"
    integrationLatency = "$context.integrationLatency"
    integrationError   = "$context.integrationErrorMessage"
    authorizerError    = "$context.authorizer.error"
    connectionId       = "$context.connectionId"
  })
}

resource "aws_apigatewayv2_api" "http" {
  name          = "${var.name}-http"
  protocol_type = "HTTP"

  cors_configuration {
    allow_origins     = var.cors_allow_origins
    allow_credentials = var.cors_allow_credentials
    allow_methods     = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    allow_headers     = ["authorization", "content-type", "idempotency-key"]
    expose_headers    = ["retry-after"]
    max_age           = 3600
  }

  tags = var.tags
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.http.id
  name             = "jwt"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = coalesce(var.jwt_issuer, aws_apigatewayv2_api.http.api_endpoint)
    audience = var.jwt_audience
  }
}

resource "aws_apigatewayv2_integration" "http" {
  for_each = toset(distinct([for r in var.http_routes : r.service]))

  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = var.functions[each.key].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "http" {
  for_each = local.http_routes

  api_id             = aws_apigatewayv2_api.http.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.http[each.value.service].id}"
  authorization_type = each.value.authorization
  authorizer_id      = each.value.authorization == "JWT" ? aws_apigatewayv2_authorizer.jwt.id : null
  # The JWT authorizer answers 403 unless the token's `scope` claim holds one of these.
  authorization_scopes = length(each.value.scopes) > 0 ? each.value.scopes : null
}

resource "aws_cloudwatch_log_group" "http" {
  name              = "/aws/apigateway/${var.name}-http"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_apigatewayv2_stage" "http" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit    = var.throttling_rate_limit
    throttling_burst_limit   = var.throttling_burst_limit
    detailed_metrics_enabled = true
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.http.arn
    format          = local.access_log_format
  }

  tags = var.tags
}

resource "aws_lambda_permission" "http" {
  for_each = aws_apigatewayv2_integration.http

  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = var.functions[each.key].function_name
  qualifier     = var.functions[each.key].alias_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}
