/**
 * What the send path reads on every message, cached in Redis: the members and type of a conversation and who blocks
 * whom, kept current by the events that change them with a bounded staleness; and the guess at a conversation's last
 * seq, which the send's transaction checks.
 */
package io.wechat.chat.cache;
