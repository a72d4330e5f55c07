/**
 * Moderators removing messages: at any age, for every member at once (a tombstone live and in history), with the
 * media no longer served, and each removal in the audit log.
 */
package io.wechat.chat.moderation;
