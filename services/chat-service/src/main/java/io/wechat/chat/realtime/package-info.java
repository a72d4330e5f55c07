/**
 * Real-time delivery: WebSocket connections and presence in Redis, the WebSocket routes, the frames, and the
 * fan-out of every chat event to the members' connections through @connections.
 */
package io.wechat.chat.realtime;
