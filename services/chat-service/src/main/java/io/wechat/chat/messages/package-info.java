/**
 * Messages: send (idempotent on clientMessageId), history pages, edit, recall and delete. Owns the messages
 * table, and publishes the message events from its stream (MessageStreamConsumer).
 */
package io.wechat.chat.messages;
