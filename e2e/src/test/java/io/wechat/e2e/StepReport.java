package io.wechat.e2e;

import java.util.Optional;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints one line per scenario step: PASS, FAIL (with the reason) or SKIP, and how long it took. */
final class StepReport implements BeforeTestExecutionCallback, AfterTestExecutionCallback, TestWatcher {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(StepReport.class);

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        context.getStore(NS).put("start", System.nanoTime());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Long start = context.getStore(NS).remove("start", Long.class);
        if (start != null) {
            context.getStore(NS).put("millis", (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        print("PASS", context, "");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        print("FAIL", context, "\n         " + cause);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        print("SKIP", context, "  (" + cause.getMessage() + ")");
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        print("SKIP", context, "  (" + reason.orElse("disabled") + ")");
    }

    private static void print(String outcome, ExtensionContext context, String detail) {
        Long millis = context.getStore(NS).get("millis", Long.class);
        System.out.printf("[e2e] %s  %-78s %6s%s%n", outcome, context.getDisplayName(),
                millis == null ? "" : millis + " ms", detail);
    }
}
