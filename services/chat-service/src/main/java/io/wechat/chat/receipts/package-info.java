/**
 * Delivery and read receipts: each member's read and delivered positions in a conversation.
 *
 * <p>{@code receipt.read} is published after the marker is written, not from committed data, and that is enough: no
 * queue subscribes to it (every consumer's filter policy leaves it out), so its only readers are the other members'
 * live sockets, which get it as a frame, best effort like {@code typing}. A frame lost to a crash is made good by the
 * reader's next receipt (the marker only moves forward, and a receipt carries the whole position), and the reader's
 * own unread counts come from the committed marker. A consumer that needs every receipt would need them durable: from
 * a stream of the conversations table, as messages are.
 */
package io.wechat.chat.receipts;
