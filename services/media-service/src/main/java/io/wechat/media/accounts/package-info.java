/**
 * What media-service does when a user deletes their account (user-service's {@code user.deleted}): erase the media
 * they uploaded.
 */
package io.wechat.media.accounts;
