/**
 * The WebSocket $connect authorizer: API Gateway's REQUEST authorizer event in, its policy answer out. HTTP
 * routes authenticate through the platform kit's Authenticator.
 */
package io.wechat.chat.auth;
