import { unwrap, type OwnProfile, type PublicProfile } from "@wechat/api";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "@/lib/services";

export const userKeys = {
  me: ["users", "me"] as const,
  one: (userId: string) => ["users", "one", userId] as const,
  search: (text: string) => ["users", "search", text] as const,
  presence: (userIds: string[]) => ["presence", [...userIds].sort().join(",")] as const,
};

export function useMe() {
  const api = useApi();
  return useQuery<OwnProfile>({
    queryKey: userKeys.me,
    queryFn: () => unwrap(api.user.GET("/users/me")),
    staleTime: 5 * 60_000,
  });
}

/** A public profile (names of senders, titles of direct chats), kept for five minutes. */
export function useUser(userId: string | null | undefined) {
  const api = useApi();
  return useQuery<PublicProfile>({
    queryKey: userKeys.one(userId ?? ""),
    queryFn: () => unwrap(api.user.GET("/users/{userId}", { params: { path: { userId: userId! } } })),
    enabled: Boolean(userId),
    staleTime: 5 * 60_000,
  });
}

export function useUserSearch(text: string) {
  const api = useApi();
  const search = text.trim();
  return useQuery({
    queryKey: userKeys.search(search),
    queryFn: () => unwrap(api.user.GET("/users", { params: { query: { search, limit: 20 } } })),
    enabled: search.length > 0,
    staleTime: 10_000,
    placeholderData: (previous) => previous,
  });
}

export interface Presence {
  userId: string;
  online: boolean;
  lastSeenAt: string | null;
}

/** Online state of people who share a conversation with me, refreshed every 30 s. */
export function usePresence(userIds: string[], conversationId?: string) {
  const api = useApi();
  const ids = [...new Set(userIds)].slice(0, 50);
  return useQuery<Map<string, Presence>>({
    queryKey: [...userKeys.presence(ids), conversationId ?? ""],
    queryFn: async () => {
      const answer = await unwrap(api.chat.GET("/presence", {
        params: { query: { userIds: ids.join(","), conversationId } },
      }));
      return new Map(answer.items.map((item) => [item.userId, item]));
    },
    enabled: ids.length > 0,
    refetchInterval: 30_000,
    staleTime: 15_000,
  });
}
