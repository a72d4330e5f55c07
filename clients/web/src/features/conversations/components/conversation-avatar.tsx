import type { Conversation } from "@wechat/api";
import { Avatar } from "@/components/avatar";
import { useMedia } from "@/features/media";

/**
 * A conversation's picture: a group's photo when its owner or an admin set one (uploaded for the group, so every
 * member may read it), else the group glyph or the other person's initials.
 */
export function ConversationAvatar({ conversation, title, size, online, label }: {
  conversation: Pick<Conversation, "type" | "conversationId" | "peerId" | "avatarMediaId">;
  title: string;
  size: number;
  online?: boolean;
  label?: string;
}) {
  const isGroup = conversation.type === "group";
  const photo = useMedia(isGroup ? conversation.avatarMediaId : null).data;
  return (
    <Avatar name={title} seed={conversation.peerId ?? conversation.conversationId} group={isGroup} online={online} size={size}
      imageUrl={photo?.thumbnailUrl ?? photo?.url} label={label} />
  );
}
