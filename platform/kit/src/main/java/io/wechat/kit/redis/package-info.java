/** Redis: the connection URI with its AUTH token over TLS, and quotas counted in Redis. */
package io.wechat.kit.redis;
