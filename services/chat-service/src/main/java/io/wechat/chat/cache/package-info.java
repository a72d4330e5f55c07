/**
 * What the send path reads on every message, cached in Redis and kept current by the events that change it: the
 * members and type of a conversation.
 */
package io.wechat.chat.cache;
