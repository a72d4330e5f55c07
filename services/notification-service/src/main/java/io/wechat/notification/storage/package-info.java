/**
 * DynamoDB plumbing of the notifications table: table name, key formats, item attribute helpers.
 */
package io.wechat.notification.storage;
