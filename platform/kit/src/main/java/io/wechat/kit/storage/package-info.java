/** DynamoDB items: typed reads of attribute values. */
package io.wechat.kit.storage;
