package io.wechat.edge.esm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.wechat.edge.EdgeConfig;
import io.wechat.edge.Json;

/**
 * Lambda invoking a service for an event source mapping, done locally: the event is the body of the service's
 * {@code POST /events}, vouched for with the edge's secret, answered within the function timeout. One invoker for
 * queue batches and stream batches alike; what the answer means is the mapping's business.
 */
final class EventsInvoker {
    private final EdgeConfig config;
    private final HttpClient http;

    EventsInvoker(EdgeConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    /** The service's answer: its status and body, or status 0 and the error when it gave none. */
    record Answer(int status, String body, String error) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Answer invoke(URI service, String requestId, Object event) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    config.vouch(HttpRequest.newBuilder(URI.create(service + "/events")))
                            .timeout(config.esm().functionTimeout())
                            .header("Content-Type", "application/json")
                            .header("Lambda-Runtime-Aws-Request-Id", requestId)
                            .POST(HttpRequest.BodyPublishers.ofString(Json.write(event)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), null);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return new Answer(0, null, e.toString());
        }
    }
}
