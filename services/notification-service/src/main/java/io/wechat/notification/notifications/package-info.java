/**
 * Deciding and sending notifications for a message.sent event: who is offline, muted or already notified, the
 * content with the preview mode, and the notification log a user can read.
 */
package io.wechat.notification.notifications;
