/**
 * Accounts and tokens: register, login with throttling, refresh-token rotation, logout, access tokens signed
 * with the service's key, and the discovery document and JWKS every verifier reads.
 */
package io.wechat.user.auth;
