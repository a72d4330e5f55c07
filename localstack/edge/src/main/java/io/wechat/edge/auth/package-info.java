/** The HTTP API's JWT authorizer: a route's token verified with the platform kit's verifier and JWKS cache. */
package io.wechat.edge.auth;
