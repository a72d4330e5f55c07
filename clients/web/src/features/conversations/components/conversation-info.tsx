import type { Conversation, PublicProfile } from "@wechat/api";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { Avatar } from "@/components/avatar";
import { Dialog } from "@/components/dialog";
import { uploadMedia } from "@/features/media";
import { ReportDialog } from "@/features/reports";
import { useUser } from "@/features/users";
import { useT } from "@/lib/i18n";
import { useApi } from "@/lib/services";
import {
  useAddMembers, useChangeRole, useConversationSettings, useMute, useRemoveMember, useRename, useSetAnnouncement, useSetAvatar,
  useSetMuted, useTransferOwnership,
} from "../api/conversations";
import { ConversationAvatar } from "./conversation-avatar";
import { useConversationTitle } from "./conversation-title";
import { PeoplePicker } from "./new-chat-dialog";

function MemberRow({ userId, role, canRemove, onRemove, onReport, ownerActions }: {
  userId: string;
  role: string;
  canRemove: boolean;
  onRemove: () => void;
  onReport?: (name: string) => void;
  /** The owner's view of another member: make or unmake an admin, hand the group over. */
  ownerActions?: { onRole: (role: "admin" | "member") => void; onOwner: () => void };
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
      {role === "owner" ? <span className="tag">{t("owner")}</span> : role === "admin" ? <span className="tag">{t("admin")}</span> : null}
      {ownerActions ? (
        <>
          <button type="button" className="text-button" aria-label={`${role === "admin" ? t("removeAdmin") : t("makeAdmin")} ${name}`}
            onClick={() => ownerActions.onRole(role === "admin" ? "member" : "admin")}>
            {role === "admin" ? t("removeAdmin") : t("makeAdmin")}
          </button>
          <button type="button" className="text-button" aria-label={`${t("makeOwner")} ${name}`} onClick={ownerActions.onOwner}>
            {t("makeOwner")}
          </button>
        </>
      ) : null}
      {canRemove ? <button type="button" className="text-button danger" onClick={onRemove} aria-label={`${t("removeMember")} ${name}`}>{t("removeMember")}</button> : null}
      {onReport ? <button type="button" className="text-button" onClick={() => onReport(name)} aria-label={t("reportPerson", { name })}>{t("report")}</button> : null}
    </li>
  );
}

/**
 * The group's photo; the owner and admins change it: uploaded for the group (so its members may read it), then set
 * with {@code PATCH /conversations/{id}}, which tells the members in a system line.
 */
function GroupPhoto({ conversation, manages }: { conversation: Conversation; manages: boolean }) {
  const t = useT();
  const api = useApi();
  const title = useConversationTitle(conversation);
  const setAvatar = useSetAvatar(conversation.conversationId);
  const [progress, setProgress] = useState<number | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadMedia(api, file, conversation.conversationId, setProgress),
    onSuccess: (media) => setAvatar.mutate(media.mediaId),
    onSettled: () => setProgress(null),
  });
  const picked = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) upload.mutate(file);
    event.target.value = "";
  };
  return (
    <div className="info-section profile-photo">
      <ConversationAvatar conversation={conversation} title={title} size={72} label={conversation.avatarMediaId ? t("groupPhoto") : undefined} />
      {manages ? (
        <>
          <button type="button" className="secondary-button" onClick={() => picker.current?.click()}
            disabled={upload.isPending || setAvatar.isPending}>{t("changeGroupPhoto")}</button>
          <input ref={picker} type="file" accept="image/jpeg,image/png,image/gif,image/webp" hidden onChange={picked} />
          {progress !== null ? <progress max={1} value={progress} aria-label={t("uploading", { name: t("groupPhoto") })} /> : null}
          {upload.isError || setAvatar.isError ? <p className="form-error" role="alert">{t("somethingWrong")}</p> : null}
        </>
      ) : null}
    </div>
  );
}

