/**
 * Delivery and read receipts: each member's read and delivered positions in a conversation.
 */
package io.wechat.chat.receipts;
