import type { Conversation } from "@wechat/api";
import { NavLink } from "react-router";
import { MutedIcon } from "@/components/icons";
import { usePresence, useUser, type Presence } from "@/features/users";
import { readDraft } from "@/lib/drafts";
import { useI18n } from "@/lib/i18n";
import { useServices } from "@/lib/services";
import { formatListTime } from "@/lib/time";
import { useArchivedConversations, useConversations, useMute } from "../api/conversations";
import { ConversationAvatar } from "./conversation-avatar";
import { useConversationTitle } from "./conversation-title";

function Row({ conversation, me, presence }: { conversation: Conversation; me: string; presence?: Presence }) {
  const { t, locale } = useI18n();
  const title = useConversationTitle(conversation);
  const muted = useMute(conversation.conversationId).data?.muted ?? false;
  const last = conversation.lastMessage;
  const sender = useUser(conversation.type === "group" && last && last.senderId !== me ? last.senderId : null).data;
  const draft = readDraft(useServices().storage, conversation.conversationId);
  let text = "";
  if (last) {
    text = last.recalled ? t("recalledPreview")
      : last.type === "image" ? t("photo")
      : last.type === "file" ? t("file")
      : (last.preview ?? "");
    if (sender && !last.recalled && last.type !== "system") text = `${sender.displayName}: ${text}`;
  }
  return (
    <li>
      <NavLink to={`/chats/${encodeURIComponent(conversation.conversationId)}`} className="conversation-row">
        <ConversationAvatar conversation={conversation} title={title} online={presence?.online} size={44} />
        <span className="conversation-main">
          <span className="conversation-top">
            <span className="conversation-title">
              {title}
              {conversation.pinned ? <span className="tag pinned-mark">{t("pinned")}</span> : null}
            </span>
            <time className="conversation-time" dateTime={conversation.lastActivityAt}>{formatListTime(conversation.lastActivityAt, locale)}</time>
          </span>
          <span className="conversation-bottom">
            <span className="conversation-preview">
              {conversation.mentioned ? <span className="mention-mark">{t("mentionedYou")} </span> : null}
              {draft ? <><span className="draft-mark">[{t("draft")}]</span> {draft}</> : text}
            </span>
            {muted ? <span className="muted-mark" title={t("muted")}><MutedIcon width={16} height={16} /><span className="visually-hidden">{t("muted")}</span></span> : null}
            {conversation.unreadCount > 0 ? (
              <span className={muted ? "badge badge-muted" : "badge"} title={t("unread", { count: conversation.unreadCount })}>
                {conversation.unreadCount > 99 ? "99+" : conversation.unreadCount}
                <span className="visually-hidden"> {t("unread", { count: conversation.unreadCount }).replace(/^\d+\s*/, "")}</span>
              </span>
            ) : null}
          </span>
        </span>
      </NavLink>
    </li>
  );
}

/**
 * The conversation list: pinned first, then by most recent activity, with unread badges, previews, presence and muted
 * marks; {@code archived}: the archived conversations instead.
 */
export function ConversationList({ me, archived = false }: { me: string; archived?: boolean }) {
  const { t } = useI18n();
  const current = useConversations();
  const archivedList = useArchivedConversations(archived);
  const conversations = archived ? archivedList : current;
  const peers = (conversations.data ?? []).filter((item) => item.type === "direct" && item.peerId).map((item) => item.peerId!);
  const presence = usePresence(peers).data;
  if (conversations.isError) return <p className="empty-state" role="alert">{t("somethingWrong")}</p>;
  return (
    <>
      <ul className="conversation-list" aria-label={archived ? t("archivedChats") : t("conversations")} aria-busy={conversations.isLoading}>
        {(conversations.data ?? []).map((conversation) => (
          <Row key={conversation.conversationId} conversation={conversation} me={me} presence={conversation.peerId ? presence?.get(conversation.peerId) : undefined} />
        ))}
      </ul>
      {conversations.isSuccess && conversations.data.length === 0
        ? <p className="empty-state">{archived ? t("noArchived") : t("noConversations")}</p> : null}
    </>
  );
}

