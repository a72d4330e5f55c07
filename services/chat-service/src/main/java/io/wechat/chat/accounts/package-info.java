/**
 * What chat-service does when a user deletes their account (user-service's {@code user.deleted}): erase or anonymise
 * what it holds about them, keeping their messages in the others' histories as from "Deleted user".
 */
package io.wechat.chat.accounts;
