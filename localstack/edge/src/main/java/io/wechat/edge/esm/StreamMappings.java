package io.wechat.edge.esm;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.edge.AccessLog;
import io.wechat.edge.EdgeConfig;
import io.wechat.edge.EdgeConfig.StreamMappingSpec;
import io.wechat.edge.Ids;
import io.wechat.edge.Json;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda's DynamoDB stream event source mappings: one poller per mapping reads every shard of its stream
 * (DescribeStream, GetShardIterator, GetRecords), delivers batches in order to the service's {@code POST /events} as a
 * {@code DynamodbEvent}, and moves its per-shard checkpoint past what was handled.
 *
 * <p>A batch that fails is retried from its first failed record ({@code batchItemFailures}, lowest sequence number);
 * with bisection a failing batch is split in two and each half retried on its own; after
 * {@code maximum_retry_attempts} retries (of the smallest batch) the batch is described on the on-failure queue and
 * skipped, so one poison record never blocks its shard. A shard is never read past a record that is still being
 * retried: records of one item keep their order.
 */
public final class StreamMappings implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StreamMappings.class.getName());
    private static final Duration IDLE_PAUSE = Duration.ofMillis(500);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration SHARD_REFRESH = Duration.ofSeconds(10);

    private final EdgeConfig config;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final EventsInvoker invoker;
    private final AccessLog accessLog;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running = true;

    public StreamMappings(EdgeConfig config, HttpClient http, AccessLog accessLog) {
        this.config = config;
        this.invoker = new EventsInvoker(config, http);
        this.accessLog = accessLog;
        this.streams = EventSourceMappings.aws(DynamoDbStreamsClient.builder(), config, Duration.ofSeconds(30)).build();
        this.sqs = EventSourceMappings.aws(SqsClient.builder(), config, Duration.ofSeconds(30)).build();
    }

    public void start() {
        for (StreamMappingSpec mapping : config.streamMappings()) {
            Checkpoints checkpoints = new Checkpoints(config.esm().checkpoints(), mapping.streamArn());
            pollers.add(Thread.ofVirtual().name("stream-" + mapping.service()).start(() -> poll(mapping, checkpoints)));
            LOG.log(System.Logger.Level.INFO, "polling " + mapping.streamArn() + " for " + mapping.service());
        }
    }

    public int pollerCount() {
        return pollers.size();
    }

    private void poll(StreamMappingSpec mapping, Checkpoints checkpoints) {
        URI service = config.serviceUrl(mapping.service());
        Map<String, String> iterators = new LinkedHashMap<>();
        long shardsReadAt = 0;
        while (running) {
            try {
                // As for queues: a service that is not running locally is waited for, not failed against.
                if (!EventSourceMappings.reachable(service)) {
                    Thread.sleep(1000);
                    continue;
                }
                if (iterators.isEmpty() || System.nanoTime() - shardsReadAt > SHARD_REFRESH.toNanos()) {
                    for (Shard shard : streams.describeStream(r -> r.streamArn(mapping.streamArn())).streamDescription().shards()) {
                        iterators.computeIfAbsent(shard.shardId(), id -> iterator(mapping, checkpoints, id));
                    }
                    shardsReadAt = System.nanoTime();
                }
                boolean delivered = false;
                for (Map.Entry<String, String> shard : List.copyOf(iterators.entrySet())) {
                    GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(shard.getValue()).limit(mapping.batchSize()));
                    if (!page.records().isEmpty()) {
                        deliver(mapping, checkpoints, service, shard.getKey(), page.records());
                        delivered = true;
                    }
                    if (page.nextShardIterator() == null) {
                        iterators.remove(shard.getKey());
                    } else {
                        iterators.put(shard.getKey(), page.nextShardIterator());
                    }
                }
                if (!delivered) {
                    Thread.sleep(IDLE_PAUSE);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // An expired or unknown iterator (the emulator restarted, say): start again from the checkpoints.
                LOG.log(System.Logger.Level.WARNING, "polling " + mapping.streamArn() + ": " + e);
                iterators.clear();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private String iterator(StreamMappingSpec mapping, Checkpoints checkpoints, String shardId) {
        return checkpoints.of(shardId)
                .map(after -> streams.getShardIterator(r -> r.streamArn(mapping.streamArn()).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after)))
                .orElseGet(() -> streams.getShardIterator(r -> r.streamArn(mapping.streamArn()).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.fromValue(mapping.startingPosition()))))
                .shardIterator();
    }

    /** Returns once every record of the batch is handled: delivered, or given up on and sent to the on-failure queue. */
    private void deliver(StreamMappingSpec mapping, Checkpoints checkpoints, URI service, String shardId, List<Record> batch)
            throws InterruptedException {
        List<Record> pending = batch;
        int retries = 0;
        while (running && !pending.isEmpty()) {
            if (!EventSourceMappings.reachable(service)) {
                Thread.sleep(1000);
                continue;
            }
            Outcome outcome = invoke(mapping, service, pending);
            if (outcome.succeeded() > 0) {
                checkpoints.save(shardId, sequenceNumber(pending.get(outcome.succeeded() - 1)));
                pending = pending.subList(outcome.succeeded(), pending.size());
            }
            if (pending.isEmpty()) {
                return;
            }
            if (mapping.bisectBatchOnFunctionError() && pending.size() > 1) {
                List<Record> failing = pending;
                int half = failing.size() / 2;
                deliver(mapping, checkpoints, service, shardId, failing.subList(0, half));
                deliver(mapping, checkpoints, service, shardId, failing.subList(half, failing.size()));
                return;
            }
            retries++;
            if (mapping.maximumRetryAttempts() >= 0 && retries > mapping.maximumRetryAttempts()) {
                giveUp(mapping, shardId, pending, retries, outcome.status());
                checkpoints.save(shardId, sequenceNumber(pending.getLast()));
                return;
            }
            Thread.sleep(RETRY_PAUSE);
        }
    }

    private record Outcome(int succeeded, int status) {
    }

    private Outcome invoke(StreamMappingSpec mapping, URI service, List<Record> records) throws InterruptedException {
        long started = System.nanoTime();
        String requestId = Ids.next();
        List<String> sequenceNumbers = records.stream().map(StreamMappings::sequenceNumber).toList();
        ObjectNode log = AccessLog.entry(requestId, "-").put("eventSource", "aws:dynamodb").put("streamArn", mapping.streamArn())
                .put("service", mapping.service()).put("records", records.size());
        EventsInvoker.Answer answer = invoker.invoke(service, requestId, StreamEvents.event(records, mapping.streamArn()));
        if (answer.error() != null) {
            log.put("error", answer.error());
        }
        int status = answer.status();
        int succeeded = answer.ok() ? StreamEvents.succeeded(answer.body(), sequenceNumbers) : 0;
        accessLog.write(log.put("status", status).put("succeeded", succeeded).put("failed", records.size() - succeeded)
                                .put("latency", (System.nanoTime() - started) / 1_000_000));
        return new Outcome(succeeded, status);
    }

    private void giveUp(StreamMappingSpec mapping, String shardId, List<Record> records, int invokeCount, int status) {
        ObjectNode failure = StreamEvents.failureRecord(Ids.next(), mapping.service(), "RetryAttemptsExhausted", invokeCount,
                                                        status, mapping.streamArn(), shardId, records, Instant.now());
        LOG.log(System.Logger.Level.WARNING, "giving up on " + records.size() + " stream records for " + mapping.service()
                + ": " + Json.write(failure));
        if (mapping.onFailureQueueUrl() != null) {
            sqs.sendMessage(r -> r.queueUrl(mapping.onFailureQueueUrl()).messageBody(Json.write(failure)));
        }
    }

    private static String sequenceNumber(Record record) {
        return record.dynamodb().sequenceNumber();
    }

    /**
     * Lets a batch in flight finish and move its checkpoint (at most 2 s) before interrupting: a batch cut off
     * before its checkpoint is delivered again after a restart, which is allowed (at least once) but avoidable.
     */
    @Override
    public void close() {
        running = false;
        for (Thread t : pollers) {
            try {
                t.join(2000);
                t.interrupt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        streams.close();
        sqs.close();
    }
}
