import type { Conversation, PublicProfile } from "@wechat/api";
import { useState, type FormEvent } from "react";
import { Avatar } from "@/components/avatar";
import { Dialog } from "@/components/dialog";
import { ReportDialog } from "@/features/reports";
import { useUser } from "@/features/users";
import { useT } from "@/lib/i18n";
import { useAddMembers, useMute, useRemoveMember, useRename, useSetMuted } from "../api/conversations";
import { PeoplePicker } from "./new-chat-dialog";

function MemberRow({ userId, role, canRemove, onRemove, onReport }: {
  userId: string;
  role: string;
  canRemove: boolean;
  onRemove: () => void;
  onReport?: (name: string) => void;
}) {
  const t = useT();
  const user = useUser(userId).data;
  const name = user?.displayName ?? "…";
  return (
    <li className="member-row">
      <Avatar name={name} seed={userId} size={32} />
      <span className="person-names">
        <span className="person-name">{name}</span>
        {user ? <span className="person-username">@{user.username}</span> : null}
      </span>
      {role === "admin" ? <span className="tag">{t("admin")}</span> : null}
      {canRemove ? <button type="button" className="text-button danger" onClick={onRemove} aria-label={`${t("removeMember")} ${name}`}>{t("removeMember")}</button> : null}
      {onReport ? <button type="button" className="text-button" onClick={() => onReport(name)} aria-label={t("reportPerson", { name })}>{t("report")}</button> : null}
    </li>
  );
}

/** Chat info: mute, and for a group its name, members (add, remove) and leaving it. */
export function ConversationInfo({ conversation, me, onClose, onLeft }: {
  conversation: Conversation;
  me: string;
  onClose: () => void;
  onLeft: () => void;
}) {
  const t = useT();
  const id = conversation.conversationId;
  const muted = useMute(id).data?.muted ?? false;
  const setMuted = useSetMuted(id);
  const remove = useRemoveMember(id);
  const add = useAddMembers(id);
  const rename = useRename(id);
  const [title, setTitle] = useState(conversation.title ?? "");
  const [adding, setAdding] = useState(false);
  const isGroup = conversation.type === "group";
  const admin = conversation.myRole === "admin";
  const memberIds = new Set((conversation.members ?? []).map((member) => member.userId));
  const [reporting, setReporting] = useState<{ userId: string; name: string } | null>(null);
  const reportMember = (userId: string) => (name: string) => setReporting({ userId, name });

  const submitTitle = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() && title.trim() !== conversation.title) rename.mutate(title.trim());
  };
  const addPerson = (person: PublicProfile) => add.mutate([person.userId], { onSuccess: () => setAdding(false) });

  if (reporting) {
    return (
      <ReportDialog title={t("reportPersonTitle", { name: reporting.name })} onClose={() => setReporting(null)}
        target={{ conversationId: id, userId: reporting.userId }} />
    );
  }
  return (
    <Dialog title={t("details")} onClose={onClose} closeLabel={t("close")}>
      <div className="info-section">
        <button type="button" className="secondary-button" onClick={() => setMuted.mutate(!muted)} aria-pressed={muted} disabled={setMuted.isPending}>
          {muted ? t("unmute") : t("mute")}
        </button>
      </div>
      {!isGroup ? (
        <ul className="info-section member-list">
          {(conversation.members ?? []).filter((member) => member.userId !== me).map((member) => (
            <MemberRow key={member.userId} userId={member.userId} role={member.role} canRemove={false} onRemove={() => undefined}
              onReport={reportMember(member.userId)} />
          ))}
        </ul>
      ) : null}
      {isGroup ? (
        <>
          <form className="info-section inline-form" onSubmit={submitTitle}>
            <label className="field">
              <span>{t("groupName")}</span>
              <input value={title} maxLength={100} onChange={(event) => setTitle(event.target.value)} />
            </label>
            <button type="submit" className="secondary-button" disabled={rename.isPending}>{t("rename")}</button>
          </form>
          <section className="info-section">
            <h3>{t("members", { count: conversation.memberCount })}</h3>
            <ul className="member-list">
              {(conversation.members ?? []).map((member) => (
                <MemberRow key={member.userId} userId={member.userId} role={member.role}
                  canRemove={admin && member.userId !== me} onRemove={() => remove.mutate(member.userId)}
                  onReport={member.userId !== me ? reportMember(member.userId) : undefined} />
              ))}
            </ul>
            {admin ? (
              adding ? <PeoplePicker onPick={addPerson} selectedIds={new Set()} excludeIds={memberIds} />
                : <button type="button" className="secondary-button" onClick={() => setAdding(true)}>{t("addMembers")}</button>
            ) : null}
          </section>
          <div className="info-section">
            <button type="button" className="danger-button" onClick={() => remove.mutate(me, { onSuccess: onLeft })}>{t("leaveGroup")}</button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
