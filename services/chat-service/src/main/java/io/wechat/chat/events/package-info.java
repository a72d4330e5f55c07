/**
 * What chat-service publishes (chat events to SNS) and what it consumes (user-service's events from its queue,
 * deduplicated on eventId), which arrives through POST /events (the ingress package) like every AWS event.
 */
package io.wechat.chat.events;
