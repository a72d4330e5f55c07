import type { Message } from "@wechat/api";
import { useQuery } from "@tanstack/react-query";
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { ReportDialog } from "@/features/reports";
import { useI18n } from "@/lib/i18n";
import { useMessaging, useOutbox } from "@/lib/messaging";
import type { OutgoingMessage } from "@/lib/outbox";
import { dayKey, formatDay } from "@/lib/time";
import { timeline } from "../api/cache";
import { messageKeys, recallWindowMs, useDeleteForMe, useHistory, useReact, useRecallMessage, type Receipts } from "../api/messages";
import { dismissUpload, useUploads } from "../api/uploads";
import { ForwardDialog } from "./forward-dialog";
import { MessageItem, type Delivery } from "./message-item";

export interface TimelineProps {
  conversationId: string;
  isGroup: boolean;
  nameOf: (userId: string) => string;
  onEdit: (message: Message) => void;
  /** Called with the newest message from someone else while the timeline is on screen. */
  onSeen: (message: Message) => void;
  onReply: (message: Message) => void;
  /** A message to show (a search hit): older pages load until it is there, then it is scrolled to and highlighted. */
  focusMessageId?: string | null;
}

const nearBottomPx = 120;

/** Re-renders every 15 s, so that Recall buttons disappear when the window closes. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The messages of a conversation, oldest at the top: older pages load as the person scrolls up (keeping what they
 * look at in place), new messages keep the view at the bottom when it was there, and messages not yet sent
 * (offline, uploading) follow the sent ones.
 */
