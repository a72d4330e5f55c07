/**
 * A user's notification preferences: muted conversations and the preview mode.
 */
package io.wechat.notification.preferences;
