import type { Message } from "@wechat/api";
import { memo, useState } from "react";
import { Avatar } from "@/components/avatar";
import { CheckIcon, ClockIcon, DoubleCheckIcon } from "@/components/icons";
import { FileMessage, ImageMessage } from "@/features/media";
import { useI18n } from "@/lib/i18n";
import type { OutgoingMessage } from "@/lib/outbox";
import { formatTime } from "@/lib/time";
import { reactions } from "../api/messages";

export type Delivery = "queued" | "sending" | "failed" | "sent" | "read";

export interface MessageItemProps {
  message: Message | OutgoingMessage;
  mine: boolean;
  senderName: string;
  senderId: string;
  showSender: boolean;
  delivery?: Delivery;
  canRecall: boolean;
  onEdit?: (message: Message) => void;
  onRecall?: (message: Message) => void;
  /** Another person's message: report it to the moderators. */
  onReport?: (message: Message) => void;
  onRetry?: (clientMessageId: string) => void;
  onDiscard?: (clientMessageId: string) => void;
  /** The viewer: whom a mention calls. */
  me?: string;
  nameOf?: (userId: string) => string;
  onReply?: (message: Message) => void;
  onReact?: (message: Message, reaction: string, add: boolean) => void;
  onForward?: (message: Message) => void;
  onDeleteForMe?: (message: Message) => void;
  /** The message a search hit opened the conversation at: highlighted and marked as the current one. */
  focused?: boolean;
}

/** The text with each `@name` marked, so that mentions stand out. */
function MentionText({ text }: { text: string }) {
  const parts = text.split(/(@[^\s@]+)/g);
  return <>{parts.map((part, index) => (part.startsWith("@") && part.length > 1 ? <mark key={index} className="mention">{part}</mark> : part))}</>;
}

/** The quoted message of a reply: who wrote it and its start, or that it is gone. */
function ReplyQuote({ quote, nameOf }: { quote: NonNullable<Message["replyTo"]>; nameOf: (userId: string) => string }) {
  const { t } = useI18n();
  return (
    <blockquote className="reply-quote" aria-label={t("replyTo", { name: nameOf(quote.senderId) })}>
      <span className="reply-quote-sender">{nameOf(quote.senderId)}</span>
      <span className="reply-quote-text">{quote.recalled || quote.removed || quote.preview === null ? t("quoteGone") : quote.preview}</span>
    </blockquote>
  );
}

/** The reactions row (each a toggle of mine) and the picker of the fixed set. */
function Reactions({ message, onReact }: { message: Message; onReact?: (message: Message, reaction: string, add: boolean) => void }) {
  const { t } = useI18n();
  if (message.reactions.length === 0) return null;
  return (
    <div className="reactions" role="group" aria-label={t("react")}>
      {message.reactions.map(({ reaction, count, mine }) => (
        <button key={reaction} type="button" className={mine ? "reaction mine" : "reaction"} aria-pressed={mine}
          aria-label={t("reactionCount", { reaction, count })} disabled={!onReact}
          onClick={() => onReact?.(message, reaction, !mine)}>
          <span aria-hidden="true">{reaction}</span> <span aria-hidden="true">{count}</span>
        </button>
      ))}
    </div>
  );
}

function ReactionPicker({ message, onReact }: { message: Message; onReact: (message: Message, reaction: string, add: boolean) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <span className="reaction-picker">
      <button type="button" className="text-button" aria-expanded={open} onClick={() => setOpen(!open)}>{t("react")}</button>
      {open ? (
        <span className="reaction-choices" role="menu">
          {reactions.map((reaction) => {
            const mine = message.reactions.some((known) => known.reaction === reaction && known.mine);
            return (
              <button key={reaction} type="button" role="menuitem" className="icon-button" aria-label={t("reactWith", { reaction })}
                onClick={() => {
                  setOpen(false);
                  if (!mine) onReact(message, reaction, true);
                }}>{reaction}</button>
            );
          })}
        </span>
      ) : null}
    </span>
  );
}

function isSent(message: Message | OutgoingMessage): message is Message {
  return "messageId" in message;
}

