/** Liveness and readiness: the health observer and a readiness check per dependency. */
package io.wechat.kit.health;
