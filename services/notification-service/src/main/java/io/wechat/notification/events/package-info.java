/**
 * POST /events, where message.sent events arrive from the queue's event source mapping, and the ledger that
 * makes handling each event exactly-once in effect.
 */
package io.wechat.notification.events;
