package io.wechat.chat.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.wechat.kit.config.EnvConfig;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** What Terraform's variables for the admin features become. */
class AdminSettingsTest {
    private static final Map<String, String> REQUIRED = Map.of("MODERATION_TABLE", "wechat-dev-moderation",
            "NOTIFICATION_SERVICE_URL", "http://notifications.internal", "NOTIFICATION_SERVICE_TIMEOUT_MS", "1500");

    @Test
    void theQueuesAreAListWithoutBlanks() {
        var env = new java.util.HashMap<>(REQUIRED);
        env.put("ADMIN_QUEUE_URLS", " http://q/a ,,http://q/b, ");
        AdminSettings settings = AdminSettings.from(EnvConfig.of(env));
        assertThat(settings.moderationTable(), is("wechat-dev-moderation"));
        assertThat(settings.notificationServiceUrl(), is("http://notifications.internal"));
        assertThat(settings.notificationServiceTimeout(), is(Duration.ofMillis(1500)));
        assertThat(settings.queueUrls(), is(List.of("http://q/a", "http://q/b")));
    }

    @Test
    void withoutQueuesTheListIsEmpty() {
        assertThat(AdminSettings.from(EnvConfig.of(REQUIRED)).queueUrls(), is(List.of()));
    }
}
