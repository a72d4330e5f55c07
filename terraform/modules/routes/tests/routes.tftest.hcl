# The route table feeds API Gateway in AWS and the local edge: what it must guarantee for both.

run "public_routes_are_only_the_token_endpoints_and_discovery" {
  command = plan

  assert {
    condition = toset([for r in output.http_routes : r.route_key if r.authorization == "NONE"]) == toset([
      "POST /auth/register", "POST /auth/login", "POST /auth/refresh", "POST /auth/logout",
      "GET /.well-known/openid-configuration", "GET /.well-known/jwks.json", "GET /.well-known/revoked-sessions",
    ])
    error_message = "Every route but the token endpoints and the discovery documents needs a JWT."
  }

  assert {
    condition     = alltrue([for r in output.http_routes : contains(["NONE", "JWT"], r.authorization)])
    error_message = "HTTP routes are NONE or JWT."
  }

  assert {
    condition     = alltrue([for r in output.http_routes : r.service == "user-service" if r.authorization == "NONE"])
    error_message = "Only user-service serves public routes."
  }
}

run "admin_routes_need_the_admin_scope" {
  command = plan

  assert {
    condition     = length([for r in output.http_routes : r if startswith(split(" ", r.route_key)[1], "/admin/")]) > 0
    error_message = "The table has admin routes."
  }

  assert {
    condition = alltrue([for r in output.http_routes :
    r.authorization == "JWT" && r.scopes == ["admin"] if startswith(split(" ", r.route_key)[1], "/admin/")])
    error_message = "Every /admin route needs a JWT with the admin scope."
  }

  assert {
    condition     = alltrue([for r in output.http_routes : length(r.scopes) == 0 if !startswith(split(" ", r.route_key)[1], "/admin/")])
    error_message = "Only /admin routes ask for a scope."
  }
}

run "route_keys_are_unique_and_well_formed" {
  command = plan

  assert {
    condition     = length(distinct([for r in output.http_routes : r.route_key])) == length(output.http_routes)
    error_message = "A route key appears once (API Gateway refuses duplicates; the edge would shadow one)."
  }

  assert {
    condition     = alltrue([for r in output.http_routes : can(regex("^(GET|POST|PUT|PATCH|DELETE) /[A-Za-z0-9._/{}-]*$", r.route_key))])
    error_message = "Route keys are \"METHOD /path\" with API Gateway's {parameter} syntax."
  }

  # POST /events is what the Lambda Web Adapter posts non-HTTP events to, and /observe is health:
  # neither may be reachable from the internet.
  assert {
    condition     = alltrue([for r in output.http_routes : !can(regex("^[A-Z]+ /(events|observe)(/|$)", r.route_key))])
    error_message = "No public route to /events or /observe."
  }

  assert {
    condition     = toset(output.services) == toset(["user-service", "chat-service", "media-service", "notification-service"])
    error_message = "Routes go to the four services and nowhere else."
  }
}

run "websocket_authorizes_once_on_connect" {
  command = plan

  assert {
    condition     = [for r in output.websocket_routes : r.route_key if r.authorization != "NONE"] == ["$connect"]
    error_message = "Only $connect is authorized (API Gateway authorizes a WebSocket once, when it opens)."
  }

  assert {
    condition     = alltrue([for k in ["$connect", "$disconnect", "$default"] : contains([for r in output.websocket_routes : r.route_key], k)])
    error_message = "The WebSocket API has $connect, $disconnect and $default."
  }
}

run "account_control_routes_need_a_jwt" {
  command = plan

  assert {
    condition = alltrue([for key in ["DELETE /users/me", "POST /users/me/password", "GET /auth/sessions", "DELETE /auth/sessions/{sessionId}"] :
    anytrue([for r in output.http_routes : r.route_key == key && r.service == "user-service" && r.authorization == "JWT"])])
    error_message = "Password change, the session list, ending a session and account deletion are user-service routes behind the JWT authorizer."
  }
}
