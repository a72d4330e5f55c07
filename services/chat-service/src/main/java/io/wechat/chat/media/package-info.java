/**
 * media-service as chat-service sees it: whether a media id may be attached to a message in a conversation.
 */
package io.wechat.chat.media;
