import { ApiError, type Message } from "@wechat/api";
import { describe, expect, it, vi } from "vitest";
import { Outbox, type OutgoingMessage } from "./outbox";

function sentMessage(outgoing: OutgoingMessage, seq = 1): Message {
  return {
    messageId: `m-${outgoing.clientMessageId}`, conversationId: outgoing.conversationId, seq, senderId: "u-1", type: "text",
    text: outgoing.text ?? null, mediaId: null, clientMessageId: outgoing.clientMessageId, createdAt: outgoing.createdAt,
    editedAt: null, recalled: false, removed: false, replyTo: null, mentions: [], mentionAll: false, forwarded: false,
    reactions: [],
  };
}

function outbox(options: { online: () => boolean; send: (message: OutgoingMessage) => Promise<Message> }) {
  const sent: Message[] = [];
  const box = new Outbox({
    storage: localStorage, storageKey: "wechat.outbox.u-1", isOnline: options.online, send: options.send,
    onSent: (_, message) => sent.push(message),
  });
  return { box, sent };
}

describe("Outbox", () => {
  it("keeps messages written offline, across a reload, and sends them in order once online", async () => {
    let online = false;
    const send = vi.fn(async (message: OutgoingMessage) => sentMessage(message));
    const first = outbox({ online: () => online, send });
    first.box.enqueue({ clientMessageId: "c-1", conversationId: "conv", type: "text", text: "one" });
    first.box.enqueue({ clientMessageId: "c-2", conversationId: "conv", type: "text", text: "two" });
    await first.box.flush();
    expect(send).not.toHaveBeenCalled();

    const reloaded = outbox({ online: () => online, send });
    expect(reloaded.box.list().map((message) => message.text)).toEqual(["one", "two"]);
    online = true;
    await reloaded.box.flush();

    expect(send.mock.calls.map(([message]) => message.clientMessageId)).toEqual(["c-1", "c-2"]);
    expect(reloaded.sent.map((message) => message.text)).toEqual(["one", "two"]);
    expect(reloaded.box.list()).toEqual([]);
    expect(localStorage.getItem("wechat.outbox.u-1")).toBeNull();
  });

  it("sends again with the same clientMessageId when the answer was lost, and never two at once", async () => {
    let attempts = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const send = vi.fn(async (message: OutgoingMessage) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      attempts += 1;
      if (attempts === 1) throw new TypeError("Failed to fetch");
      return sentMessage(message);
    });
    const { box, sent } = outbox({ online: () => true, send });
    box.enqueue({ clientMessageId: "c-1", conversationId: "conv", type: "text", text: "hello" });
    await Promise.all([box.flush(), box.flush()]);
    expect(box.list()[0]?.status).toBe("queued");

    await Promise.all([box.flush(), box.flush(), box.flush()]);

    expect(send.mock.calls.map(([message]) => message.clientMessageId)).toEqual(["c-1", "c-1"]);
    expect(maxInFlight).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it("marks a message the server refuses as failed, to retry or discard, and goes on with the next", async () => {
    const send = vi.fn(async (message: OutgoingMessage) => {
      if (message.clientMessageId === "c-1") throw new ApiError(403, "blocked", "blocked");
      return sentMessage(message);
    });
    const { box, sent } = outbox({ online: () => true, send });
    box.enqueue({ clientMessageId: "c-1", conversationId: "conv", type: "text", text: "refused" });
    box.enqueue({ clientMessageId: "c-2", conversationId: "conv", type: "text", text: "fine" });
    await box.flush();

    expect(box.list()).toMatchObject([{ clientMessageId: "c-1", status: "failed", errorCode: "blocked" }]);
    expect(sent.map((message) => message.text)).toEqual(["fine"]);
    box.discard("c-1");
    expect(box.list()).toEqual([]);
  });

  it("forgets a message that came back over the WebSocket from another tab", () => {
    const { box } = outbox({ online: () => false, send: vi.fn() });
    box.enqueue({ clientMessageId: "c-1", conversationId: "conv", type: "text", text: "hi" });
    box.confirm("c-1");
    expect(box.list()).toEqual([]);
  });
});
