package io.wechat.notification.pact;

import java.util.Map;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.IgnoreNoPactsToVerify;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.notification.support.NotificationServiceFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies every pact in {@code contracts/} naming notification-service as provider (run by {@code make contracts};
 * {@code -Dpact.folder=DIR} reads another folder) against the real service of the test fixture (its table and SNS
 * platform applications on the emulator). Provider states answer a token of the user they name.
 */
@Provider("notification-service")
@PactFolder("${pact.folder:../../contracts}")
@IgnoreNoPactsToVerify
class NotificationServicePactVerificationTest {
    private static NotificationServiceFixture fixture;

    @BeforeEach
    void target(PactVerificationContext context) {
        if (context != null) {
            context.setTarget(new HttpTestTarget("127.0.0.1", fixture().server.port()));
        }
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void verify(PactVerificationContext context) {
        if (context == null) {
            return; // no pact names notification-service
        }
        context.verifyInteraction();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }

    @State("an admin asks for the push figures")
    Map<String, Object> admin() {
        return Map.of("token", fixture().identity.tokenWithScope(TestIssuer.newUser(), "user admin"));
    }

    private static synchronized NotificationServiceFixture fixture() {
        if (fixture == null) {
            fixture = new NotificationServiceFixture();
        }
        return fixture;
    }
}
