mock_provider "aws" {
  source = "../../tests/mocks"
}

run "routes" {
  command = plan
  module {
    source = "../routes"
  }
}

variables {
  name               = "wechat-test"
  cors_allow_origins = ["https://app.example.com"]
  functions = {
    "user-service"         = { function_name = "wechat-test-user-service", alias_name = "live", invoke_arn = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:wechat-test-user-service:live/invocations" }
    "chat-service"         = { function_name = "wechat-test-chat-service", alias_name = "live", invoke_arn = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:wechat-test-chat-service:live/invocations" }
    "media-service"        = { function_name = "wechat-test-media-service", alias_name = "live", invoke_arn = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:wechat-test-media-service:live/invocations" }
    "notification-service" = { function_name = "wechat-test-notification-service", alias_name = "live", invoke_arn = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:wechat-test-notification-service:live/invocations" }
  }
}

run "every_route_of_the_table_exists_with_its_authorization" {
  variables {
    http_routes      = run.routes.http_routes
    websocket_routes = run.routes.websocket_routes
  }

  assert {
    condition     = length(aws_apigatewayv2_route.http) == length(run.routes.http_routes)
    error_message = "One API Gateway route per route of the table."
  }

  assert {
    condition     = aws_apigatewayv2_route.http["POST /auth/login"].authorization_type == "NONE" && aws_apigatewayv2_route.http["GET /users/me"].authorization_type == "JWT"
    error_message = "Token endpoints are public, everything else needs the JWT."
  }

  assert {
    condition     = aws_apigatewayv2_route.http["GET /users/me"].authorizer_id == aws_apigatewayv2_authorizer.jwt.id
    error_message = "JWT routes use the JWT authorizer."
  }

  assert {
    condition     = aws_apigatewayv2_authorizer.jwt.jwt_configuration[0].audience == toset(["wechat-app"])
    error_message = "Audience wechat-app."
  }

  assert {
    condition     = aws_apigatewayv2_route.websocket["$connect"].authorization_type == "CUSTOM" && aws_apigatewayv2_route.websocket["sendMessage"].authorization_type == "NONE"
    error_message = "$connect is authorized once, by the REQUEST authorizer."
  }

  assert {
    condition     = aws_apigatewayv2_stage.http.default_route_settings[0].throttling_rate_limit > 0 && length(aws_apigatewayv2_stage.http.access_log_settings) == 1
    error_message = "The stage is throttled and logs access."
  }

  assert {
    condition     = endswith(output.websocket_manage_connections_arn, "/live/*/@connections/*")
    error_message = "ManageConnections is scoped to this stage's connections."
  }
}

run "cors_has_no_wildcard" {
  variables {
    http_routes = run.routes.http_routes
  }

  assert {
    condition     = !contains(aws_apigatewayv2_api.http.cors_configuration[0].allow_origins, "*") && aws_apigatewayv2_api.http.cors_configuration[0].allow_credentials
    error_message = "Exact origins with credentials."
  }
}

run "rejects_wildcard_origin_with_credentials" {
  command = plan

  variables {
    http_routes        = run.routes.http_routes
    cors_allow_origins = ["*"]
  }

  expect_failures = [var.cors_allow_origins]
}

run "websocket_connections_are_throttled_apart_from_messages" {
  command = plan

  variables {
    http_routes      = run.routes.http_routes
    websocket_routes = run.routes.websocket_routes
  }

  assert {
    condition = (
      one([for r in aws_apigatewayv2_stage.websocket[0].route_settings : r.throttling_rate_limit if r.route_key == "$connect"]) == 50 &&
      one([for r in aws_apigatewayv2_stage.websocket[0].route_settings : r.throttling_rate_limit if r.route_key == "$connect"]) < aws_apigatewayv2_stage.websocket[0].default_route_settings[0].throttling_rate_limit
    )
    error_message = "New WebSocket connections have a lower limit than the stage's messages."
  }
}

run "too_many_new_connections_per_second_is_refused" {
  command = plan

  variables {
    http_routes                  = run.routes.http_routes
    websocket_routes             = run.routes.websocket_routes
    websocket_connect_throttling = { rate_limit = 1000, burst_limit = 2000 }
  }

  expect_failures = [var.websocket_connect_throttling]
}
