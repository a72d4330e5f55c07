resource "aws_apigatewayv2_api" "websocket" {
  count = length(var.websocket_routes) > 0 ? 1 : 0

  name                       = "${var.name}-websocket"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"

  tags = var.tags
}

# HTTP API JWT authorizers do not exist for WebSocket APIs: $connect is authorized by a REQUEST
# authorizer whose Lambda (chat-service) verifies the `token` query parameter against the JWKS.
resource "aws_apigatewayv2_authorizer" "websocket" {
  count = length(var.websocket_routes) > 0 ? 1 : 0

  api_id           = aws_apigatewayv2_api.websocket[0].id
  name             = "token"
  authorizer_type  = "REQUEST"
  authorizer_uri   = var.functions[var.websocket_authorizer_service].invoke_arn
  identity_sources = ["route.request.querystring.token"]
}

resource "aws_apigatewayv2_integration" "websocket" {
  for_each = toset(distinct([for r in var.websocket_routes : r.service]))

  api_id                    = aws_apigatewayv2_api.websocket[0].id
  integration_type          = "AWS_PROXY"
  integration_uri           = var.functions[each.key].invoke_arn
  content_handling_strategy = "CONVERT_TO_TEXT"
}

resource "aws_apigatewayv2_route" "websocket" {
  for_each = local.ws_routes

  api_id             = aws_apigatewayv2_api.websocket[0].id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.websocket[each.value.service].id}"
  authorization_type = each.value.authorization == "JWT" ? "CUSTOM" : "NONE"
  authorizer_id      = each.value.authorization == "JWT" ? aws_apigatewayv2_authorizer.websocket[0].id : null
}

resource "aws_cloudwatch_log_group" "websocket" {
  count = length(var.websocket_routes) > 0 ? 1 : 0

  name              = "/aws/apigateway/${var.name}-websocket"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_apigatewayv2_stage" "websocket" {
  count = length(var.websocket_routes) > 0 ? 1 : 0

  api_id      = aws_apigatewayv2_api.websocket[0].id
  name        = var.websocket_stage_name
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit    = var.throttling_rate_limit
    throttling_burst_limit   = var.throttling_burst_limit
    detailed_metrics_enabled = true
  }

  # New connections each cost an authorizer call and a Lambda: capped apart from the messages on
  # open connections. API Gateway has no per-client limit here; chat-service caps connections per
  # user (SECURITY.md).
  route_settings {
    route_key                = "$connect"
    throttling_rate_limit    = var.websocket_connect_throttling.rate_limit
    throttling_burst_limit   = var.websocket_connect_throttling.burst_limit
    detailed_metrics_enabled = true
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.websocket[0].arn
    format          = local.access_log_format
  }

  tags = var.tags

  # A stage deploys only routes that exist.
  depends_on = [aws_apigatewayv2_route.websocket]
}

resource "aws_lambda_permission" "websocket" {
  for_each = toset(distinct(concat(
    [for r in var.websocket_routes : r.service],
    length(var.websocket_routes) > 0 ? [var.websocket_authorizer_service] : [],
  )))

  statement_id  = "AllowWebSocketApi"
  action        = "lambda:InvokeFunction"
  function_name = var.functions[each.key].function_name
  qualifier     = var.functions[each.key].alias_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.websocket[0].execution_arn}/*"
}
