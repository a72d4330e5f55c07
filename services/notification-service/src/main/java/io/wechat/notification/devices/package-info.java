/**
 * The push devices a user registers (APNs, FCM, web push) and their SNS platform endpoints.
 */
package io.wechat.notification.devices;
