import { describe, expect, it } from "vitest";
import { message, newestFirst } from "@/testing/messages";
import {
  applyReaction, hideMessage, mergeMessages, newestMessage, recallMessage, removeMessage, timeline, type History,
} from "./cache";

function history(...pages: [number, number, string | null][]): History {
  return {
    pages: pages.map(([from, to, nextCursor]) => ({ items: newestFirst(from, to), nextCursor })),
    pageParams: pages.map((_, index) => (index === 0 ? undefined : String(pages[index - 1]![0]))),
  };
}

const seqs = (data: History | undefined) => timeline(data).map((item) => item.seq);

describe("mergeMessages", () => {
  it("adds live messages after the history, each once, however often they arrive", () => {
    const cached = history([8, 10, "8"]);
    const merged = mergeMessages(mergeMessages(cached, [message(11)]), [message(12), message(11)]);
    expect(seqs(merged)).toEqual([8, 9, 10, 11, 12]);
  });

  it("keeps older pages and their cursors, so paging backwards after live messages has no gap or repeat", () => {
    const live = mergeMessages(history([8, 10, "8"]), [message(11), message(12)])!;
    expect(live.pages[0]!.nextCursor).toBe("8");
    const olderPage = { items: newestFirst(5, 7), nextCursor: "5" };
    const paged: History = { pages: [...live.pages, olderPage], pageParams: [...live.pageParams, "8"] };
    expect(seqs(paged)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("places a message by its seq when frames arrive out of order", () => {
    const merged = mergeMessages(history([1, 3, null]), [message(5), message(4)]);
    expect(seqs(merged)).toEqual([1, 2, 3, 4, 5]);
  });

  it("replaces an edited message where it is, and never lets an older copy undo an edit or a recall", () => {
    const edited = message(9, { text: "fixed", editedAt: "2026-12-01T10:05:00.000Z" });
    const merged = mergeMessages(history([8, 10, "8"]), [edited]);
    expect(timeline(merged).find((item) => item.seq === 9)?.text).toBe("fixed");

    const stale = mergeMessages(merged, [message(9)]);
    expect(timeline(stale).find((item) => item.seq === 9)?.text).toBe("fixed");

    const recalled = recallMessage(stale, "m-9");
    const afterStalePage = mergeMessages(recalled, newestFirst(8, 10));
    expect(timeline(afterStalePage).find((item) => item.seq === 9)).toMatchObject({ recalled: true, text: null });
  });

  it("keeps a moderator's removal over any older copy of the message", () => {
    const removed = removeMessage(history([8, 10, "8"]), "m-9");
    expect(timeline(removed).find((item) => item.seq === 9)).toMatchObject({ removed: true, text: null, mediaId: null });
    const afterStalePage = mergeMessages(removed, newestFirst(8, 10));
    expect(timeline(afterStalePage).find((item) => item.seq === 9)).toMatchObject({ removed: true, text: null });
  });

  it("leaves a conversation that was never opened uncached", () => {
    expect(mergeMessages(undefined, [message(1)])).toBeUndefined();
  });

  it("finds the newest message, where catching up starts", () => {
    expect(newestMessage(mergeMessages(history([8, 10, "8"]), [message(11)]))?.messageId).toBe("m-11");
  });
});

describe("reactions and delete for me", () => {
  it("takes the counts of a reaction.updated frame and changes mine only for the viewer's own change", () => {
    const cached = mergeMessages(history([8, 10, "8"]), [message(10, { reactions: [{ reaction: "😂", count: 1, mine: true }] })]);
    const byBob = applyReaction(cached, "u-me", { messageId: "m-10", userId: "u-bob", reaction: "👍", added: true,
      reactions: [{ reaction: "👍", count: 1 }, { reaction: "😂", count: 1 }] });
    expect(timeline(byBob).at(-1)!.reactions).toEqual([{ reaction: "👍", count: 1, mine: false }, { reaction: "😂", count: 1, mine: true }]);
    const byMe = applyReaction(byBob, "u-me", { messageId: "m-10", userId: "u-me", reaction: "👍", added: true,
      reactions: [{ reaction: "👍", count: 2 }, { reaction: "😂", count: 1 }] });
    expect(timeline(byMe).at(-1)!.reactions[0]).toEqual({ reaction: "👍", count: 2, mine: true });
  });

  it("drops a message deleted for me from every page", () => {
    expect(seqs(hideMessage(history([8, 10, "8"], [5, 7, "5"]), "m-6"))).toEqual([5, 7, 8, 9, 10]);
  });
});
