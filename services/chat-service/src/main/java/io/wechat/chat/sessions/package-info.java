/**
 * Ending the WebSocket connections of sessions that user-service ended: a logout (user.signedOut) closes that
 * session's connections, a disabled account (user.disabled) all of the user's, and neither can connect again.
 */
package io.wechat.chat.sessions;
