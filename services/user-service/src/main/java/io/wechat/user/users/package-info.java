/**
 * Profiles: one's own and others', changing one's own, and searching users by prefix. Owns the users table.
 */
package io.wechat.user.users;
