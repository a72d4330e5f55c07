/**
 * Contacts, contact requests and blocks between users.
 */
package io.wechat.user.contacts;
