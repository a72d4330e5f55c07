/**
 * DynamoDB plumbing of chat-service's two tables: table names, key formats, item attribute helpers,
 * transactions.
 */
package io.wechat.chat.storage;
