import { unwrap, type ServerFrame } from "@wechat/api";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { registerWebDevice } from "@/features/auth";
import { applyMessageToList, conversationKeys, forgetConversation, markRecalledInList, setUnread } from "@/features/conversations";
import { catchUpAll, noteTyping, stopTyping, storeHidden, storeMessages, storeReaction, storeReceipt, storeRecall, storeRemoval } from "@/features/messages";
import { MessagingContext, type Messaging } from "@/lib/messaging";
import { Outbox } from "@/lib/outbox";
import { RealtimeConnection, type ConnectionStatus } from "@/lib/realtime";
import { useServices, type Services } from "@/lib/services";

/** The conversation on screen, so that its new messages do not count as unread. */
export const activeConversation = { id: null as string | null };

function isReading(conversationId: string): boolean {
  return activeConversation.id === conversationId && document.visibilityState === "visible";
}

/** Puts what the server pushes into the query cache, where history pages and the list read it from. */
export function applyFrame(queryClient: QueryClient, outbox: Outbox, me: string, frame: ServerFrame): void {
  switch (frame.type) {
    case "message.new": {
      const { message } = frame;
      storeMessages(queryClient, frame.conversationId, [message]);
      if (message.senderId === me) outbox.confirm(message.clientMessageId);
      stopTyping(frame.conversationId, message.senderId);
      if (!applyMessageToList(queryClient, message, { me, reading: isReading(frame.conversationId), isNew: true })) {
        void queryClient.invalidateQueries({ queryKey: conversationKeys.list });
      }
      return;
    }
    case "message.edited":
      storeMessages(queryClient, frame.conversationId, [frame.message]);
      applyMessageToList(queryClient, frame.message, { me, reading: true, isNew: false });
      return;
    case "message.recalled":
      storeRecall(queryClient, frame.conversationId, frame.messageId);
      markRecalledInList(queryClient, frame.conversationId, frame.messageId);
      return;
    case "message.removed":
      storeRemoval(queryClient, frame.conversationId, frame.messageId);
      // The list's preview of a removed last message comes from the server.
      void queryClient.invalidateQueries({ queryKey: conversationKeys.list });
      return;
    case "reaction.updated":
      storeReaction(queryClient, me, frame);
      return;
    case "message.hidden":
      storeHidden(queryClient, frame.conversationId, frame.messageId);
      // The list's unread count may have counted it.
      void queryClient.invalidateQueries({ queryKey: conversationKeys.list });
      return;
    case "receipt.read":
      if (frame.userId === me) setUnread(queryClient, frame.conversationId, 0);
      else storeReceipt(queryClient, frame.conversationId, frame.userId, frame.seq);
      return;
    case "typing":
      if (frame.userId !== me) noteTyping(frame.conversationId, frame.userId);
      return;
    case "conversation.updated":
      if (frame.change === "member_removed" && frame.userId === me) {
        forgetConversation(queryClient, frame.conversationId);
        return;
      }
      if (frame.message) storeMessages(queryClient, frame.conversationId, [frame.message]);
      void queryClient.invalidateQueries({ queryKey: conversationKeys.list });
      void queryClient.invalidateQueries({ queryKey: conversationKeys.one(frame.conversationId) });
      return;
    default:
      return;
  }
}

/** Creates the signed-in user's WebSocket connection and outbox, and wires them to the cache. */
export function createMessaging(services: Services, queryClient: QueryClient, userId: string, onStatus: (status: ConnectionStatus) => void) {
  const { api, session, storage } = services;
  let connection: RealtimeConnection | null = null;
  const outbox = new Outbox({
    storage,
    storageKey: `wechat.outbox.${userId}`,
    isOnline: () => connection?.getStatus() === "online",
    send: (message) => unwrap(api.chat.POST("/conversations/{id}/messages", {
      params: { path: { id: message.conversationId } },
      body: {
        clientMessageId: message.clientMessageId, type: message.type, text: message.text, mediaId: message.mediaId,
        replyTo: message.replyTo, mentions: message.mentions, mentionAll: message.mentionAll,
      },
    })),
    onSent: (_, sent) => {
      storeMessages(queryClient, sent.conversationId, [sent]);
      applyMessageToList(queryClient, sent, { me: userId, reading: true, isNew: true });
    },
  });
  connection = new RealtimeConnection({
    url: services.socketUrl,
    getToken: () => session.getAccessToken(),
    createSocket: services.createSocket,
    onFrame: (frame) => {
      // The server ends the session (logout elsewhere, or the account was disabled) and closes the socket next.
      if (frame.type === "session.ended") session.signOut(frame.reason === "account_disabled" ? "disabled" : "revoked");
      else applyFrame(queryClient, outbox, userId, frame);
    },
    // A close the server chose may be a session that ended without its frame reaching us: a refresh tells, and
    // signs out when the refresh token was revoked.
    onClosedByServer: () => void session.refresh(),
    onStatus,
    onOpen: (reconnect) => {
      void outbox.flush();
      if (reconnect) {
        void catchUpAll(queryClient, api);
        void queryClient.invalidateQueries({ queryKey: conversationKeys.list });
      }
    },
  });
  return { connection, outbox };
}

export function MessagingProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const services = useServices();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const statusRef = useRef(setStatus);
  const { connection, outbox } = useMemo(
    () => createMessaging(services, queryClient, userId, (next) => statusRef.current(next)),
    [services, queryClient, userId],
  );

  useEffect(() => {
    connection.start();
    const wake = () => connection.reconnectNow();
    const shown = () => document.visibilityState === "visible" && connection.reconnectNow();
    window.addEventListener("online", wake);
    document.addEventListener("visibilitychange", shown);
    return () => {
      window.removeEventListener("online", wake);
      document.removeEventListener("visibilitychange", shown);
      connection.stop();
    };
  }, [connection]);

  useEffect(() => {
    registerWebDevice(services).catch(() => undefined);
  }, [services, userId]);

  const value = useMemo<Messaging>(() => ({ userId, connection, outbox, status }), [userId, connection, outbox, status]);
  return <MessagingContext.Provider value={value}>{children}</MessagingContext.Provider>;
}
