output "http_routes" {
  description = "HTTP API routes: list of {route_key (\"METHOD /path\"), service, authorization (\"NONE\" or \"JWT\"), scopes (token scopes the route requires, e.g. [\"admin\"])}."
  value       = local.http_routes
}

output "websocket_routes" {
  description = "WebSocket API routes: list of {route_key, service, authorization}; route selection is $request.body.action."
  value       = local.websocket_routes
}

output "websocket_route_selection_expression" {
  description = "Route selection expression of the WebSocket API."
  value       = "$request.body.action"
}

output "services" {
  description = "Names of the services that serve routes."
  value       = distinct([for r in concat(local.http_routes, local.websocket_routes) : r.service])
}
