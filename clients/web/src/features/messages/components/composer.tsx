import type { Message } from "@wechat/api";
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from "react";
import { CloseIcon, FileIcon, ImageIcon, SendIcon } from "@/components/icons";
import { useApi, useServices } from "@/lib/services";
import { useT } from "@/lib/i18n";
import { readDraft, writeDraft } from "@/lib/drafts";
import { useMessaging } from "@/lib/messaging";
import { newClientMessageId } from "@/lib/outbox";
import { useEditMessage } from "../api/messages";
import { sendFile } from "../api/uploads";

const typingEveryMs = 3_000;

export interface ComposerProps {
  conversationId: string;
  editing: Message | null;
  onEditDone: () => void;
  replyingTo?: Message | null;
  onReplyDone?: () => void;
  nameOf?: (userId: string) => string;
  /** A group's other members, whom `@` offers to mention; none in a direct chat. */
  mentionable?: string[];
  /** The owner and admins may mention everyone. */
  canMentionAll?: boolean;
}

/** The `@word` being typed at the end of the text, if any. */
function mentionQuery(text: string): string | null {
  const match = /(?:^|\s)@([^\s@]*)$/.exec(text);
  return match ? match[1]! : null;
}

/**
 * Writes messages: Enter sends, Shift+Enter starts a new line, Esc leaves editing; the draft of each conversation
 * is kept until sent. Sending goes through the outbox, so it works offline too. Also attaches images and files.
 */
