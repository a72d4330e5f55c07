package io.wechat.notification.notifications;

import io.wechat.notification.preferences.PreviewMode;

/**
 * What a push shows. Direct chats: the sender's name over the preview. Groups: the group's title over
 * "Sender: preview". Without previews ({@link PreviewMode#SENDER}, the default) the same title over "New message"
 * ("Sender: New message" in a group): who wrote, never what. With previews hidden, only "New message" (no title, so not
 * even who wrote).
 */
public record NotificationContent(String title, String body) {
    public static final String NEW_MESSAGE = "New message";
    static final int MAX_TITLE_LENGTH = 100;

    public static NotificationContent of(String conversationType, String conversationTitle, String senderDisplayName,
                                         String preview, PreviewMode mode) {
        if (mode == PreviewMode.HIDDEN) {
            return new NotificationContent(null, NEW_MESSAGE);
        }
        String sender = blankToNull(senderDisplayName);
        String text = mode == PreviewMode.FULL ? blankToNull(preview) : null;
        if ("group".equals(conversationType)) {
            String title = blankToNull(conversationTitle);
            String shown = text != null ? text : mode == PreviewMode.SENDER ? NEW_MESSAGE : null;
            String body = shown == null || sender == null ? NEW_MESSAGE : sender + ": " + shown;
            return new NotificationContent(shorten(title == null ? sender : title), body);
        }
        return new NotificationContent(shorten(sender), text == null ? NEW_MESSAGE : text);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String shorten(String value) {
        if (value == null || value.codePointCount(0, value.length()) <= MAX_TITLE_LENGTH) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, MAX_TITLE_LENGTH - 1)) + "…";
    }
}
