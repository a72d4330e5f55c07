/**
 * Per-user rate limits behind the gateway's per-address ones: the HTTP routes, the sends (HTTP and WebSocket) and the
 * WebSocket frames, each a token bucket in Redis shared by every instance of the service.
 */
package io.wechat.chat.limits;
