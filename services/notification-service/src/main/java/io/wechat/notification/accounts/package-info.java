/**
 * Whether a user's account is disabled, as learnt from user-service's user.disabled / user.enabled events: a
 * disabled account gets no pushes.
 */
package io.wechat.notification.accounts;
