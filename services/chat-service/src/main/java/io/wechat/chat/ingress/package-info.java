/**
 * POST /events, the one door of AWS events into chat-service (queue batches, the WebSocket $connect authorizer,
 * WebSocket route events): recognises each by its shape and dispatches it to the feature that owns it. Features
 * never import this package; a new kind of event is one registration in Main.
 */
package io.wechat.chat.ingress;
