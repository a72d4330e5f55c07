package io.wechat.edge.esm;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.edge.AccessLog;
import io.wechat.edge.EdgeConfig;
import io.wechat.edge.EdgeConfig.MappingSpec;
import io.wechat.edge.Ids;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Lambda's SQS event source mappings: {@code ESM_QUEUE_POLLERS} pollers per mapping (1; Lambda starts a mapping with
 * five concurrent batches) each long-poll its queue, gather a batch (up to
 * {@code batch_size}, waiting at most {@code maximum_batching_window_seconds}), deliver it to the service's
 * {@code POST /events}, and delete the records that succeeded. Failed records stay on the queue, come back after
 * the visibility timeout and reach the DLQ through the queue's own redrive policy.
 */
public final class EventSourceMappings implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventSourceMappings.class.getName());

    private final EdgeConfig config;
    private final SqsClient sqs;
    private final EventsInvoker invoker;
    private final AccessLog accessLog;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running = true;

    public EventSourceMappings(EdgeConfig config, HttpClient http, AccessLog accessLog) {
        this.config = config;
        this.invoker = new EventsInvoker(config, http);
        this.accessLog = accessLog;
        this.sqs = aws(SqsClient.builder(), config, Duration.ofSeconds(config.esm().waitTimeSeconds() + 10)).build();
    }

    /** A client of the emulator when AWS_ENDPOINT_URL names one (with its test credentials), else of AWS. */
    static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B aws(B builder, EdgeConfig config, Duration socketTimeout) {
        builder.region(Region.of(config.aws().region()))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(socketTimeout).build());
        if (config.aws().endpoint() != null) {
            builder.endpointOverride(config.aws().endpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            config.aws().accessKeyId(), config.aws().secretAccessKey())));
        }
        return builder;
    }

    public void start() {
        for (MappingSpec mapping : config.eventSourceMappings()) {
            for (int i = 0; i < config.esm().queuePollers(); i++) {
                pollers.add(Thread.ofVirtual().name("esm-" + mapping.service() + "-" + i).start(() -> poll(mapping)));
            }
            LOG.log(System.Logger.Level.INFO, "polling " + mapping.queueUrl() + " for " + mapping.service() + " with "
                    + config.esm().queuePollers() + " pollers");
        }
    }

    public int pollerCount() {
        return pollers.size();
    }

    private void poll(MappingSpec mapping) {
        URI service = config.serviceUrl(mapping.service());
        while (running) {
            try {
                // Locally a service may simply not be running: receiving anyway would spend the messages'
                // receive counts and send them to the DLQ, which Lambda (always invocable) never does.
                if (!reachable(service)) {
                    Thread.sleep(1000);
                    continue;
                }
                List<Message> batch = receive(mapping);
                if (!batch.isEmpty()) {
                    deliver(mapping, service, batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "polling " + mapping.queueUrl() + ": " + e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private List<Message> receive(MappingSpec mapping) {
        List<Message> batch = new ArrayList<>();
        long windowEnds = System.nanoTime() + Duration.ofSeconds(mapping.maximumBatchingWindowSeconds()).toNanos();
        do {
            int wanted = Math.min(10, mapping.batchSize() - batch.size());
            int wait = batch.isEmpty() ? config.esm().waitTimeSeconds()
                    : (int) Math.max(0, Math.min(20, Duration.ofNanos(windowEnds - System.nanoTime()).toSeconds()));
            ReceiveMessageResponse response = sqs.receiveMessage(r -> r.queueUrl(mapping.queueUrl())
                    .maxNumberOfMessages(wanted)
                    .waitTimeSeconds(wait)
                    .messageSystemAttributeNamesWithStrings("All")
                    .messageAttributeNames("All"));
            batch.addAll(response.messages());
            if (response.messages().isEmpty() && !batch.isEmpty()) {
                break;
            }
        } while (running && !batch.isEmpty() && batch.size() < mapping.batchSize() && System.nanoTime() < windowEnds);
        return batch;
    }

    private void deliver(MappingSpec mapping, URI service, List<Message> batch) throws InterruptedException {
        long started = System.nanoTime();
        String requestId = Ids.next();
        List<String> ids = SqsEvents.ids(batch);
        ObjectNode log = AccessLog.entry(requestId, "-").put("eventSource", "aws:sqs").put("queueUrl", mapping.queueUrl())
                .put("service", mapping.service()).put("records", batch.size());
        EventsInvoker.Answer answer = invoker.invoke(service, requestId, SqsEvents.event(batch, mapping.queueArn()));
        log.put("status", answer.status());
        if (answer.error() != null) {
            log.put("error", answer.error());
        }
        Set<String> failed = answer.ok() ? SqsEvents.failures(answer.body(), ids) : Set.copyOf(ids);
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : batch) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                                 .receiptHandle(m.receiptHandle()).build());
            }
        }
        for (int i = 0; i < done.size(); i += 10) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(i, Math.min(done.size(), i + 10));
            sqs.deleteMessageBatch(r -> r.queueUrl(mapping.queueUrl()).entries(chunk));
        }
        accessLog.write(log.put("deleted", done.size()).put("failed", failed.size())
                                .put("latency", (System.nanoTime() - started) / 1_000_000));
    }

    static boolean reachable(URI service) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(service.getHost(), service.getPort()), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        pollers.forEach(Thread::interrupt);
        for (Thread t : pollers) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        sqs.close();
    }
}
