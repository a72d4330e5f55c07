import type { Message, Page } from "@wechat/api";
import type { InfiniteData } from "@tanstack/react-query";

/** A conversation's history in the query cache: pages newest first, each page's items newest first. */
export type History = InfiniteData<Page<Message>, unknown>;

/** Of two copies of one message, the one that knows more: a recall or a moderator's removal is final, then the later edit. */
function fresher(current: Message, incoming: Message): Message {
  if (current.removed && !incoming.removed) return current;
  if (incoming.removed && !current.removed) return incoming;
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

/** Makes the cached copy of a message a tombstone without text or media, marked by what ended it. */
function tombstone(history: History | undefined, messageId: string, mark: "recalled" | "removed"): History | undefined {
  if (!history) return history;
  return {
    ...history,
    pages: history.pages.map((page) =>
      page.items.some((item) => item.messageId === messageId)
        ? { ...page, items: page.items.map((item) => (item.messageId === messageId ? { ...item, [mark]: true, text: null, mediaId: null } : item)) }
        : page),
  };
}

/** Applies a recall (message.recalled frame) to the cached copy. */
export function recallMessage(history: History | undefined, messageId: string): History | undefined {
  return tombstone(history, messageId, "recalled");
}

/** Applies a moderator's removal (message.removed frame) to the cached copy. */
export function removeMessage(history: History | undefined, messageId: string): History | undefined {
  return tombstone(history, messageId, "removed");
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

/** Replaces one cached message with what `change` makes of it. */
function updateMessage(history: History | undefined, messageId: string, change: (message: Message) => Message): History | undefined {
  if (!history) return history;
  return {
    ...history,
    pages: history.pages.map((page) =>
      page.items.some((item) => item.messageId === messageId)
        ? { ...page, items: page.items.map((item) => (item.messageId === messageId ? change(item) : item)) }
        : page),
  };
}

/**
 * Applies a `reaction.updated` frame: the counts are the server's; `mine` changes only for the reaction the viewer
 * changed themselves (on another device), and stays as it was for the others.
 */
export function applyReaction(
  history: History | undefined, me: string,
  frame: { messageId: string; userId: string; reaction: string; added: boolean; reactions: { reaction: string; count: number }[] },
): History | undefined {
  return updateMessage(history, frame.messageId, (message) => ({
    ...message,
    reactions: frame.reactions.map(({ reaction, count }) => ({
      reaction, count,
      mine: frame.userId === me && reaction === frame.reaction
        ? frame.added : (message.reactions.find((known) => known.reaction === reaction)?.mine ?? false),
    })),
  }));
}

/** Drops a message the viewer deleted for themselves from the cached history. */
export function hideMessage(history: History | undefined, messageId: string): History | undefined {
  if (!history) return history;
  return { ...history, pages: history.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.messageId !== messageId) })) };
}

/** Puts the server's copy of a message in place of the cached one (a reaction's answer knows `mine` for me). */
export function replaceMessage(history: History | undefined, message: Message): History | undefined {
  return updateMessage(history, message.messageId, () => message);
}
