/**
 * The transactional outbox: events are written in the same transaction as the change they report, published to
 * SNS right after commit, and republished by the relay when that failed.
 */
package io.wechat.user.events;
