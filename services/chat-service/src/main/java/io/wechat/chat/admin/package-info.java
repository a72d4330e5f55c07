/**
 * The admin console's side of chat-service: the append-only audit log of admin actions, the usage figures of
 * {@code GET /admin/stats} (counted from chat-service's own data and the events it receives, asked of
 * notification-service and SQS), and the consumer of user-service's events that feeds both. Every route here needs
 * the token's {@code admin} scope.
 */
package io.wechat.chat.admin;
