/**
 * What chat-service publishes (chat events to SNS) and what it consumes (user-service's events from its queue,
 * deduplicated on eventId); both reach chat-service through POST /events (the ingress package).
 */
package io.wechat.chat.events;
