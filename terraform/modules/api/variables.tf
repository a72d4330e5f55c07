variable "name" {
  description = "Name prefix, e.g. \"wechat-dev\"."
  type        = string
}

variable "http_routes" {
  description = "HTTP routes: list of {route_key \"METHOD /path\", service, authorization \"NONE\"|\"JWT\", scopes (OAuth scopes the JWT authorizer requires, any one of them)} (the routes module's output)."
  type = list(object({
    route_key     = string
    service       = string
    authorization = string
    scopes        = optional(list(string), [])
  }))

  validation {
    condition     = alltrue([for r in var.http_routes : contains(["NONE", "JWT"], r.authorization)])
    error_message = "authorization must be NONE or JWT."
  }

  validation {
    condition     = alltrue([for r in var.http_routes : r.authorization == "JWT" || length(r.scopes) == 0])
    error_message = "Only JWT routes can require scopes."
  }
}

variable "websocket_routes" {
  description = "WebSocket routes: list of {route_key, service, authorization \"NONE\"|\"JWT\"}; JWT on $connect means the Lambda REQUEST authorizer."
  type = list(object({
    route_key     = string
    service       = string
    authorization = string
  }))
  default = []
}

variable "functions" {
  description = "Lambda alias per service name: {function_name, alias_name, invoke_arn}."
  type = map(object({
    function_name = string
    alias_name    = string
    invoke_arn    = string
  }))
}

variable "jwt_issuer" {
  description = "Token issuer (user-service); API Gateway reads <issuer>/.well-known/openid-configuration. null uses this HTTP API's own URL, where user-service serves the discovery document."
  type        = string
  default     = null
}

variable "jwt_audience" {
  description = "Accepted audiences (the `aud` claim)."
  type        = list(string)
  default     = ["wechat-app"]
}

variable "websocket_authorizer_service" {
  description = "Service whose Lambda answers the WebSocket $connect REQUEST authorizer (HTTP API JWT authorizers do not exist for WebSocket APIs). It receives the authorizer event as POST /events and returns an IAM policy."
  type        = string
  default     = "chat-service"
}

variable "cors_allow_origins" {
  description = "Exact origins allowed by CORS (scheme://host[:port]); \"*\" is rejected because credentials are allowed."
  type        = list(string)

  validation {
    condition     = alltrue([for o in var.cors_allow_origins : o != "*" && can(regex("^https?://[^*/]+$", o))])
    error_message = "cors_allow_origins must be exact origins without \"*\" (credentials are allowed, and browsers refuse \"*\" with credentials)."
  }
}

variable "cors_allow_credentials" {
  description = "Access-Control-Allow-Credentials."
  type        = bool
  default     = true
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second for the stage (default route settings)."
  type        = number
  default     = 100
}

variable "throttling_burst_limit" {
  description = "Burst of requests for the stage (default route settings)."
  type        = number
  default     = 200
}

variable "websocket_connect_throttling" {
  description = "Throttling of the WebSocket $connect route for the whole API: new connections per second and burst (AWS allows 500 new connections/s per account and region)."
  type = object({
    rate_limit  = number
    burst_limit = number
  })
  default = { rate_limit = 50, burst_limit = 100 }

  validation {
    condition     = var.websocket_connect_throttling.rate_limit > 0 && var.websocket_connect_throttling.rate_limit <= 500
    error_message = "websocket_connect_throttling.rate_limit must be 1-500 (the account's limit of new connections per second)."
  }
}

variable "log_retention_days" {
  description = "Retention of the access logs in days."
  type        = number
  default     = 30
}

variable "websocket_stage_name" {
  description = "Stage of the WebSocket API (part of its URL)."
  type        = string
  default     = "live"
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
