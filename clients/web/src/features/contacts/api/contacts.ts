import { unwrap, type Block, type Contact, type ContactRequest } from "@wechat/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "@/lib/services";

export const contactKeys = {
  all: ["contacts"] as const,
  contacts: ["contacts", "list"] as const,
  requests: ["contacts", "requests"] as const,
  blocks: ["contacts", "blocks"] as const,
};

/** Requests do not come over the WebSocket: the page that shows them asks every few seconds. */
export function useContactRequests(refetchInterval: number | false = 5_000) {
  const api = useApi();
  return useQuery<ContactRequest[]>({
    queryKey: contactKeys.requests,
    queryFn: async () => (await unwrap(api.user.GET("/contacts/requests", { params: { query: { direction: "all", limit: 100 } } }))).items,
    refetchInterval,
    staleTime: 2_000,
  });
}

export function useContacts() {
  const api = useApi();
  return useQuery<Contact[]>({
    queryKey: contactKeys.contacts,
    queryFn: async () => (await unwrap(api.user.GET("/contacts", { params: { query: { limit: 100 } } }))).items,
    refetchInterval: 10_000,
    staleTime: 2_000,
  });
}

export function useBlocks() {
  const api = useApi();
  return useQuery<Block[]>({
    queryKey: contactKeys.blocks,
    queryFn: async () => (await unwrap(api.user.GET("/blocks", { params: { query: { limit: 100 } } }))).items,
  });
}

/** Every contact action changes requests, contacts and blocks together: all three are fetched again. */
function useContactAction<Variables>(action: (variables: Variables) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactKeys.all }),
  });
}

export function useSendRequest() {
  const api = useApi();
  return useContactAction((userId: string) => unwrap(api.user.POST("/contacts/requests", { body: { userId } })));
}

export function useAnswerRequest() {
  const api = useApi();
  return useContactAction(({ requestId, accept }: { requestId: string; accept: boolean }) => {
    const params = { params: { path: { requestId } } };
    return accept
      ? unwrap(api.user.POST("/contacts/requests/{requestId}/accept", params))
      : unwrap(api.user.POST("/contacts/requests/{requestId}/decline", params));
  });
}

export function useBlock() {
  const api = useApi();
  return useContactAction(({ userId, blocked }: { userId: string; blocked: boolean }) => {
    const params = { params: { path: { userId } } };
    return blocked ? unwrap(api.user.POST("/blocks/{userId}", params)) : unwrap(api.user.DELETE("/blocks/{userId}", params));
  });
}
