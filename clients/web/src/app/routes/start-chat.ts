import { unwrap } from "@wechat/api";
import { useQueryClient } from "@tanstack/react-query";
import { conversationKeys } from "@/features/conversations";
import { useApi } from "@/lib/services";

/** Opens the direct chat with a person: the server answers the existing one, or creates it. */
export function useCreateConversationFor() {
  const api = useApi();
  const queryClient = useQueryClient();
  return async (userId: string): Promise<string> => {
    const conversation = await unwrap(api.chat.POST("/conversations", { body: { type: "direct", memberIds: [userId] } }));
    void queryClient.invalidateQueries({ queryKey: conversationKeys.list });
    return conversation.conversationId;
  };
}
