package io.wechat.chat.events;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Local stand-in for Lambda's SQS event source mapping (APP_QUEUE_POLL=true): long-polls the queue, feeds
 * the same handler as {@code POST /events}, and deletes only the messages that succeeded.
 */
public final class QueuePoller implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(QueuePoller.class.getName());
    private final SqsClient sqs;
    private final String queueUrl;
    private final UserEventsHandler handler;
    private final int waitSeconds;
    private volatile boolean running = true;
    private final Thread thread;

    public QueuePoller(SqsClient sqs, String queueUrl, UserEventsHandler handler, int waitSeconds) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
        this.waitSeconds = waitSeconds;
        this.thread = Thread.ofPlatform().daemon().name("chat-user-events-poller").unstarted(this::run);
    }

    public QueuePoller start() {
        thread.start();
        return this;
    }

    /** One receive-handle-delete round; answers how many messages it received. */
    public int pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds)).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        var response = handler.handle(messages.stream()
                .map(m -> new UserEventsHandler.SqsRecord(m.messageId(), m.body())).toList());
        Set<String> failed = new HashSet<>();
        response.batchItemFailures().forEach(f -> failed.add(f.get("itemIdentifier")));
        List<DeleteMessageBatchRequestEntry> done = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        return messages.size();
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "Polling " + queueUrl + " failed: " + e.getMessage());
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
