import { ApiError, type Message } from "@wechat/api";

/** A message the person sent that the server has not confirmed yet. */
export interface OutgoingMessage {
  clientMessageId: string;
  conversationId: string;
  type: "text" | "image" | "file";
  text?: string;
  mediaId?: string;
  /** The message this one answers. */
  replyTo?: string;
  mentions?: string[];
  mentionAll?: boolean;
  createdAt: string;
  /** `failed`: the server refused it (blocked, not a member ...); it is kept to be retried or discarded. */
  status: "queued" | "sending" | "failed";
  errorCode?: string;
}

export interface OutboxOptions {
  storage: Storage;
  /** Per signed-in user, so that one person's queue never goes out under another's name. */
  storageKey: string;
  /** Sends one message; idempotent on its clientMessageId on the server. */
  send: (message: OutgoingMessage) => Promise<Message>;
  onSent: (outgoing: OutgoingMessage, sent: Message) => void;
  isOnline: () => boolean;
}

/** An answer that may succeed when sent again later: no answer at all, throttling, or a server error. */
function isTransient(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 429 || error.status === 401 || error.status >= 500;
}

/**
 * Messages sent while offline wait here (in localStorage, so a reload keeps them) and go out in order once
 * online, each with the clientMessageId it was given when the person pressed Send: the server answers a
 * repeat with the first message, so a message whose answer was lost is never stored twice.
 */
export class Outbox {
  private messages: OutgoingMessage[];
  private flushing: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: OutboxOptions) {
    this.messages = this.read().map((message) => (message.status === "sending" ? { ...message, status: "queued" } : message));
  }

  list(): readonly OutgoingMessage[] {
    return this.messages;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  enqueue(message: Omit<OutgoingMessage, "status" | "createdAt"> & { createdAt?: string }): void {
    this.update([...this.messages, { createdAt: new Date().toISOString(), ...message, status: "queued" }]);
    void this.flush();
  }

  /** The server already has this message (it came back over the WebSocket): stop sending it. */
  confirm(clientMessageId: string): void {
    if (this.messages.some((message) => message.clientMessageId === clientMessageId)) {
      this.update(this.messages.filter((message) => message.clientMessageId !== clientMessageId));
    }
  }

  retry(clientMessageId: string): void {
    this.update(this.messages.map((message) =>
      message.clientMessageId === clientMessageId ? { ...message, status: "queued", errorCode: undefined } : message));
    void this.flush();
  }

  discard(clientMessageId: string): void {
    this.update(this.messages.filter((message) => message.clientMessageId !== clientMessageId));
  }

  /** Sends what is queued, oldest first, one at a time; stops at the first transient failure. */
  flush(): Promise<void> {
    if (!this.options.isOnline()) return Promise.resolve();
    this.flushing ??= this.sendQueued().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async sendQueued(): Promise<void> {
    for (;;) {
      const next = this.messages.find((message) => message.status === "queued");
      if (!next || !this.options.isOnline()) return;
      this.setStatus(next.clientMessageId, { status: "sending" });
      try {
        const sent = await this.options.send(next);
        this.options.onSent(next, sent);
        this.update(this.messages.filter((message) => message.clientMessageId !== next.clientMessageId));
      } catch (error) {
        if (isTransient(error)) {
          this.setStatus(next.clientMessageId, { status: "queued" });
          return;
        }
        this.setStatus(next.clientMessageId, { status: "failed", errorCode: (error as ApiError).code });
      }
    }
  }

  private setStatus(clientMessageId: string, change: Partial<OutgoingMessage>): void {
    this.update(this.messages.map((message) => (message.clientMessageId === clientMessageId ? { ...message, ...change } : message)));
  }

  private update(messages: OutgoingMessage[]): void {
    this.messages = messages;
    if (messages.length > 0) this.options.storage.setItem(this.options.storageKey, JSON.stringify(messages));
    else this.options.storage.removeItem(this.options.storageKey);
    for (const listener of this.listeners) listener();
  }

  private read(): OutgoingMessage[] {
    try {
      return JSON.parse(this.options.storage.getItem(this.options.storageKey) ?? "[]") as OutgoingMessage[];
    } catch {
      return [];
    }
  }
}

/** A clientMessageId: unique per sender, within the server's `^[A-Za-z0-9._:-]{1,128}$`. */
export function newClientMessageId(): string {
  return `web-${crypto.randomUUID()}`;
}
