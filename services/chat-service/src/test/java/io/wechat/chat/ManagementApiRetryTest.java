package io.wechat.chat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.wechat.chat.realtime.ManagementApiSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The @connections client does not post a frame again: a post answered too late may have reached the socket, and a
 * second one would show the frame twice (the frame claims and the stream's next delivery retry instead). Against a local
 * HTTP endpoint that answers as told (API Gateway's answers are what matters here, not its protocol); a late answer is
 * held until the test releases it, after the client has given up, so that no timing decides the outcome.
 */
class ManagementApiRetryTest {
    /** An answer held back until {@link #answerLate} is released: the client's timeout must end the call first. */
    private static final int LATE = 0;
    private final AtomicInteger posts = new AtomicInteger();
    private final CountDownLatch answerLate = new CountDownLatch(1);
    private HttpServer endpoint;

    private ManagementApiSender senderTo(int... statuses) throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        endpoint.createContext("/", exchange -> {
            int post = posts.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            int status = statuses[Math.min(post, statuses.length) - 1];
            if (status == LATE) {
                try {
                    answerLate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        endpoint.start();
        return new ManagementApiSender(Main.managementApi("us-east-1",
                URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/live")));
    }

    @AfterEach
    void stop() {
        answerLate.countDown();
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    /** Bounded only so that a client without its timeout fails the test instead of waiting forever. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPostAnsweredTooLateTimesOutAndIsNotPostedAgain() throws IOException {
        var sender = senderTo(LATE);
        var failure = assertThrows(SdkClientException.class, () -> sender.send("c-1", "{\"type\":\"message.new\"}"));
        // The socket's read timeout, or the call's own timeout where a starved machine started the read late.
        assertThat(failure.toString(), failure instanceof ApiCallTimeoutException
                || failure.getCause() instanceof SocketTimeoutException, is(true));
        assertThat(posts.get(), is(1));
    }

    @Test
    void aPostAnsweredWithAServerErrorIsNotPostedAgain() throws IOException {
        var sender = senderTo(500, 200);
        var failure = assertThrows(ApiGatewayManagementApiException.class,
                                   () -> sender.send("c-1", "{\"type\":\"message.new\"}"));
        assertThat(failure.statusCode(), is(500));
        assertThat(posts.get(), is(1));
    }
}
