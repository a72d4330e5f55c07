/**
 * What media-service publishes (media.ready, media.rejected to SNS) and POST /events, where S3's upload
 * notifications arrive through the queue's event source mapping.
 */
package io.wechat.media.events;
