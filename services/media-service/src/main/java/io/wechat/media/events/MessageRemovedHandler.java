package io.wechat.media.events;

import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Times;
import io.wechat.media.accounts.AccountDeletion;
import io.wechat.media.catalog.MediaStore;

/**
 * Consumes chat-service's {@code message.removed} events (the media-chat-events queue, as Lambda SQS batches): the
 * media of a message a moderator removed is no longer served. Marking it is idempotent, so an event delivered again
 * changes nothing; a record that fails is reported in {@code batchItemFailures} (DLQ after 3 receives). The same queue
 * brings user-service's {@code user.deleted}, which {@link AccountDeletion} handles.
 */
public final class MessageRemovedHandler {
    private final MediaStore store;
    private final AccountDeletion deletion;
    private final Clock clock;

    public MessageRemovedHandler(MediaStore store, AccountDeletion deletion, Clock clock) {
        this.store = store;
        this.deletion = deletion;
        this.clock = clock;
    }

    /** Whether this SQS batch carries event envelopes (chat-service's events) rather than S3 notifications. */
    public static boolean handles(JsonNode event) {
        JsonNode records = event.path("Records");
        if (!records.isArray() || records.isEmpty()) {
            return false;
        }
        try {
            JsonNode body = Json.tree(records.get(0).path("body").asText("").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return body.has("eventId") || body.path("Type").asText().equals("Notification");
        } catch (RuntimeException e) {
            return false;
        }
    }

    public SqsBatch.Response handle(JsonNode event) {
        return SqsBatch.handle(SqsBatch.records(event), body -> process(EventEnvelope.parse(body)));
    }

    private void process(EventEnvelope event) {
        if (AccountDeletion.DELETED.equals(event.type())) {
            deletion.erase(AccountDeletion.deletedUserId(event));
            return;
        }
        if (!"message.removed".equals(event.type())) {
            return;
        }
        JsonNode mediaId = event.payload().path("mediaId");
        if (mediaId.isTextual() && !mediaId.asText().isBlank()) {
            store.markRemoved(mediaId.asText(), Times.format(clock.instant()));
        }
    }
}
