import type { Message } from "@wechat/api";
import { memo } from "react";
import { Avatar } from "@/components/avatar";
import { CheckIcon, ClockIcon, DoubleCheckIcon } from "@/components/icons";
import { FileMessage, ImageMessage } from "@/features/media";
import { useI18n } from "@/lib/i18n";
import type { OutgoingMessage } from "@/lib/outbox";
import { formatTime } from "@/lib/time";

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
  const { t, locale } = useI18n();
  const sent = isSent(message) ? message : null;
  if (sent?.type === "system") {
    return (
      <li className="message-notice message-system" data-message-id={sent.messageId}>
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
  const body = message.type === "image" && message.mediaId ? <ImageMessage mediaId={message.mediaId} />
    : message.type === "file" && message.mediaId ? <FileMessage mediaId={message.mediaId} />
    : null;
  return (
    <li className={mine ? "message mine" : "message theirs"} data-message-id={sent?.messageId}>
      {!mine ? <Avatar name={senderName} seed={senderId} size={36} /> : null}
      <div className="message-column">
        {showSender ? <span className="sender-name">{senderName}</span> : null}
        <div className="bubble-row">
          <div className={body ? "bubble bubble-media" : "bubble"}>
            {body}
            {message.text ? <p className="message-text">{message.text}</p> : null}
          </div>
          {sent && mine ? (
            <div className="message-actions">
              {sent.type === "text" && onEdit ? (
                <button type="button" className="text-button" onClick={() => onEdit(sent)}>{t("edit")}</button>
              ) : null}
              {canRecall && onRecall ? (
                <button type="button" className="text-button" onClick={() => onRecall(sent)}>{t("recall")}</button>
              ) : null}
            </div>
          ) : null}
          {sent && !mine && onReport ? (
            <div className="message-actions">
              <button type="button" className="text-button" aria-label={t("reportMessage")} onClick={() => onReport(sent)}>{t("report")}</button>
            </div>
          ) : null}
        </div>
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
