/**
 * Reactions: the fixed set of emoji a member puts on a message ({@link io.wechat.chat.reactions.ReactionType}), the
 * routes that add and take them back, and their {@code reaction.updated} event. The reactions themselves are stored on
 * the message item (the messages package).
 */
package io.wechat.chat.reactions;
