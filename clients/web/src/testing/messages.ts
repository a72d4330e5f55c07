import type { Message } from "@wechat/api";

/** A message of conversation `conv` with sequence number `seq`. */
export function message(seq: number, change: Partial<Message> = {}): Message {
  return {
    messageId: `m-${seq}`, conversationId: "conv", seq, senderId: seq % 2 ? "u-1" : "u-2", type: "text", text: `message ${seq}`,
    mediaId: null, clientMessageId: `c-${seq}`, createdAt: new Date(Date.UTC(2026, 11, 1, 10, 0, seq)).toISOString(),
    editedAt: null, recalled: false, removed: false, replyTo: null, mentions: [], mentionAll: false, forwarded: false,
    reactions: [], ...change,
  };
}

/** Messages `from`..`to`, newest first, as a history page lists them. */
export function newestFirst(from: number, to: number): Message[] {
  return Array.from({ length: to - from + 1 }, (_, index) => message(to - index));
}
