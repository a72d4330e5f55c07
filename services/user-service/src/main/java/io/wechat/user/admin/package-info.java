/**
 * The admin console's side of user-service: listing accounts, disabling and enabling them, and the operator
 * command that grants or revokes the admin role (never reachable through the public API).
 */
package io.wechat.user.admin;
