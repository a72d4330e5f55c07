/**
 * Users as chat-service knows them: user-service's profiles through its API (cached), the projection of its
 * profile events, and the blocks between users.
 */
package io.wechat.chat.users;
