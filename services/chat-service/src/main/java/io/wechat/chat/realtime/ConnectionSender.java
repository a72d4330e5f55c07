package io.wechat.chat.realtime;

/**
 * Sends a frame to one WebSocket connection (API Gateway's {@code POST @connections/{id}}), and closes one
 * ({@code DELETE @connections/{id}}).
 */
public interface ConnectionSender {
    /**
     * Sends {@code frame} (JSON text) to the connection.
     *
     * @throws GoneException when the connection no longer exists (API Gateway's 410)
     * @throws RuntimeException for any other failure
     */
    void send(String connectionId, String frame);

    /**
     * Closes the connection from the server's side (API Gateway sends the client close code 1000, then the
     * $disconnect route event follows).
     *
     * @throws GoneException when the connection no longer exists
     */
    default void disconnect(String connectionId) {
        throw new UnsupportedOperationException("this sender cannot close connections");
    }

    /** The connection is gone (410): its record should be removed. */
    final class GoneException extends RuntimeException {
        public GoneException(String connectionId) {
            super("Connection " + connectionId + " is gone");
        }
    }
}
