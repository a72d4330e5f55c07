import type { Conversation, Message } from "@wechat/api";
import { Dialog } from "@/components/dialog";
import { useConversations, useConversationTitle } from "@/features/conversations";
import { useT } from "@/lib/i18n";
import { useForward } from "../api/messages";

function ForwardTarget({ conversation, onPick, disabled }: { conversation: Conversation; onPick: (id: string) => void; disabled: boolean }) {
  const t = useT();
  const title = useConversationTitle(conversation);
  return (
    <li>
      <button type="button" className="list-button" disabled={disabled} aria-label={t("forwardTo", { name: title })}
        onClick={() => onPick(conversation.conversationId)}>{title}</button>
    </li>
  );
}

/** Picks the conversation a message goes to; the copy says it was forwarded. */
export function ForwardDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const t = useT();
  const conversations = useConversations();
  const forward = useForward(message.conversationId);
  const targets = (conversations.data ?? []).filter((conversation) => conversation.conversationId !== message.conversationId);
  return (
    <Dialog title={t("forwardTitle")} onClose={onClose} closeLabel={t("cancel")}>
      <ul className="forward-targets">
        {targets.map((conversation) => (
          <ForwardTarget key={conversation.conversationId} conversation={conversation} disabled={forward.isPending}
            onPick={(to) => forward.mutate({ messageId: message.messageId, to }, { onSuccess: onClose })} />
        ))}
      </ul>
      {forward.isError ? <p role="alert">{t("somethingWrong")}</p> : null}
    </Dialog>
  );
}
