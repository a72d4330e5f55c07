output "service_environment" {
  description = "Per service, the env vars naming its AWS resources; `make up` writes them to .local/env/<service>.env."
  value       = module.platform.service_environment
}

output "event_source_mappings" {
  description = "Queues the local edge polls on behalf of Lambda: {queue_url, queue_arn, service, batch_size, maximum_batching_window_seconds}."
  value       = module.platform.event_source_mappings
}

output "stream_event_source_mappings" {
  description = "DynamoDB streams the local edge polls on behalf of Lambda: {stream_arn, service, batch_size, maximum_batching_window_seconds, maximum_retry_attempts, bisect_batch_on_function_error, starting_position, parallelization_factor, on_failure_queue_url, on_failure_queue_arn}."
  value       = module.platform.stream_event_source_mappings
}

output "http_routes" {
  description = "HTTP routes the local edge serves: {route_key, service, authorization}."
  value       = module.routes.http_routes
}

output "websocket_routes" {
  description = "WebSocket routes the local edge serves (selection on $request.body.action): {route_key, service, authorization}."
  value       = module.routes.websocket_routes
}

output "static_web_bucket" {
  description = "Bucket of the web app's files; the local edge serves it at http://localhost:<EDGE_PORT>/ as CloudFront's default behaviour does."
  value       = module.web_bucket.bucket_id
}

output "static_admin_bucket" {
  description = "Bucket of the admin app's files; the local edge serves it at http://localhost:<ADMIN_PORT>/, its own origin, as the admin distribution does in AWS."
  value       = module.admin_bucket.bucket_id
}
