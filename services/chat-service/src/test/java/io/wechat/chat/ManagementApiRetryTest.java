package io.wechat.chat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.wechat.chat.realtime.ManagementApiSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The @connections client does not post a frame again: a post answered too late may have reached the socket, and a
 * second one would show the frame twice (the frame claims and the stream's next delivery retry instead). Against a local HTTP endpoint
 * that answers as told (API Gateway's answers are what matters here, not its protocol).
 */
class ManagementApiRetryTest {
    private final AtomicInteger posts = new AtomicInteger();
    private HttpServer endpoint;

    private ManagementApiSender senderTo(int... statuses) throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        endpoint.createContext("/", exchange -> {
            int post = posts.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            int status = statuses[Math.min(post, statuses.length) - 1];
            if (status == 0) {
                try {
                    // Longer than the client's 3 s socket timeout: sent, but the client never learns it.
                    Thread.sleep(4_000);
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
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    @Test
    void aPostAnsweredTooLateIsNotPostedAgain() throws IOException {
        var sender = senderTo(0);
        assertThrows(RuntimeException.class, () -> sender.send("c-1", "{\"type\":\"message.new\"}"));
        assertThat(posts.get(), is(1));
    }
}
