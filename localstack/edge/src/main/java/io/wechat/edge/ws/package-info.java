/**
 * The WebSocket API: connections, route selection on {@code action}, events to chat-service's {@code POST /events},
 * and the SigV4-signed {@code @connections} management API.
 */
package io.wechat.edge.ws;
