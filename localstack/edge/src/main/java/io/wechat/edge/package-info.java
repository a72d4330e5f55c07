/**
 * The local edge: API Gateway (HTTP and WebSocket APIs), CloudFront's behaviours and Lambda's event source mappings
 * emulated in one process, configured from the local environment's Terraform outputs
 * ({@link io.wechat.edge.EdgeConfig}).
 */
package io.wechat.edge;
