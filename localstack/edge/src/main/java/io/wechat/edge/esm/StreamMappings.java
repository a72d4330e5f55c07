package io.wechat.edge.esm;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.edge.AccessLog;
import io.wechat.edge.EdgeConfig;
import io.wechat.edge.EdgeConfig.StreamMappingSpec;
import io.wechat.edge.Ids;
import io.wechat.edge.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda's DynamoDB stream event source mappings: one poller per mapping reads every shard of its stream
 * (DescribeStream, GetShardIterator, GetRecords), delivers batches in order to the service's {@code POST /events} as a
 * {@code DynamodbEvent}, up to the mapping's parallelization factor of them at once (the records of one partition key
 * always in one of them, in order), and moves its per-shard checkpoint past what was handled.
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
    /** The most records one GetRecords returns. */
    private static final int MAX_PAGE = 1000;

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
        String partitionKey = null;
        long shardsReadAt = 0;
        while (running) {
            try {
                // As for queues: a service that is not running locally is waited for, not failed against.
                if (!EventSourceMappings.reachable(service)) {
                    Thread.sleep(1000);
                    continue;
                }
                if (iterators.isEmpty() || System.nanoTime() - shardsReadAt > SHARD_REFRESH.toNanos()) {
                    StreamDescription stream = streams.describeStream(r -> r.streamArn(mapping.streamArn())).streamDescription();
                    partitionKey = stream.keySchema().stream().filter(k -> k.keyType() == KeyType.HASH)
                            .map(KeySchemaElement::attributeName).findFirst().orElse(null);
                    for (Shard shard : stream.shards()) {
                        iterators.computeIfAbsent(shard.shardId(), id -> iterator(mapping, checkpoints, id));
                    }
                    shardsReadAt = System.nanoTime();
                }
                boolean delivered = false;
                for (Map.Entry<String, String> shard : List.copyOf(iterators.entrySet())) {
                    GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(shard.getValue()).limit(pageSize(mapping)));
                    if (!page.records().isEmpty()) {
                        deliverPage(mapping, checkpoints, service, shard.getKey(), page.records(), partitionKey);
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

    /** What one GetRecords asks for: a batch for each of the shard's batches that may be in flight at once. */
    static int pageSize(StreamMappingSpec mapping) {
        return Math.min(MAX_PAGE, mapping.batchSize() * mapping.parallelizationFactor());
    }

    /**
     * Delivers a page of a shard's records as Lambda's parallelization factor does: split by partition key into at most
     * that many lanes, each lane's records in order in batches of the mapping's size, the lanes at once. With one lane
     * the checkpoint moves after each batch; with more, once every lane is handled (a restart in between delivers the
     * page again: at least once, as in AWS), and the next page waits for the whole page.
     */
    private void deliverPage(StreamMappingSpec mapping, Checkpoints checkpoints, URI service, String shardId,
                             List<Record> page, String partitionKey) throws InterruptedException {
        List<List<Record>> lanes = lanes(page, partitionKey, mapping.parallelizationFactor());
        if (lanes.size() == 1) {
            deliverLane(mapping, checkpoints, service, shardId, lanes.getFirst(), true);
            return;
        }
        List<Future<Boolean>> handled = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Record> lane : lanes) {
                handled.add(executor.submit(() -> deliverLane(mapping, checkpoints, service, shardId, lane, false)));
            }
        }
        for (Future<Boolean> lane : handled) {
            try {
                if (!lane.get()) {
                    return;
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof InterruptedException interrupted) {
                    throw interrupted;
                }
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
        }
        checkpoints.save(shardId, sequenceNumber(page.getLast()));
    }

    /**
     * The records of a page by partition key, in at most {@code factor} lanes, each in the page's order; one lane when
     * the factor is 1 or the key is unknown.
     */
    public static List<List<Record>> lanes(List<Record> page, String partitionKey, int factor) {
        if (factor == 1 || partitionKey == null) {
            return List.of(page);
        }
        Map<Integer, List<Record>> lanes = new TreeMap<>();
        for (Record record : page) {
            AttributeValue key = record.dynamodb().keys().get(partitionKey);
            lanes.computeIfAbsent(Math.floorMod(Objects.hashCode(key), factor), lane -> new ArrayList<>()).add(record);
        }
        return List.copyOf(lanes.values());
    }

    /** A lane's records in batches of the mapping's size, in order: whether all were handled (false: the edge stops). */
    private boolean deliverLane(StreamMappingSpec mapping, Checkpoints checkpoints, URI service, String shardId,
                                List<Record> lane, boolean checkpointing) throws InterruptedException {
        for (int from = 0; from < lane.size(); from += mapping.batchSize()) {
            List<Record> batch = lane.subList(from, Math.min(lane.size(), from + mapping.batchSize()));
            if (!deliver(mapping, checkpoints, service, shardId, batch, checkpointing)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns once every record of the batch is handled: delivered, or given up on and sent to the on-failure queue
     * (true), or the edge stops (false). {@code checkpointing}: the shard's checkpoint follows this batch.
     */
    private boolean deliver(StreamMappingSpec mapping, Checkpoints checkpoints, URI service, String shardId, List<Record> batch,
                            boolean checkpointing) throws InterruptedException {
        List<Record> pending = batch;
        int retries = 0;
        while (running && !pending.isEmpty()) {
            if (!EventSourceMappings.reachable(service)) {
                Thread.sleep(1000);
                continue;
            }
            Outcome outcome = invoke(mapping, service, pending);
            if (outcome.succeeded() > 0) {
                if (checkpointing) {
                    checkpoints.save(shardId, sequenceNumber(pending.get(outcome.succeeded() - 1)));
                }
                pending = pending.subList(outcome.succeeded(), pending.size());
            }
            if (pending.isEmpty()) {
                return true;
            }
            if (mapping.bisectBatchOnFunctionError() && pending.size() > 1) {
                List<Record> failing = pending;
                int half = failing.size() / 2;
                return deliver(mapping, checkpoints, service, shardId, failing.subList(0, half), checkpointing)
                        && deliver(mapping, checkpoints, service, shardId, failing.subList(half, failing.size()), checkpointing);
            }
            retries++;
            if (mapping.maximumRetryAttempts() >= 0 && retries > mapping.maximumRetryAttempts()) {
                giveUp(mapping, shardId, pending, retries, outcome.status());
                if (checkpointing) {
                    checkpoints.save(shardId, sequenceNumber(pending.getLast()));
                }
                return true;
            }
            Thread.sleep(RETRY_PAUSE);
        }
        return pending.isEmpty();
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
