import { unwrap, type Api, type Message } from "@wechat/api";
import { useInfiniteQuery, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useApi } from "@/lib/services";
import { applyReaction, hideMessage, mergeMessages, replaceMessage, newestMessage, recallMessage, removeMessage, type History } from "./cache";

export const pageSize = 30;

export const messageKeys = {
  all: ["messages"] as const,
  history: (conversationId: string) => ["messages", conversationId] as const,
  receipts: (conversationId: string) => ["receipts", conversationId] as const,
};

export function fetchPage(api: Api, conversationId: string, cursor?: string) {
  return unwrap(api.chat.GET("/conversations/{id}/messages", {
    params: { path: { id: conversationId }, query: { cursor, limit: pageSize } },
  }));
}

/**
 * A conversation's history, newest page first, paged backwards with the server's cursor. It is never refetched
 * on its own: live frames and the catch-up after a reconnect keep it current.
 */
export function useHistory(conversationId: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: messageKeys.history(conversationId),
    queryFn: ({ pageParam }) => fetchPage(api, conversationId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function storeMessages(queryClient: QueryClient, conversationId: string, messages: Message[]): void {
  queryClient.setQueryData<History>(messageKeys.history(conversationId), (history) => mergeMessages(history, messages));
}

export function storeRecall(queryClient: QueryClient, conversationId: string, messageId: string): void {
  queryClient.setQueryData<History>(messageKeys.history(conversationId), (history) => recallMessage(history, messageId));
}

export function storeRemoval(queryClient: QueryClient, conversationId: string, messageId: string): void {
  queryClient.setQueryData<History>(messageKeys.history(conversationId), (history) => removeMessage(history, messageId));
}

/** A message I deleted for myself (here, or on another device or tab): gone from my history. */
export function storeHidden(queryClient: QueryClient, conversationId: string, messageId: string): void {
  queryClient.setQueryData<History>(messageKeys.history(conversationId), (history) => hideMessage(history, messageId));
}

/**
 * After a reconnect: fetches what a cached conversation missed while offline and merges it. `since` answers the
 * messages after the newest one we have (oldest first, paged); the newest page brings edits and recalls of
 * recent messages. Merging by messageId means nothing shows twice.
 */
export async function catchUp(queryClient: QueryClient, api: Api, conversationId: string): Promise<void> {
  const key = messageKeys.history(conversationId);
  const history = queryClient.getQueryData<History>(key);
  if (!history) return;
  const newest = newestMessage(history);
  if (!newest) {
    await queryClient.invalidateQueries({ queryKey: key });
    return;
  }
  const latest = await fetchPage(api, conversationId);
  storeMessages(queryClient, conversationId, latest.items);
  let cursor: string | undefined;
  do {
    const page = await unwrap(api.chat.GET("/conversations/{id}/messages", {
      params: { path: { id: conversationId }, query: { since: newest.messageId, cursor, limit: 100 } },
    }));
    storeMessages(queryClient, conversationId, page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Catches up every conversation whose history is cached. */
export async function catchUpAll(queryClient: QueryClient, api: Api): Promise<void> {
  const cached = queryClient.getQueriesData<History>({ queryKey: messageKeys.all });
  await Promise.allSettled(cached.map(([key]) => catchUp(queryClient, api, String(key[1]))));
}

export function useEditMessage(conversationId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ messageId, text }: { messageId: string; text: string }) =>
      unwrap(api.chat.PATCH("/conversations/{id}/messages/{messageId}", {
        params: { path: { id: conversationId, messageId } },
        body: { text },
      })),
    onSuccess: (message) => storeMessages(queryClient, conversationId, [message]),
  });
}

export function useRecallMessage(conversationId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      unwrap(api.chat.DELETE("/conversations/{id}/messages/{messageId}", { params: { path: { id: conversationId, messageId } } })),
    onSuccess: (tombstone) => storeMessages(queryClient, conversationId, [tombstone]),
  });
}

/** The fixed set of reactions the server accepts, in the order it lists them. */
export const reactions = ["👍", "❤️", "😂", "😮", "😢", "🙏"] as const;
export type Reaction = (typeof reactions)[number];

export function storeReaction(queryClient: QueryClient, me: string, frame: Parameters<typeof applyReaction>[2] & { conversationId: string }): void {
  queryClient.setQueryData<History>(messageKeys.history(frame.conversationId), (history) => applyReaction(history, me, frame));
}

/** Adds (`add`) or takes back a reaction; the answer is the message as the server sees it for me. */
export function useReact(conversationId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ messageId, reaction, add }: { messageId: string; reaction: string; add: boolean }) => {
      const params = { params: { path: { id: conversationId, messageId, reaction: reaction as Reaction } } };
      return unwrap(add
        ? api.chat.PUT("/conversations/{id}/messages/{messageId}/reactions/{reaction}", params)
        : api.chat.DELETE("/conversations/{id}/messages/{messageId}/reactions/{reaction}", params));
    },
    onSuccess: (message) => queryClient.setQueryData<History>(messageKeys.history(conversationId),
      (history) => replaceMessage(history, message)),
  });
}

/** Deletes a message for me only: it leaves my history at once. */
export function useDeleteForMe(conversationId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (messageId: string) => {
      const { error, response } = await api.chat.DELETE("/conversations/{id}/messages/{messageId}", {
        params: { path: { id: conversationId, messageId }, query: { for: "me" } },
      });
      if (error || !response.ok) throw new Error(`delete for me failed: ${response.status}`);
      return messageId;
    },
    onSuccess: (messageId) => storeHidden(queryClient, conversationId, messageId),
  });
}

/** Forwards a message of `from` to another conversation; the copy arrives there like any sent message. */
export function useForward(from: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ messageId, to }: { messageId: string; to: string }) =>
      unwrap(api.chat.POST("/conversations/{id}/messages", {
        params: { path: { id: to } },
        body: { clientMessageId: `fwd-${crypto.randomUUID()}`, forwardOf: { conversationId: from, messageId } },
      })),
    onSuccess: (sent) => storeMessages(queryClient, sent.conversationId, [sent]),
  });
}

/** Read positions (seq) of the other members, from `receipt.read` frames. */
export type Receipts = Record<string, number>;

export function storeReceipt(queryClient: QueryClient, conversationId: string, userId: string, seq: number): void {
  queryClient.setQueryData<Receipts>(messageKeys.receipts(conversationId), (receipts = {}) =>
    (receipts[userId] ?? 0) >= seq ? receipts : { ...receipts, [userId]: seq });
}

export function markRead(api: Api, conversationId: string, messageId: string) {
  return unwrap(api.chat.POST("/conversations/{id}/read", { params: { path: { id: conversationId } }, body: { messageId } }));
}

/** Since the recall window is two minutes on the server, the Recall button disappears after it. */
export const recallWindowMs = 2 * 60_000;