export function Composer(props: ComposerProps) {
  const { conversationId, editing, onEditDone, replyingTo = null, onReplyDone, nameOf = (id: string) => id } = props;
  const { mentionable = [], canMentionAll = false } = props;
  const t = useT();
  const api = useApi();
  const { storage } = useServices();
  const { connection, outbox } = useMessaging();
  const edit = useEditMessage(conversationId);
  const [text, setText] = useState(() => readDraft(storage, conversationId));
  const lastTyping = useRef(0);
  const lastInput = useRef(0);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const input = useRef<HTMLTextAreaElement>(null);
  const imagePicker = useRef<HTMLInputElement>(null);
  const filePicker = useRef<HTMLInputElement>(null);
  const [mentioned, setMentioned] = useState<Map<string, string>>(new Map());
  const query = editing ? null : mentionQuery(text);
  const candidates = query === null ? [] : mentionable.filter((userId) => nameOf(userId).toLowerCase().includes(query.toLowerCase()));
  const everyone = t("mentionEveryone");

  const mention = (userId: string | null) => {
    const name = userId === null ? everyone : nameOf(userId);
    setText(text.replace(/@([^\s@]*)$/, `@${name} `));
    if (userId !== null) setMentioned(new Map(mentioned).set(userId, name));
    else setMentioned(new Map(mentioned).set("*", name));
    input.current?.focus();
  };

  useEffect(() => {
    setText(readDraft(storage, conversationId));
    input.current?.focus();
  }, [conversationId, storage]);

  useEffect(() => {
    if (editing) {
      setText(editing.text ?? "");
      input.current?.focus();
    }
  }, [editing]);

  useEffect(() => () => clearTimeout(typingTimer.current), [conversationId]);

  const sendTyping = () => {
    if (connection.send({ action: "typing", conversationId })) lastTyping.current = Date.now();
  };

  /**
   * At most one `typing` frame per 3 s, as the server drops more; a keystroke inside the window schedules one for
   * its end (while the person is still typing), so a burst right after a send is not lost.
   */
  const noteTyping = (value: string) => {
    lastInput.current = Date.now();
    if (!value) return;
    const wait = lastTyping.current + typingEveryMs - lastInput.current;
    if (wait <= 0) {
      sendTyping();
    } else if (typingTimer.current === undefined) {
      typingTimer.current = setTimeout(() => {
        typingTimer.current = undefined;
        if (input.current?.value && Date.now() - lastInput.current < typingEveryMs) sendTyping();
      }, wait + 100);
    }
  };

  const change = (value: string) => {
    setText(value);
    if (!editing) {
      writeDraft(storage, conversationId, value);
    }
    noteTyping(value);
  };

  const cancelEdit = () => {
    onEditDone();
    setText(readDraft(storage, conversationId));
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (!body) return;
    if (editing) {
      if (body !== editing.text) edit.mutate({ messageId: editing.messageId, text: body });
      cancelEdit();
      return;
    }
    // A mention counts while its @name is still in the text.
    const still = [...mentioned].filter(([, name]) => body.includes(`@${name}`)).map(([userId]) => userId);
    outbox.enqueue({
      clientMessageId: newClientMessageId(), conversationId, type: "text", text: body, replyTo: replyingTo?.messageId,
      mentions: still.filter((userId) => userId !== "*"), mentionAll: still.includes("*"),
    });
    setMentioned(new Map());
    onReplyDone?.();
    setText("");
    writeDraft(storage, conversationId, "");
    clearTimeout(typingTimer.current);
    typingTimer.current = undefined;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape" && editing) {
      event.preventDefault();
      cancelEdit();
    } else if (event.key === "Escape" && replyingTo) {
      event.preventDefault();
      onReplyDone?.();
    }
  };

  const picked = (kind: "image" | "file") => (event: ChangeEvent<HTMLInputElement>) => {
    for (const file of Array.from(event.target.files ?? [])) void sendFile(api, outbox, conversationId, file, kind);
    event.target.value = "";
  };

  return (
    <form className="composer" onSubmit={submit}>
      {editing ? (
        <div className="editing-bar">
          <span>{t("editing")}</span>
          <button type="button" className="icon-button" onClick={cancelEdit} aria-label={t("cancel")}><CloseIcon width={18} height={18} /></button>
        </div>
      ) : null}
      {replyingTo && !editing ? (
        <div className="editing-bar reply-bar">
          <span>{t("replyingTo", { name: nameOf(replyingTo.senderId) })}: {replyingTo.text ?? `[${replyingTo.type}]`}</span>
          <button type="button" className="icon-button" onClick={onReplyDone} aria-label={t("cancel")}><CloseIcon width={18} height={18} /></button>
        </div>
      ) : null}
      {query !== null && (candidates.length > 0 || canMentionAll) ? (
        <ul className="mention-picker" role="listbox" aria-label={t("mentionPicker")}>
          {canMentionAll ? (
            <li role="option" aria-selected="false"><button type="button" className="list-button" onClick={() => mention(null)}>@{everyone}</button></li>
          ) : null}
          {candidates.map((userId) => (
            <li key={userId} role="option" aria-selected="false">
              <button type="button" className="list-button" onClick={() => mention(userId)}>@{nameOf(userId)}</button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="composer-tools">
        <button type="button" className="icon-button" onClick={() => imagePicker.current?.click()} aria-label={t("attachImage")} title={t("attachImage")}>
          <ImageIcon />
        </button>
        <button type="button" className="icon-button" onClick={() => filePicker.current?.click()} aria-label={t("attachFile")} title={t("attachFile")}>
          <FileIcon />
        </button>
        <input ref={imagePicker} type="file" accept="image/jpeg,image/png,image/gif,image/webp" multiple hidden onChange={picked("image")} data-testid="image-input" />
        <input ref={filePicker} type="file" hidden onChange={picked("file")} data-testid="file-input" />
      </div>
      <div className="composer-row">
        <textarea
          ref={input}
          className="composer-input"
          aria-label={t("message")}
          rows={1}
          maxLength={4000}
          value={text}
          onChange={(event) => change(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="send-button" disabled={!text.trim()} aria-label={t("send")}>
          <SendIcon width={18} height={18} />
          <span>{t("send")}</span>
        </button>
      </div>
    </form>
  );
}
