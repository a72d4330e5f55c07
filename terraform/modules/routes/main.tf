# The one route table of the public API (docs/api.md is the prose version). The AWS api
# module builds API Gateway routes from it and the local environment hands it to the local edge, so a
# route is written here and nowhere else. Everything needs a JWT except the token endpoints and the
# discovery documents. Paths and parameter names are the services' openapi.yaml ones, which
# terraform/scripts/check-routes.sh (run by check.sh) enforces.
locals {
  public = {
    "user-service" = [
      "POST /auth/register",
      "POST /auth/login",
      "POST /auth/refresh",
      "POST /auth/logout",
      "GET /.well-known/openid-configuration",
      "GET /.well-known/jwks.json",
      "GET /.well-known/revoked-sessions",
    ]
  }

  authenticated = {
    "user-service" = [
      "GET /users/me",
      "PATCH /users/me",
      "DELETE /users/me",
      "POST /users/me/password",
      "GET /auth/sessions",
      "DELETE /auth/sessions/{sessionId}",
      "GET /users/{userId}",
      "GET /users",
      "POST /contacts/requests",
      "GET /contacts/requests",
      "DELETE /contacts/requests/{requestId}",
      "POST /contacts/requests/{requestId}/accept",
      "POST /contacts/requests/{requestId}/decline",
      "GET /contacts",
      "DELETE /contacts/{userId}",
      "GET /blocks",
      "POST /blocks/{userId}",
      "DELETE /blocks/{userId}",
    ]
    "chat-service" = [
      "POST /conversations",
      "GET /conversations",
      "GET /conversations/{id}",
      "PATCH /conversations/{id}",
      "GET /conversations/{id}/members",
      "POST /conversations/{id}/members",
      "PATCH /conversations/{id}/members/{userId}",
      "DELETE /conversations/{id}/members/{userId}",
      "POST /conversations/{id}/owner",
      "PUT /conversations/{id}/settings",
      "POST /conversations/{id}/messages",
      "GET /conversations/{id}/messages",
      "PATCH /conversations/{id}/messages/{messageId}",
      "DELETE /conversations/{id}/messages/{messageId}",
      "PUT /conversations/{id}/messages/{messageId}/reactions/{reaction}",
      "DELETE /conversations/{id}/messages/{messageId}/reactions/{reaction}",
      "POST /conversations/{id}/read",
      "GET /messages/sent",
      "GET /messages/search",
      "GET /presence",
      "POST /reports",
    ]
    "media-service" = [
      "POST /media/uploads",
      "GET /media/{mediaId}",
    ]
    "notification-service" = [
      "POST /devices",
      "GET /devices",
      "DELETE /devices/{deviceId}",
      "GET /conversations/{id}/mute",
      "PUT /conversations/{id}/mute",
      "DELETE /conversations/{id}/mute",
      "GET /settings",
      "PUT /settings",
      "GET /notifications",
    ]
  }

  # The admin console's routes: a JWT whose `scope` claim holds `admin` (the gateway checks the scope,
  # and the service checks it again).
  admin = {
    "user-service" = [
      "GET /admin/users",
      "POST /admin/users/{userId}/disable",
      "POST /admin/users/{userId}/enable",
    ]
    "chat-service" = [
      "DELETE /admin/conversations/{id}/messages/{messageId}",
      "GET /admin/reports",
      "POST /admin/reports/{reportId}/resolve",
      "GET /admin/stats",
      "GET /admin/audit",
    ]
    "notification-service" = [
      "GET /admin/pushes/stats",
    ]
  }

  http_routes = concat(
    flatten([for service, keys in local.public : [
      for key in keys : { route_key = key, service = service, authorization = "NONE", scopes = [] }
    ]]),
    flatten([for service, keys in local.authenticated : [
      for key in keys : { route_key = key, service = service, authorization = "JWT", scopes = [] }
    ]]),
    flatten([for service, keys in local.admin : [
      for key in keys : { route_key = key, service = service, authorization = "JWT", scopes = ["admin"] }
    ]]),
  )

  # WebSocket API: route selection on $request.body.action; every route goes to chat-service.
  # $connect carries the token (query string `token`) and is the only authorized route: API Gateway
  # authorizes a WebSocket connection once, when it opens.
  websocket_routes = [
    { route_key = "$connect", service = "chat-service", authorization = "JWT" },
    { route_key = "$disconnect", service = "chat-service", authorization = "NONE" },
    { route_key = "$default", service = "chat-service", authorization = "NONE" },
    { route_key = "sendMessage", service = "chat-service", authorization = "NONE" },
    { route_key = "typing", service = "chat-service", authorization = "NONE" },
    { route_key = "ping", service = "chat-service", authorization = "NONE" },
  ]
}