function DeliveryMark({ delivery }: { delivery: Delivery }) {
  const { t } = useI18n();
  const label = { queued: t("queued"), sending: t("sending"), failed: t("failed"), sent: t("sent"), read: t("read") }[delivery];
  const icon = delivery === "read" ? <DoubleCheckIcon width={16} height={16} />
    : delivery === "sent" ? <CheckIcon width={16} height={16} />
    : delivery === "failed" ? <span aria-hidden="true">!</span>
    : <ClockIcon width={14} height={14} />;
  return (
    <span className={`delivery delivery-${delivery}`} title={label}>
      {icon}
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** One message of the timeline: a bubble with its text, image or file, time, edit mark and delivery mark. */
export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  const { message, mine, senderName, senderId, showSender, delivery, canRecall, onEdit, onRecall, onReport, onRetry, onDiscard } = props;
  const { me, nameOf = (id: string) => id, onReply, onReact, onForward, onDeleteForMe, focused } = props;
  const { t, locale } = useI18n();
  // The actions show beside the bubble on hover; in a narrow chat, below it once the bubble is tapped (styles.css).
  const [actionsShown, setActionsShown] = useState(false);
  const sent = isSent(message) ? message : null;
  if (sent?.type === "system") {
    return (
      <li className={focused ? "message-notice message-system message-focused" : "message-notice message-system"}
        data-message-id={sent.messageId} aria-current={focused || undefined}>
        <span>{sent.text}</span>
      </li>
    );
  }
  if (sent?.removed) {
    return (
      <li className="message-notice message-removed" data-message-id={sent.messageId}>
        <span>{t("removedByModerator")}</span>
      </li>
    );
  }
  if (sent?.recalled) {
    return (
      <li className="message-notice">
        <span>{mine ? t("recalledByMe") : t("recalledBy", { name: senderName })}</span>
      </li>
    );
  }
  const mentionsMe = sent !== null && me !== undefined && (sent.mentions.includes(me) || (sent.mentionAll && sent.senderId !== me));
  const body = message.type === "image" && message.mediaId ? <ImageMessage mediaId={message.mediaId} />
    : message.type === "file" && message.mediaId ? <FileMessage mediaId={message.mediaId} />
    : null;
  return (
    <li className={`${mine ? "message mine" : "message theirs"}${focused ? " message-focused" : ""}${actionsShown ? " actions-shown" : ""}`}
      data-message-id={sent?.messageId}
      aria-current={focused || undefined}>
      {!mine ? <Avatar name={senderName} seed={senderId} size={36} /> : null}
      <div className="message-column">
        {showSender ? <span className="sender-name">{senderName}</span> : null}
        <div className="bubble-row">
          <div className={`${body ? "bubble bubble-media" : "bubble"}${mentionsMe ? " mentions-me" : ""}`}
            onClick={sent ? () => setActionsShown((shown) => !shown) : undefined}>
            {sent?.forwarded ? <span className="forwarded-mark">{t("forwarded")}</span> : null}
            {sent?.replyTo ? <ReplyQuote quote={sent.replyTo} nameOf={nameOf} /> : null}
            {body}
            {message.text ? <p className="message-text"><MentionText text={message.text} /></p> : null}
          </div>
          {sent ? (
            <div className="message-actions">
              {onReply ? <button type="button" className="text-button" onClick={() => onReply(sent)}>{t("reply")}</button> : null}
              {onReact ? <ReactionPicker message={sent} onReact={onReact} /> : null}
              {onForward ? <button type="button" className="text-button" onClick={() => onForward(sent)}>{t("forward")}</button> : null}
              {onDeleteForMe ? <button type="button" className="text-button" onClick={() => onDeleteForMe(sent)}>{t("deleteForMe")}</button> : null}
              {mine && sent.type === "text" && onEdit ? (
                <button type="button" className="text-button" onClick={() => onEdit(sent)}>{t("edit")}</button>
              ) : null}
              {mine && canRecall && onRecall ? (
                <button type="button" className="text-button" onClick={() => onRecall(sent)}>{t("recall")}</button>
              ) : null}
              {!mine && onReport ? (
                <button type="button" className="text-button" aria-label={t("reportMessage")} onClick={() => onReport(sent)}>{t("report")}</button>
              ) : null}
            </div>
          ) : null}
        </div>
        {sent ? <Reactions message={sent} onReact={onReact} /> : null}
        <span className="message-meta">
          {sent?.editedAt ? <span className="edited">{t("edited")}</span> : null}
          <time dateTime={message.createdAt}>{formatTime(message.createdAt, locale)}</time>
          {mine && delivery ? <DeliveryMark delivery={delivery} /> : null}
          {delivery === "failed" && !sent ? (
            <>
              <button type="button" className="text-button" onClick={() => onRetry?.(message.clientMessageId)}>{t("retry")}</button>
              <button type="button" className="text-button" onClick={() => onDiscard?.(message.clientMessageId)}>{t("discard")}</button>
            </>
          ) : null}
        </span>
      </div>
    </li>
  );
});
