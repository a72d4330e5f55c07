/**
 * Messages: send (idempotent on clientMessageId), history pages, edit, recall and delete. Owns the messages
 * table.
 */
package io.wechat.chat.messages;
