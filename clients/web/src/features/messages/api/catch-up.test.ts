import { createApi, type Message } from "@wechat/api";
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { message, newestFirst } from "@/testing/messages";
import { json } from "@/testing/tokens";
import { timeline, type History } from "./cache";
import { catchUp, messageKeys } from "./messages";

/** The history route of one conversation holding messages 1..last, answering as chat-service does. */
function historyServer(messages: Message[]) {
  const requests: string[] = [];
  const api = createApi({
    baseUrl: "http://app.test",
    fetch: async (request) => {
      const url = new URL(request.url);
      requests.push(url.pathname + url.search);
      const limit = Number(url.searchParams.get("limit") ?? 20);
      const since = url.searchParams.get("since");
      const cursor = url.searchParams.get("cursor");
      if (since) {
        const after = Number(cursor ?? messages.find((item) => item.messageId === since)!.seq);
        const items = messages.filter((item) => item.seq > after).slice(0, limit);
        const more = messages.some((item) => item.seq > (items[items.length - 1]?.seq ?? Infinity));
        return json({ items, nextCursor: more ? String(items[items.length - 1]!.seq) : null });
      }
      const before = cursor ? Number(cursor) : Infinity;
      const items = [...messages].reverse().filter((item) => item.seq < before).slice(0, limit);
      const more = items.length > 0 && items[items.length - 1]!.seq > 1;
      return json({ items, nextCursor: more ? String(items[items.length - 1]!.seq) : null });
    },
  });
  return { api, requests };
}

describe("catchUp", () => {
  it("fetches what was sent while offline, page by page, and merges it without gap or duplicate", async () => {
    const server = historyServer(newestFirst(1, 150).reverse());
    const queryClient = new QueryClient();
    // Before the drop the tab had 21..40 and had received 41 live.
    const cached: History = { pages: [{ items: [message(41), ...newestFirst(21, 40)], nextCursor: "21" }], pageParams: [undefined] };
    queryClient.setQueryData(messageKeys.history("conv"), cached);

    await catchUp(queryClient, server.api, "conv");

    const merged = timeline(queryClient.getQueryData<History>(messageKeys.history("conv")));
    expect(merged.map((item) => item.seq)).toEqual(Array.from({ length: 130 }, (_, index) => index + 21));
    expect(server.requests.filter((path) => path.includes("since=m-41"))).toHaveLength(2);
    expect(queryClient.getQueryData<History>(messageKeys.history("conv"))!.pages.at(-1)!.nextCursor).toBe("21");
  });

  it("does nothing for a conversation that is not cached", async () => {
    const server = historyServer(newestFirst(1, 3).reverse());
    await catchUp(new QueryClient(), server.api, "conv");
    expect(server.requests).toEqual([]);
  });
});
