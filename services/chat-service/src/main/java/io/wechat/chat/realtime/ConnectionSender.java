package io.wechat.chat.realtime;

/** Sends a frame to one WebSocket connection (API Gateway's {@code POST @connections/{id}}). */
public interface ConnectionSender {
    /**
     * Sends {@code frame} (JSON text) to the connection.
     *
     * @throws GoneException when the connection no longer exists (API Gateway's 410)
     * @throws RuntimeException for any other failure
     */
    void send(String connectionId, String frame);

    /** The connection is gone (410): its record should be removed. */
    final class GoneException extends RuntimeException {
        public GoneException(String connectionId) {
            super("Connection " + connectionId + " is gone");
        }
    }
}
