/**
 * chat-service as media-service sees it: whether the caller is a member of a conversation.
 */
package io.wechat.media.conversations;
