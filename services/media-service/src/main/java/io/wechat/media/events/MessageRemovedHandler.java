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
 * Consumes the events on the media-chat-events queue (Lambda SQS batches): chat-service's {@code message.removed}, the
 * media of a message a moderator removed is no longer served; {@code media.shared}, a media forwarded to another
 * conversation becomes readable by its members; user-service's {@code user.deleted}, which {@link AccountDeletion}
 * handles. Each is idempotent, so an event delivered again changes nothing; a record that fails is reported in
 * {@code batchItemFailures} (DLQ after 3 receives).
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
        JsonNode mediaId = event.payload().path("mediaId");
        if (!mediaId.isTextual() || mediaId.asText().isBlank()) {
            return;
        }
        switch (event.type()) {
            case "message.removed" -> store.markRemoved(mediaId.asText(), Times.format(clock.instant()));
            case "media.shared" -> {
                String conversationId = event.payload().path("conversationId").asText("");
                if (!Ids.isValid(conversationId)) {
                    throw new IllegalArgumentException("media.shared without a valid conversationId");
                }
                store.share(mediaId.asText(), conversationId, Times.format(clock.instant()));
            }
            default -> { }
        }
    }
}
