/**
 * HTTP plumbing of user-service that the platform kit does not cover (its error vocabulary, CORS, client
 * address, cursors and pages).
 */
package io.wechat.user.web;
