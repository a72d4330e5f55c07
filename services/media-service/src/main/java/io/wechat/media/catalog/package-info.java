/**
 * The media items: reserving an upload (a presigned PUT for an allowed type and size), reading an item and its
 * download URL as owner or conversation member. Owns the media table.
 */
package io.wechat.media.catalog;
