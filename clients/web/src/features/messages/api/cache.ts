import type { Message, Page } from "@wechat/api";
import type { InfiniteData } from "@tanstack/react-query";

/** A conversation's history in the query cache: pages newest first, each page's items newest first. */
export type History = InfiniteData<Page<Message>, unknown>;

/** Of two copies of one message, the one that knows more: a recall is final, then the later edit. */
function fresher(current: Message, incoming: Message): Message {
  if (current.recalled && !incoming.recalled) return current;
  if (incoming.recalled && !current.recalled) return incoming;
  if ((current.editedAt ?? "") > (incoming.editedAt ?? "")) return current;
  return incoming;
}

/**
 * Merges messages (live frames, a catch-up page, a send's answer) into the cached history: a message
 * already there (same messageId) is replaced by the fresher copy, a new one is placed by its `seq` in the first
 * page. Older pages keep their cursors, so paging backwards afterwards has no gap and no repeat.
 */
export function mergeMessages(history: History | undefined, messages: Message[]): History | undefined {
  if (!history || messages.length === 0) return history;
  const incoming = new Map(messages.map((message) => [message.messageId, message]));
  const pages = history.pages.map((page) => {
    let changed = false;
    const items = page.items.map((item) => {
      const update = incoming.get(item.messageId);
      if (!update) return item;
      incoming.delete(item.messageId);
      const next = fresher(item, update);
      changed ||= next !== item;
      return next;
    });
    return changed ? { ...page, items } : page;
  });
  if (incoming.size > 0) {
    const first = pages[0] ?? { items: [], nextCursor: null };
    const items = [...first.items, ...incoming.values()].sort((a, b) => b.seq - a.seq);
    pages[0] = { ...first, items };
  }
  return { ...history, pages };
}

/** Applies a recall (message.recalled frame) to the cached copy: a tombstone without text or media. */
export function recallMessage(history: History | undefined, messageId: string): History | undefined {
  if (!history) return history;
  return {
    ...history,
    pages: history.pages.map((page) =>
      page.items.some((item) => item.messageId === messageId)
        ? { ...page, items: page.items.map((item) => (item.messageId === messageId ? { ...item, recalled: true, text: null, mediaId: null } : item)) }
        : page),
  };
}

/** The cached history oldest first, each message once (pages fetched around a live insert may overlap). */
export function timeline(history: History | undefined): Message[] {
  if (!history) return [];
  const byId = new Map<string, Message>();
  for (const page of history.pages) {
    for (const message of page.items) {
      const known = byId.get(message.messageId);
      byId.set(message.messageId, known ? fresher(known, message) : message);
    }
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** The newest message in the cache, where a catch-up after a reconnect starts from. */
export function newestMessage(history: History | undefined): Message | undefined {
  const messages = timeline(history);
  return messages[messages.length - 1];
}