/**
 * Chat info: mute, pin, archive, and for a group its name and announcement (the owner and admins change them), its
 * members with their roles (the owner and admins add and remove; the owner names admins and hands the group over)
 * and leaving it.
 */
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
  const setAnnouncement = useSetAnnouncement(id);
  const changeRole = useChangeRole(id);
  const transfer = useTransferOwnership(id);
  const settings = useConversationSettings(id);
  const [title, setTitle] = useState(conversation.title ?? "");
  const [announcement, setAnnouncementText] = useState(conversation.announcement ?? "");
  const [adding, setAdding] = useState(false);
  const isGroup = conversation.type === "group";
  const owner = conversation.myRole === "owner";
  const manages = owner || conversation.myRole === "admin";
  const memberIds = new Set((conversation.members ?? []).map((member) => member.userId));
  const [reporting, setReporting] = useState<{ userId: string; name: string } | null>(null);
  const reportMember = (userId: string) => (name: string) => setReporting({ userId, name });

  const submitTitle = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() && title.trim() !== conversation.title) rename.mutate(title.trim());
  };
  const submitAnnouncement = (event: FormEvent) => {
    event.preventDefault();
    if (announcement.trim() !== (conversation.announcement ?? "")) setAnnouncement.mutate(announcement.trim());
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
        <button type="button" className="secondary-button" disabled={setMuted.isPending} aria-pressed={muted}
          onClick={() => setMuted.mutate(!muted, { onSuccess: () => settings.mutate({ muted: !muted }) })}>
          {muted ? t("unmute") : t("mute")}
        </button>
        <button type="button" className="secondary-button" aria-pressed={conversation.pinned} disabled={settings.isPending}
          onClick={() => settings.mutate({ pinned: !conversation.pinned })}>
          {conversation.pinned ? t("unpin") : t("pin")}
        </button>
        <button type="button" className="secondary-button" aria-pressed={conversation.archived} disabled={settings.isPending}
          onClick={() => settings.mutate({ archived: !conversation.archived })}>
          {conversation.archived ? t("unarchive") : t("archive")}
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
          <GroupPhoto conversation={conversation} manages={manages} />
          {manages ? (
            <>
              <form className="info-section inline-form" onSubmit={submitTitle}>
                <label className="field">
                  <span>{t("groupName")}</span>
                  <input value={title} maxLength={100} onChange={(event) => setTitle(event.target.value)} />
                </label>
                <button type="submit" className="secondary-button" disabled={rename.isPending}>{t("rename")}</button>
              </form>
              <form className="info-section inline-form" onSubmit={submitAnnouncement}>
                <label className="field">
                  <span>{t("announcement")}</span>
                  <textarea value={announcement} maxLength={2000} rows={2} onChange={(event) => setAnnouncementText(event.target.value)} />
                </label>
                <button type="submit" className="secondary-button" disabled={setAnnouncement.isPending}>{t("saveAnnouncement")}</button>
              </form>
            </>
          ) : (
            <section className="info-section">
              <h3>{t("announcement")}</h3>
              <p className="announcement">{conversation.announcement || t("noAnnouncement")}</p>
            </section>
          )}
          <section className="info-section">
            <h3>{t("members", { count: conversation.memberCount })}</h3>
            <ul className="member-list">
              {(conversation.members ?? []).map((member) => (
                <MemberRow key={member.userId} userId={member.userId} role={member.role}
                  canRemove={manages && member.userId !== me && member.role !== "owner" && (owner || member.role !== "admin")}
                  onRemove={() => remove.mutate(member.userId)}
                  onReport={member.userId !== me ? reportMember(member.userId) : undefined}
                  ownerActions={owner && member.userId !== me ? {
                    onRole: (role) => changeRole.mutate({ userId: member.userId, role }),
                    onOwner: () => transfer.mutate(member.userId),
                  } : undefined} />
              ))}
            </ul>
            {manages ? (
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
