package io.wechat.user;

import java.util.UUID;

import io.wechat.kit.testing.Api;
import io.wechat.user.testing.TestService;
import io.wechat.user.testing.TestUser;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/** What one client address or one user may create (TestService sets small quotas). */
class QuotasIT {
    private final TestService service = TestService.get();

    @Test
    void registrationsPerAddressEndWith429AndRetryAfter() {
        Api oneAddress = service.api();
        for (int i = 0; i < 7; i++) {
            assertThat(register(oneAddress).status(), is(201));
        }
        Api.Response refused = register(oneAddress);
        assertThat(refused.toString(), refused.status(), is(429));
        assertThat(refused.errorCode(), is("quota_exceeded"));
        assertThat(Integer.parseInt(refused.header("Retry-After")), greaterThan(3000));

        assertThat(register(service.api()).status(), is(201));
    }

    @Test
    void contactRequestsPerUserEndWith429AndRetryAfter() {
        TestUser sender = TestUser.register(service.api(), "quota");
        Api api = service.api();
        for (int i = 0; i < 8; i++) {
            assertThat(request(api, sender, UUID.randomUUID()).status(), is(404));
        }
        Api.Response refused = request(api, sender, UUID.randomUUID());
        assertThat(refused.toString(), refused.status(), is(429));
        assertThat(refused.errorCode(), is("quota_exceeded"));
        assertThat(Integer.parseInt(refused.header("Retry-After")), greaterThan(80000));
    }

    private static Api.Response register(Api api) {
        return api.post("/auth/register", null, """
                {"username":"%s","password":"%s","displayName":"Q"}""".formatted(TestUser.uniqueUsername("reg"),
                                                                             TestUser.PASSWORD));
    }

    private static Api.Response request(Api api, TestUser sender, UUID target) {
        return api.post("/contacts/requests", sender.accessToken(), "{\"userId\":\"%s\"}".formatted(target));
    }
}
