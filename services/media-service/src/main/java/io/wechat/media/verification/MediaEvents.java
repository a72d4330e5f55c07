package io.wechat.media.verification;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.web.Json;
import io.wechat.media.catalog.Media;

/** Payloads of the events media-service publishes (in the envelope of docs/events.md, attribute {@code type}). */
public final class MediaEvents {
    public static final String READY = "media.ready";
    public static final String REJECTED = "media.rejected";

    private MediaEvents() {
    }

    /**
     * The event of a media's decision: its id a name-based UUID of the type and the media id, its time the decision's
     * ({@code updatedAt}), so that publishing it again publishes the same event.
     */
    static EventEnvelope envelope(String type, Media media, Object payload) {
        String eventId = UUID.nameUUIDFromBytes((type + "/" + media.mediaId()).getBytes(StandardCharsets.UTF_8)).toString();
        String occurredAt = media.updatedAt() != null ? media.updatedAt() : media.createdAt();
        return new EventEnvelope(eventId, type, EventEnvelope.VERSION, occurredAt, Json.MAPPER.valueToTree(payload));
    }

    /** media.ready: the upload is verified and may be sent in messages. */
    public record Ready(String mediaId, String ownerId, String conversationId, String contentType, long sizeBytes,
                        String fileName, boolean hasThumbnail, Integer width, Integer height) {
        public static Ready of(Media media) {
            return new Ready(media.mediaId(), media.ownerId(), media.conversationId(), media.contentType(),
                    media.sizeBytes(), media.fileName(), media.thumbnailKey() != null, media.width(), media.height());
        }
    }

    /** media.rejected: the upload did not match its reservation and was deleted. */
    public record Rejected(String mediaId, String ownerId, String conversationId, String reason) {
        public static Rejected of(Media media) {
            return new Rejected(media.mediaId(), media.ownerId(), media.conversationId(), media.rejectionReason());
        }
    }
}
