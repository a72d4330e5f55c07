import { unwrap, type Conversation, type Message, type MuteState, type SearchHit } from "@wechat/api";
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useApi } from "@/lib/services";

export const conversationKeys = {
  list: ["conversations"] as const,
  archived: ["conversations", "archived"] as const,
  search: (query: string) => ["search", query] as const,
  one: (conversationId: string) => ["conversation", conversationId] as const,
  mute: (conversationId: string) => ["mute", conversationId] as const,
};

/** My conversations, most recent activity first (one page of up to 100). */
export function useConversations() {
  const api = useApi();
  return useQuery<Conversation[]>({
    queryKey: conversationKeys.list,
    queryFn: async () => (await unwrap(api.chat.GET("/conversations", { params: { query: { limit: 100 } } }))).items,
  });
}

/** My archived conversations (one page of up to 100). */
export function useArchivedConversations(enabled: boolean) {
  const api = useApi();
  return useQuery<Conversation[]>({
    queryKey: conversationKeys.archived,
    enabled,
    queryFn: async () => (await unwrap(api.chat.GET("/conversations", { params: { query: { limit: 100, archived: true } } }))).items,
  });
}

/** My own settings of a conversation: pinned, archived, and chat-service's copy of the mute. */
export function useConversationSettings(conversationId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: { pinned?: boolean; archived?: boolean; muted?: boolean }) =>
      unwrap(api.chat.PUT("/conversations/{id}/settings", { params: { path: { id: conversationId } }, body: settings })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: conversationKeys.list });
      void queryClient.invalidateQueries({ queryKey: conversationKeys.one(conversationId) });
    },
  });
}

/** Messages I can see that hold every word of the query, newest first, with highlighted snippets. */
export function useMessageSearch(query: string) {
  const api = useApi();
  const trimmed = query.trim();
  return useQuery<SearchHit[]>({
    queryKey: conversationKeys.search(trimmed),
    enabled: trimmed.length > 0,
    staleTime: 10_000,
    queryFn: async () => (await unwrap(api.chat.GET("/messages/search", { params: { query: { query: trimmed, limit: 30 } } }))).items,
  });
}

/** One conversation with its members. */
export function useConversation(conversationId: string) {
  const api = useApi();
  return useQuery<Conversation>({
    queryKey: conversationKeys.one(conversationId),
    queryFn: () => unwrap(api.chat.GET("/conversations/{id}", { params: { path: { id: conversationId } } })),
  });
}

export function useMute(conversationId: string) {
  const api = useApi();
  return useQuery<MuteState>({
    queryKey: conversationKeys.mute(conversationId),
    queryFn: () => unwrap(api.notification.GET("/conversations/{id}/mute", { params: { path: { id: conversationId } } })),
    staleTime: 5 * 60_000,
  });
}

export function useSetMuted(conversationId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (muted: boolean): Promise<MuteState> => {
      const params = { params: { path: { id: conversationId } } };
      if (muted) return unwrap(api.notification.PUT("/conversations/{id}/mute", { ...params, body: { until: null } }));
      await unwrap(api.notification.DELETE("/conversations/{id}/mute", params));
      return { conversationId, muted: false, mutedUntil: null };
    },
    onSuccess: (state) => queryClient.setQueryData(conversationKeys.mute(conversationId), state),
  });
}

export function useCreateConversation() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { type: "direct" | "group"; memberIds: string[]; title?: string }) =>
      unwrap(api.chat.POST("/conversations", { body: request })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: conversationKeys.list }),
  });
}

function useMembershipChange<Variables>(conversationId: string, change: (variables: Variables) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: conversationKeys.one(conversationId) });
      void queryClient.invalidateQueries({ queryKey: conversationKeys.list });
    },
  });
}

export function useAddMembers(conversationId: string) {
  const api = useApi();
  return useMembershipChange(conversationId, (userIds: string[]) =>
    unwrap(api.chat.POST("/conversations/{id}/members", { params: { path: { id: conversationId } }, body: { userIds } })));
}

/** Removes a member (admins), or leaves when it is me. */
export function useRemoveMember(conversationId: string) {
  const api = useApi();
  return useMembershipChange(conversationId, (userId: string) =>
    unwrap(api.chat.DELETE("/conversations/{id}/members/{userId}", { params: { path: { id: conversationId, userId } } })));
}

