import { ApiError, type PublicProfile } from "@wechat/api";
import { useState, type FormEvent } from "react";
import { Avatar } from "@/components/avatar";
import { Dialog } from "@/components/dialog";
import { CloseIcon } from "@/components/icons";
import { useContacts } from "@/features/contacts";
import { useMe, useUserSearch } from "@/features/users";
import { useT } from "@/lib/i18n";
import { useCreateConversation } from "../api/conversations";

export interface PeoplePickerProps {
  /** Picked people; a person is toggled by clicking their result. */
  onPick: (person: PublicProfile) => void;
  selectedIds: ReadonlySet<string>;
  excludeIds?: ReadonlySet<string>;
}

/**
 * The "Search people" box and its results, one button per person (display name and username); before anything is
 * typed, the caller's contacts.
 */
export function PeoplePicker({ onPick, selectedIds, excludeIds }: PeoplePickerProps) {
  const t = useT();
  const [text, setText] = useState("");
  const me = useMe().data;
  const searching = text.trim().length > 0;
  const search = useUserSearch(text);
  const contacts = useContacts();
  const people = ((searching ? search.data?.items : contacts.data) ?? [])
    .filter((person) => person.userId !== me?.userId && !excludeIds?.has(person.userId));
  return (
    <div className="people-picker">
      <input type="search" className="search-input" aria-label={t("searchPeople")} placeholder={t("searchHint")}
        value={text} onChange={(event) => setText(event.target.value)} autoComplete="off" />
      {searching || people.length > 0 ? (
        <ul className="people-results" aria-label={searching ? t("searchPeople") : t("contacts")}>
          {people.map((person) => (
            <li key={person.userId}>
              <button type="button" className="person-button" aria-pressed={selectedIds.has(person.userId)} onClick={() => onPick(person)}>
                <Avatar name={person.displayName} seed={person.userId} size={36} />
                <span className="person-names">
                  <span className="person-name">{person.displayName}</span>
                  <span className="person-username">@{person.username}</span>
                </span>
                {selectedIds.has(person.userId) ? <span className="picked-mark" aria-hidden="true">✓</span> : null}
              </button>
            </li>
          ))}
          {searching && search.isSuccess && people.length === 0 ? <li className="empty-state">{t("noResults")}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * Starts a chat. Clicking a person opens the direct chat with them at once; once a group name is typed (or a first
 * member picked for a group), clicking people picks them as members and "Create group" creates it.
 */
export function NewChatDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (conversationId: string) => void }) {
  const t = useT();
  const create = useCreateConversation();
  const [groupName, setGroupName] = useState("");
  const [members, setMembers] = useState<PublicProfile[]>([]);
  const selectedIds = new Set(members.map((member) => member.userId));
  const groupMode = groupName.trim().length > 0 || members.length > 0;

  const pick = (person: PublicProfile) => {
    if (!groupMode) {
      create.mutate({ type: "direct", memberIds: [person.userId] }, { onSuccess: (conversation) => onCreated(conversation.conversationId) });
      return;
    }
    setMembers((current) => selectedIds.has(person.userId) ? current.filter((member) => member.userId !== person.userId) : [...current, person]);
  };

  const createGroup = (event: FormEvent) => {
    event.preventDefault();
    if (members.length === 0) return;
    create.mutate(
      { type: "group", memberIds: members.map((member) => member.userId), title: groupName.trim() || undefined },
      { onSuccess: (conversation) => onCreated(conversation.conversationId) },
    );
  };

  return (
    <Dialog title={t("newChat")} onClose={onClose} closeLabel={t("close")}>
      <PeoplePicker onPick={pick} selectedIds={selectedIds} />
      <form className="group-form" onSubmit={createGroup}>
        <p className="hint">{t("groupHint")}</p>
        <label className="field">
          <span>{t("groupName")}</span>
          <input value={groupName} maxLength={100} onChange={(event) => setGroupName(event.target.value)} />
        </label>
        {members.length > 0 ? (
          <ul className="chips" aria-label={t("selected")}>
            {members.map((member) => (
              <li key={member.userId} className="chip">
                {member.displayName}
                <button type="button" className="chip-remove" aria-label={t("removeSelected", { name: member.displayName })}
                  onClick={() => setMembers((current) => current.filter((item) => item.userId !== member.userId))}>
                  <CloseIcon width={14} height={14} />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {create.isError ? (
          <p className="form-error" role="alert">{create.error instanceof ApiError ? create.error.message : t("offlineAction")}</p>
        ) : null}
        <button type="submit" className="primary-button" disabled={members.length === 0 || create.isPending}>{t("createGroup")}</button>
      </form>
    </Dialog>
  );
}
