/** Configuration from the environment over {@code application.yaml}, read once into a service's Settings. */
package io.wechat.kit.config;
