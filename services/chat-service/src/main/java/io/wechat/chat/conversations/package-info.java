/**
 * Conversations and their members: direct and group conversations, creating, renaming, adding and removing
 * members, roles, the caller's conversation list. Owns the conversation items of the conversations table.
 */
package io.wechat.chat.conversations;
