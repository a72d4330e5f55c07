package io.wechat.kit.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Configuration as every service reads it: a value comes from its environment variable (the names each
 * service's README lists) when set and not blank, else from the key of {@code application.yaml}. A service
 * reads all of it once, at start, into its own {@code Settings} record; a missing required value stops the
 * start with the variable's name.
 */
public final class EnvConfig {
    private final Config config;

    private EnvConfig(Config config) {
        this.config = config;
    }

    /** The process's environment over {@code application.yaml}. */
    public static EnvConfig create() {
        return new EnvConfig(Config.create());
    }

    /** {@code env} (a test's, or the process's) over {@code application.yaml}; nothing else. */
    public static EnvConfig of(Map<String, String> env) {
        return new EnvConfig(Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(env))
                .addSource(ConfigSources.classpath("application.yaml").optional(true))
                .build());
    }

    public static EnvConfig of(Config config) {
        return new EnvConfig(config);
    }

    /** The underlying configuration, for what Helidon reads itself (the {@code server} section). */
    public Config config() {
        return config;
    }

    public Optional<String> optional(String env, String key) {
        return config.get(env).asString().asOptional().filter(v -> !v.isBlank())
                .or(() -> config.get(key).asString().asOptional().filter(v -> !v.isBlank()));
    }

    public String required(String env, String key) {
        return optional(env, key).orElseThrow(
                () -> new IllegalStateException("Missing configuration: set " + env + " (or " + key + ")"));
    }

    public int integer(String env, String key) {
        String value = required(env, key);
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(env + " must be a whole number, not '" + value + "'");
        }
    }

    public boolean flag(String env, String key) {
        return optional(env, key).map(v -> Boolean.parseBoolean(v.strip())).orElse(false);
    }

    public Duration millis(String env, String key) {
        return Duration.ofMillis(integer(env, key));
    }

    public Duration seconds(String env, String key) {
        return Duration.ofSeconds(integer(env, key));
    }

    /** A comma-separated list; empty when unset. */
    public Set<String> list(String env, String key) {
        return optional(env, key).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
