/**
 * Push delivery through SNS mobile push: the gateway and the per-platform payloads.
 */
package io.wechat.notification.push;
