import { ApiError, unwrap, type Message } from "@wechat/api";
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, Outlet, useNavigate, useParams, useSearchParams } from "react-router";
import { BackIcon, MoreIcon, PlusIcon } from "@/components/icons";
import {
  ConversationAvatar, ConversationInfo, ConversationList, forgetConversation, MessageSearch, NewChatDialog, setUnread, useConversation,
  useConversationTitle, useMute,
} from "@/features/conversations";
import { Composer, markRead, Timeline, TypingLine } from "@/features/messages";
import { usePresence, userKeys } from "@/features/users";
import { useI18n } from "@/lib/i18n";
import { useMessaging } from "@/lib/messaging";
import { useApi } from "@/lib/services";
import { formatListTime } from "@/lib/time";
import { activeConversation } from "../messaging-provider";

/** The chats page: the conversation list beside the open conversation (one at a time on a phone). */
export function ChatsRoute() {
  const { t } = useI18n();
  const { userId } = useMessaging();
  const { conversationId } = useParams();
  const navigate = useNavigate();
  const [newChat, setNewChat] = useState(false);
  const [archived, setArchived] = useState(false);
  const [searching, setSearching] = useState(false);
  return (
    <div className={conversationId ? "chats has-selection" : "chats"}>
      <section className="list-pane" aria-labelledby="chats-heading">
        <header className="pane-header">
          <h1 id="chats-heading">{archived ? t("archivedChats") : t("chats")}</h1>
          <button type="button" className="text-button" onClick={() => setArchived(!archived)} aria-pressed={archived}>
            {archived ? t("backToChats") : t("archivedChats")}
          </button>
          <button type="button" className="icon-button" onClick={() => setNewChat(true)} aria-label={t("newChat")} title={t("newChat")}>
            <PlusIcon />
          </button>
        </header>
        <MessageSearch onActive={setSearching} />
        {searching ? null : <ConversationList me={userId} archived={archived} />}
      </section>
      <section className="chat-pane">
        <Outlet />
      </section>
      {newChat ? (
        <NewChatDialog onClose={() => setNewChat(false)} onCreated={(id) => {
          setNewChat(false);
          navigate(`/chats/${encodeURIComponent(id)}`);
        }} />
      ) : null}
    </div>
  );
}

export function NoChatRoute() {
  const { t } = useI18n();
  return (
    <div className="no-chat">
      <img src="/favicon.svg" alt="" width={72} height={72} />
      <p>{t("pickConversation")}</p>
    </div>
  );
}

function Subtitle({ isGroup, memberCount, peerId, conversationId }: { isGroup: boolean; memberCount: number; peerId: string | null; conversationId: string }) {
  const { t, locale } = useI18n();
  const presence = usePresence(peerId ? [peerId] : [], conversationId).data?.get(peerId ?? "");
  if (isGroup) return <span className="chat-subtitle">{t("members", { count: memberCount })}</span>;
  if (!presence) return null;
  if (presence.online) return <span className="chat-subtitle online">{t("online")}</span>;
  return presence.lastSeenAt ? <span className="chat-subtitle">{t("lastSeen", { time: formatListTime(presence.lastSeenAt, locale) })}</span> : null;
}

/** One conversation: header, timeline, typing line and composer. */
export function ChatRoute() {
  const { t } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { userId: me } = useMessaging();
  const conversationId = decodeURIComponent(useParams().conversationId ?? "");
  const [searchParams] = useSearchParams();
  const conversation = useConversation(conversationId);
  const title = useConversationTitle(conversation.data);
  const muted = useMute(conversationId).data?.muted ?? false;
  const [editing, setEditing] = useState<Message | null>(null);
  const [replyingTo, setReplyingTo] = useState<Message | null>(null);
  const [infoOpen, setInfoOpen] = useState(false);
  const lastRead = useRef<string | null>(null);
  const isGroup = conversation.data?.type === "group";

  useEffect(() => {
    activeConversation.id = conversationId;
    setEditing(null);
    setReplyingTo(null);
    return () => {
      activeConversation.id = null;
    };
  }, [conversationId]);

  const onSeen = useCallback((message: Message) => {
    if (lastRead.current === message.messageId) return;
    lastRead.current = message.messageId;
    setUnread(queryClient, conversationId, 0);
    markRead(api, conversationId, message.messageId).catch(() => {
      lastRead.current = null;
    });
  }, [api, conversationId, queryClient]);

  const nameOf = useMemberNames((conversation.data?.members ?? []).map((member) => member.userId), me);
  if (conversation.error instanceof ApiError && conversation.error.status === 404) {
    return (
      <div className="no-chat">
        <p>{t("somethingWrong")}</p>
        <Link to="/chats">{t("back")}</Link>
      </div>
    );
  }
  return (
    <div className="chat">
      <header className="chat-header">
        <Link to="/chats" className="icon-button back-button" aria-label={t("back")}><BackIcon /></Link>
        {conversation.data?.avatarMediaId ? (
          <ConversationAvatar conversation={conversation.data} title={title} size={36} label={t("groupPhoto")} />
        ) : null}
        <div className="chat-heading">
          <h2>{title}{isGroup && conversation.data ? ` (${conversation.data.memberCount})` : ""}</h2>
          {conversation.data ? (
            <Subtitle isGroup={isGroup} memberCount={conversation.data.memberCount} peerId={conversation.data.peerId} conversationId={conversationId} />
          ) : null}
        </div>
        {muted ? <span className="tag">{t("muted")}</span> : null}
        <button type="button" className="icon-button" onClick={() => setInfoOpen(true)} aria-label={t("details")} title={t("details")}>
          <MoreIcon />
        </button>
      </header>
      <Timeline conversationId={conversationId} isGroup={isGroup} nameOf={nameOf} onEdit={setEditing} onSeen={onSeen}
        onReply={setReplyingTo} focusMessageId={searchParams.get("message")} />
      <TypingLine conversationId={conversationId} nameOf={nameOf} />
      <Composer conversationId={conversationId} editing={editing} onEditDone={() => setEditing(null)}
        replyingTo={replyingTo} onReplyDone={() => setReplyingTo(null)} nameOf={nameOf}
        mentionable={isGroup ? (conversation.data?.members ?? []).map((member) => member.userId).filter((userId) => userId !== me) : []}
        canMentionAll={isGroup && (conversation.data?.myRole === "owner" || conversation.data?.myRole === "admin")} />
      {infoOpen && conversation.data ? (
        <ConversationInfo conversation={conversation.data} me={me} onClose={() => setInfoOpen(false)} onLeft={() => {
          forgetConversation(queryClient, conversationId);
          navigate("/chats");
        }} />
      ) : null}
    </div>
  );
}

/** Display names of a conversation's members (each a cached profile), for sender names and the typing line. */
function useMemberNames(memberIds: string[], me: string): (userId: string) => string {
  const { t } = useI18n();
  const api = useApi();
  const profiles = useQueries({
    queries: memberIds.slice(0, 100).map((userId) => ({
      queryKey: userKeys.one(userId),
      queryFn: () => unwrap(api.user.GET("/users/{userId}", { params: { path: { userId } } })),
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map(profiles.flatMap((profile) => (profile.data ? [[profile.data.userId, profile.data.displayName] as const] : [])));
  const key = [...names].map(([id, name]) => `${id}=${name}`).join("|");
  // The function changes only when a name does, so memoised messages re-render only then.
  return useMemo(() => (userId: string) => names.get(userId) ?? (userId === me ? t("you") : "…"), [key, me, t]);
}