export function Timeline({ conversationId, isGroup, nameOf, onEdit, onSeen, onReply, focusMessageId }: TimelineProps) {
  const { t, locale } = useI18n();
  const { userId: me, outbox } = useMessaging();
  const history = useHistory(conversationId);
  const receipts = useQuery<Receipts>({ queryKey: messageKeys.receipts(conversationId), queryFn: () => ({}), staleTime: Infinity }).data ?? {};
  const recall = useRecallMessage(conversationId);
  const outgoing = useOutbox();
  const uploads = useUploads(conversationId);
  const now = useNow(15_000);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);

  const messages = useMemo(() => timeline(history.data), [history.data]);
  const sentIds = useMemo(() => new Set(messages.map((message) => message.clientMessageId)), [messages]);
  const pending = outgoing.filter((message) => message.conversationId === conversationId && !sentIds.has(message.clientMessageId));
  const readUpTo = Math.max(0, ...Object.entries(receipts).filter(([userId]) => userId !== me).map(([, seq]) => seq));

  const loadOlder = useCallback(() => {
    if (!history.hasNextPage || history.isFetchingNextPage || !scroller.current) return;
    heightBeforeOlder.current = scroller.current.scrollHeight;
    void history.fetchNextPage();
  }, [history]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (heightBeforeOlder.current !== null && !history.isFetchingNextPage) {
      element.scrollTop += element.scrollHeight - heightBeforeOlder.current;
      heightBeforeOlder.current = null;
    } else if (stickToBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
    // A first page shorter than the view cannot be scrolled: load older ones until it can.
    if (element.scrollHeight <= element.clientHeight && history.hasNextPage && !history.isFetchingNextPage) loadOlder();
  }, [messages, pending.length, uploads.length, history.isFetchingNextPage, history.hasNextPage, loadOlder]);

  // The message to show (a search hit): older pages load until it is among them (or the history has no more), then
  // it is scrolled to and highlighted, once per conversation opened at it.
  const [focused, setFocused] = useState<string | null>(null);
  const focusHandled = useRef<string | null>(null);
  const { isSuccess: historyLoaded, hasNextPage, isFetchingNextPage, fetchNextPage } = history;
  useEffect(() => {
    focusHandled.current = null;
    setFocused(null);
  }, [conversationId]);
  useEffect(() => {
    if (!focusMessageId || focusHandled.current === focusMessageId || !historyLoaded) return;
    if (messages.some((message) => message.messageId === focusMessageId)) {
      focusHandled.current = focusMessageId;
      stickToBottom.current = false;
      setFocused(focusMessageId);
    } else if (!hasNextPage) {
      focusHandled.current = focusMessageId;
    } else if (!isFetchingNextPage) {
      void fetchNextPage();
    }
  }, [focusMessageId, messages, historyLoaded, hasNextPage, isFetchingNextPage, fetchNextPage]);
  useLayoutEffect(() => {
    if (!focused) return;
    scroller.current?.querySelector(`[data-message-id="${CSS.escape(focused)}"]`)?.scrollIntoView({ block: "center" });
  }, [focused]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < nearBottomPx;
    if (element.scrollTop < 80) loadOlder();
  };

  const newestFromOthers = [...messages].reverse().find((message) => message.senderId !== me);
  useEffect(() => {
    if (!newestFromOthers) return;
    const report = () => document.visibilityState === "visible" && onSeen(newestFromOthers);
    report();
    document.addEventListener("visibilitychange", report);
    return () => document.removeEventListener("visibilitychange", report);
  }, [newestFromOthers, onSeen]);

  const deliveryOf = (message: Message): Delivery => (message.seq <= readUpTo ? "read" : "sent");
  const onRecall = useCallback((message: Message) => recall.mutate(message.messageId), [recall]);
  const [reporting, setReporting] = useState<Message | null>(null);
  const [forwarding, setForwarding] = useState<Message | null>(null);
  const react = useReact(conversationId);
  const deleteForMe = useDeleteForMe(conversationId);
  const onReact = useCallback((message: Message, reaction: string, add: boolean) =>
    react.mutate({ messageId: message.messageId, reaction, add }), [react]);
  const onDeleteForMe = useCallback((message: Message) => deleteForMe.mutate(message.messageId), [deleteForMe]);
  const onRetry = useCallback((id: string) => outbox.retry(id), [outbox]);
  const onDiscard = useCallback((id: string) => outbox.discard(id), [outbox]);

  let previousDay = "";
  let previousSender = "";
  const dayLine = (createdAt: string) => {
    const day = dayKey(createdAt);
    if (day === previousDay) return null;
    previousDay = day;
    previousSender = "";
    const label = formatDay(createdAt, locale, { today: t("today"), yesterday: t("yesterday") });
    return <li role="separator" className="day-separator" aria-label={label}><span>{label}</span></li>;
  };

  return (
    <div className="timeline" ref={scroller} onScroll={onScroll} role="log" aria-label={t("messages")} aria-busy={history.isLoading}>
      <ol className="timeline-list" aria-label={t("messages")}>
        {history.hasNextPage || history.isFetchingNextPage ? (
          <li role="presentation" className="timeline-status">{t("loadingOlder")}</li>
        ) : history.isSuccess ? (
          <li role="presentation" className="timeline-status">{t("beginning")}</li>
        ) : null}
        {messages.map((message) => {
          const separator = dayLine(message.createdAt);
          const showSender = isGroup && message.senderId !== me && previousSender !== message.senderId;
          previousSender = message.senderId;
          const mine = message.senderId === me;
          return (
            <Fragment key={message.messageId}>
              {separator}
              <MessageItem
                message={message}
                mine={mine}
                senderId={message.senderId}
                senderName={nameOf(message.senderId)}
                showSender={showSender}
                delivery={mine ? deliveryOf(message) : undefined}
                canRecall={mine && now - Date.parse(message.createdAt) < recallWindowMs}
                onEdit={mine ? onEdit : undefined}
                onRecall={mine ? onRecall : undefined}
                onReport={mine ? undefined : setReporting}
                me={me}
                nameOf={nameOf}
                onReply={onReply}
                onReact={onReact}
                onForward={setForwarding}
                onDeleteForMe={onDeleteForMe}
                focused={message.messageId === focused}
              />
            </Fragment>
          );
        })}
        {pending.map((message: OutgoingMessage) => (
          <Fragment key={message.clientMessageId}>
            {dayLine(message.createdAt)}
            <MessageItem
              message={message}
              mine
              senderId={me}
              senderName={nameOf(me)}
              showSender={false}
              delivery={message.status}
              canRecall={false}
              onRetry={onRetry}
              onDiscard={onDiscard}
            />
          </Fragment>
        ))}
        {uploads.map((upload) => (
          <li key={upload.clientMessageId} className="message mine">
            <div className="message-column">
              <div className="bubble bubble-media upload">
                {upload.previewUrl ? <img src={upload.previewUrl} alt="" className="upload-preview" /> : <span className="upload-name">{upload.fileName}</span>}
                {upload.errorCode ? (
                  <span className="upload-error" role="alert">
                    {t("uploadFailed", { name: upload.fileName })}
                    <button type="button" className="text-button" onClick={() => dismissUpload(upload.clientMessageId)}>{t("discard")}</button>
                  </span>
                ) : (
                  <progress max={1} value={upload.progress} aria-label={t("uploading", { name: upload.fileName })} />
                )}
              </div>
            </div>
          </li>
        ))}
      </ol>
      {forwarding ? <ForwardDialog message={forwarding} onClose={() => setForwarding(null)} /> : null}
      {reporting ? (
        <ReportDialog title={t("reportMessageTitle")} quote={reporting.text} onClose={() => setReporting(null)}
          target={{ conversationId, messageId: reporting.messageId }} />
      ) : null}
    </div>
  );
}
