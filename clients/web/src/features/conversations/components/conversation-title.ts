import type { Conversation } from "@wechat/api";
import { useUser } from "@/features/users";
import { useT } from "@/lib/i18n";

/** A direct chat is called by the other person's display name, a group by its title. */
export function useConversationTitle(conversation: Pick<Conversation, "type" | "title" | "peerId"> | undefined): string {
  const t = useT();
  const peer = useUser(conversation?.type === "direct" ? conversation.peerId : null);
  if (!conversation) return "";
  if (conversation.type === "direct") return peer.data?.displayName ?? "…";
  return conversation.title || t("group");
}
