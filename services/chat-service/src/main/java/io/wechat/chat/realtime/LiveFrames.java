package io.wechat.chat.realtime;

/**
 * Pushes, right after a write commits, the frame of an event that is published later from the committed data (the
 * messages table's stream): each live connection gets it once, whichever of the two comes first (the frame claims of
 * {@link FanOut#pushOnce}), so the recipients see a message without waiting for the stream, and a send the request
 * could not push (Redis or a connection failing, the process dying) still reaches them from the stream.
 */
@FunctionalInterface
public interface LiveFrames {
    /** Never throws: the write is committed, and the stream delivers whatever this attempt missed. */
    void push(String eventId, String type, Object payload);

    /** Leaves every frame to the stream. */
    LiveFrames NONE = (eventId, type, payload) -> { };
}
