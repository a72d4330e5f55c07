/**
 * What chat-service publishes (chat events to SNS) and what it consumes (user-service's events from its queue,
 * deduplicated on eventId), and POST /events, where API Gateway and the event source mappings deliver.
 */
package io.wechat.chat.events;
