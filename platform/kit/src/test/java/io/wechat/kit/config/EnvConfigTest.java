package io.wechat.kit.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnvConfigTest {
    @Test
    void theVariableWinsOverTheFileAndBlankMeansUnset() {
        var config = EnvConfig.of(Map.of("GREETING", "hello", "BLANK", " ", "app.blank", "fallback",
                                         "app.greeting", "from the file"));
        assertThat(config.required("GREETING", "app.greeting"), is("hello"));
        assertThat(config.required("BLANK", "app.blank"), is("fallback"));
        assertThat(config.optional("NOTHING", "app.nothing"), is(Optional.empty()));
    }

    @Test
    void typedValues() {
        var config = EnvConfig.of(Map.of("TIMEOUT_MS", "250", "TTL_SECONDS", "60", "ORIGINS", "https://a, https://b,,",
                                         "ON", "true"));
        assertThat(config.millis("TIMEOUT_MS", "x"), is(Duration.ofMillis(250)));
        assertThat(config.seconds("TTL_SECONDS", "x"), is(Duration.ofSeconds(60)));
        assertThat(config.list("ORIGINS", "x"), is(Set.of("https://a", "https://b")));
        assertThat(config.list("NONE", "x"), is(Set.of()));
        assertThat(config.flag("ON", "x"), is(true));
        assertThat(config.flag("OFF", "x"), is(false));
    }

    @Test
    void aMissingOrMalformedValueNamesTheVariable() {
        var config = EnvConfig.of(Map.of("PORT", "eighty"));
        assertThat(assertThrows(IllegalStateException.class, () -> config.required("TABLE", "aws.table")).getMessage(),
                   containsString("TABLE"));
        assertThat(assertThrows(IllegalStateException.class, () -> config.integer("PORT", "server.port")).getMessage(),
                   containsString("PORT"));
    }
}
