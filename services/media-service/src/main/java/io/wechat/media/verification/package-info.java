/**
 * Verifying an uploaded object: its bytes match an allowed type and size, a thumbnail for images, then ready or
 * rejected.
 */
package io.wechat.media.verification;
