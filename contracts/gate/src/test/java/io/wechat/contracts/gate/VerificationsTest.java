package io.wechat.contracts.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerificationsTest {
    /** The shape pact-jvm's JSON reporter writes (report format 0.1.0), two runs appended. */
    private static final String REPORT = """
            {"metaData": {"reportFormat": "0.1.0"}, "provider": {"name": "user-service"},
             "execution": [
               {"consumer": {"name": "chat-service"},
                "interactions": [{"interaction": {"description": "a user.blocked event"},
                                  "verification": {"result": "OK"}}]},
               {"consumer": {"name": "chat-service"},
                "interactions": [{"interaction": {"description": "a user.unblocked event"},
                                  "verification": {"result": "failed",
                                                   "body": {"$.payload": [{"mismatch": "Expected blockedId=\\"u-2\\" but was missing"}]}}}]},
               {"consumer": {"name": "chat-service"},
                "interactions": [{"interaction": {"description": "a user.unblocked event"},
                                  "verification": {"result": "OK"}}]}]}""";

    @TempDir
    Path dir;

    @Test
    void readsEveryInteractionOfEveryReport() throws IOException {
        Files.writeString(dir.resolve("user-service.json"), REPORT);

        Verifications verifications = Verifications.read(List.of(dir, dir.resolve("absent")));

        assertTrue(verifications.of("chat-service", "user-service", "a user.blocked event").orElseThrow().passed());
        Verifications.Result unblocked = verifications.of("chat-service", "user-service", "a user.unblocked event").orElseThrow();
        assertFalse(unblocked.passed(), "a failure in any run wins over a pass in another");
        assertTrue(unblocked.detail().contains("but was missing"));
        assertEquals(Optional.empty(), verifications.of("notification-service", "user-service", "a user.blocked event"));
    }
}