export function useRename(conversationId: string) {
  const api = useApi();
  return useMembershipChange(conversationId, (title: string) =>
    unwrap(api.chat.PATCH("/conversations/{id}", { params: { path: { id: conversationId } }, body: { title } })));
}

/** The owner and admins set the group's announcement ("" clears it). */
export function useSetAnnouncement(conversationId: string) {
  const api = useApi();
  return useMembershipChange(conversationId, (announcement: string) =>
    unwrap(api.chat.PATCH("/conversations/{id}", { params: { path: { id: conversationId } }, body: { announcement } })));
}

/** The owner and admins set the group's photo: an image uploaded for the group. */
export function useSetAvatar(conversationId: string) {
  const api = useApi();
  return useMembershipChange(conversationId, (avatarMediaId: string) =>
    unwrap(api.chat.PATCH("/conversations/{id}", { params: { path: { id: conversationId } }, body: { avatarMediaId } })));
}

/** The owner makes a member an admin, or an admin a member. */
export function useChangeRole(conversationId: string) {
  const api = useApi();
  return useMembershipChange(conversationId, ({ userId, role }: { userId: string; role: "admin" | "member" }) =>
    unwrap(api.chat.PATCH("/conversations/{id}/members/{userId}", { params: { path: { id: conversationId, userId } }, body: { role } })));
}

/** The owner hands the group over to another member. */
export function useTransferOwnership(conversationId: string) {
  const api = useApi();
  return useMembershipChange(conversationId, (userId: string) =>
    unwrap(api.chat.POST("/conversations/{id}/owner", { params: { path: { id: conversationId } }, body: { userId } })));
}

function preview(message: Message): string | null {
  return message.type === "text" || message.type === "system" ? message.text : null;
}

/**
 * A new or changed message as the conversation list shows it: last-message preview, activity time, unread count
 * (not for my own messages, nor for the conversation on screen), and the conversation moved to the top.
 * Answers false when the conversation is not in the list (it is then fetched again).
 */
export function applyMessageToList(queryClient: QueryClient, message: Message, options: { me: string; reading: boolean; isNew: boolean }): boolean {
  const list = queryClient.getQueryData<Conversation[]>(conversationKeys.list);
  const conversation = list?.find((item) => item.conversationId === message.conversationId);
  if (!list || !conversation) return false;
  const isLast = !conversation.lastMessage || conversation.lastMessage.seq <= message.seq;
  if (!isLast) return true;
  const updated: Conversation = {
    ...conversation,
    lastMessage: {
      messageId: message.messageId,
      seq: message.seq,
      senderId: message.senderId,
      type: message.type,
      preview: message.recalled ? null : preview(message),
      createdAt: message.createdAt,
      recalled: message.recalled,
    },
    lastActivityAt: options.isNew ? message.createdAt : conversation.lastActivityAt,
    unreadCount: options.isNew && message.senderId !== options.me && !options.reading && conversation.lastMessage?.messageId !== message.messageId
      ? conversation.unreadCount + 1
      : conversation.unreadCount,
  };
  const rest = list.filter((item) => item !== conversation);
  queryClient.setQueryData<Conversation[]>(conversationKeys.list, options.isNew ? [updated, ...rest] : list.map((item) => (item === conversation ? updated : item)));
  return true;
}

export function markRecalledInList(queryClient: QueryClient, conversationId: string, messageId: string): void {
  queryClient.setQueryData<Conversation[]>(conversationKeys.list, (list) => list?.map((item) =>
    item.conversationId === conversationId && item.lastMessage?.messageId === messageId
      ? { ...item, lastMessage: { ...item.lastMessage, recalled: true, preview: null } }
      : item));
}

export function setUnread(queryClient: QueryClient, conversationId: string, unreadCount: number): void {
  queryClient.setQueryData<Conversation[]>(conversationKeys.list, (list) => list?.map((item) =>
    item.conversationId === conversationId ? { ...item, unreadCount } : item));
}

export function forgetConversation(queryClient: QueryClient, conversationId: string): void {
  queryClient.setQueryData<Conversation[]>(conversationKeys.list, (list) => list?.filter((item) => item.conversationId !== conversationId));
  queryClient.removeQueries({ queryKey: conversationKeys.one(conversationId) });
}
