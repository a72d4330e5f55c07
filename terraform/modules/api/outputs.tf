output "http_api_id" {
  description = "HTTP API ID."
  value       = aws_apigatewayv2_api.http.id
}

output "http_api_endpoint" {
  description = "HTTP API base URL (https://<id>.execute-api.<region>.amazonaws.com)."
  value       = aws_apigatewayv2_api.http.api_endpoint
}

output "http_stage_name" {
  description = "HTTP API stage name (for metrics)."
  value       = aws_apigatewayv2_stage.http.name
}

output "jwt_issuer" {
  description = "Issuer the JWT authorizer trusts (JWT_ISSUER of the services)."
  value       = aws_apigatewayv2_authorizer.jwt.jwt_configuration[0].issuer
}

output "websocket_api_id" {
  description = "WebSocket API ID (null without WebSocket routes)."
  value       = one(aws_apigatewayv2_api.websocket[*].id)
}

output "websocket_url" {
  description = "wss:// URL clients connect to."
  value       = one(aws_apigatewayv2_stage.websocket[*].invoke_url)
}

output "websocket_connections_endpoint" {
  description = "https:// endpoint of the @connections management API (the ApiGatewayManagementApi client's endpoint)."
  # Built from the API, not the stage: the stage waits for the routes, which wait for the very
  # function that needs this endpoint in its environment.
  value = length(aws_apigatewayv2_api.websocket) > 0 ? "${replace(aws_apigatewayv2_api.websocket[0].api_endpoint, "wss://", "https://")}/${var.websocket_stage_name}" : null
}

output "websocket_manage_connections_arn" {
  description = "Resource for execute-api:ManageConnections (POST, GET, DELETE) on this stage's connections (grant it to chat-service only)."
  value       = length(aws_apigatewayv2_api.websocket) > 0 ? "${aws_apigatewayv2_api.websocket[0].execution_arn}/${var.websocket_stage_name}/*/@connections/*" : null
}
