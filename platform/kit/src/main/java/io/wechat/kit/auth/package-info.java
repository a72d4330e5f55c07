/** Access tokens: the issuer's JWKS (cached, one fetch at a time), the verifier, a request's caller. */
package io.wechat.kit.auth;
