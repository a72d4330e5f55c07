import { ApiError } from "@wechat/api";
import { useState, type ReactNode } from "react";
import { Avatar } from "@/components/avatar";
import { useMe, useUserSearch } from "@/features/users";
import { useT } from "@/lib/i18n";
import { useAnswerRequest, useBlock, useBlocks, useContactRequests, useContacts, useSendRequest } from "../api/contacts";

function PersonRow({ userId, displayName, username, note, children }: {
  userId: string;
  displayName: string;
  username: string;
  note?: string;
  children?: ReactNode;
}) {
  return (
    <li className="person-row">
      <Avatar name={displayName} seed={userId} size={40} />
      <span className="person-names">
        <span className="person-name">{displayName}</span>
        <span className="person-username">@{username}{note ? ` · ${note}` : ""}</span>
      </span>
      <span className="row-actions">{children}</span>
    </li>
  );
}

/** Contacts: find people and ask them, answer requests, start a chat with a contact, block and unblock. */
export function PeoplePage({ onChat }: { onChat: (userId: string) => void }) {
  const t = useT();
  const [text, setText] = useState("");
  const me = useMe().data;
  const search = useUserSearch(text);
  const requests = useContactRequests();
  const contacts = useContacts();
  const blocks = useBlocks();
  const sendRequest = useSendRequest();
  const answer = useAnswerRequest();
  const block = useBlock();
  const contactIds = new Set((contacts.data ?? []).map((contact) => contact.userId));
  const blockedIds = new Set((blocks.data ?? []).map((item) => item.userId));
  const pendingIds = new Set((requests.data ?? []).filter((request) => request.status === "pending")
    .map((request) => (request.direction === "outgoing" ? request.toUser.userId : request.fromUser.userId)));
  const incoming = (requests.data ?? []).filter((request) => request.direction === "incoming" && request.status === "pending");
  const outgoing = (requests.data ?? []).filter((request) => request.direction === "outgoing" && request.status === "pending");
  const error = [sendRequest.error, answer.error, block.error].find(Boolean);

  return (
    <div className="people-page">
      <section className="people-section" aria-labelledby="find-people">
        <h2 id="find-people">{t("findPeople")}</h2>
        <input type="search" className="search-input" aria-label={t("searchPeople")} placeholder={t("searchHint")}
          value={text} onChange={(event) => setText(event.target.value)} autoComplete="off" />
        {error ? <p className="form-error" role="alert">{error instanceof ApiError ? error.message : t("offlineAction")}</p> : null}
        {text.trim() ? (
          <ul className="people-list" aria-label={t("searchPeople")}>
            {(search.data?.items ?? []).filter((person) => person.userId !== me?.userId).map((person) => (
              <PersonRow key={person.userId} {...person}>
                {blockedIds.has(person.userId) ? (
                  <button type="button" className="secondary-button" onClick={() => block.mutate({ userId: person.userId, blocked: false })}>{t("unblock")}</button>
                ) : contactIds.has(person.userId) ? (
                  <button type="button" className="secondary-button" onClick={() => onChat(person.userId)}>{t("sendMessage")}</button>
                ) : pendingIds.has(person.userId) ? (
                  <span className="tag">{t("requestSent")}</span>
                ) : (
                  <>
                    <button type="button" className="primary-button small" onClick={() => sendRequest.mutate(person.userId)}>{t("addContact")}</button>
                    <button type="button" className="text-button danger" onClick={() => block.mutate({ userId: person.userId, blocked: true })}>{t("block")}</button>
                  </>
                )}
              </PersonRow>
            ))}
            {search.isSuccess && search.data.items.length === 0 ? <li className="empty-state">{t("noResults")}</li> : null}
          </ul>
        ) : null}
      </section>

      <section className="people-section" aria-labelledby="friend-requests">
        <h2 id="friend-requests">{t("requests")}</h2>
        <ul className="people-list" aria-label={t("requests")}>
          {incoming.map((request) => (
            <PersonRow key={request.requestId} {...request.fromUser} note={t("wantsToConnect")}>
              <button type="button" className="primary-button small" onClick={() => answer.mutate({ requestId: request.requestId, accept: true })}>{t("accept")}</button>
              <button type="button" className="secondary-button" onClick={() => answer.mutate({ requestId: request.requestId, accept: false })}>{t("decline")}</button>
            </PersonRow>
          ))}
          {outgoing.map((request) => (
            <PersonRow key={request.requestId} {...request.toUser} note={t("waiting")} />
          ))}
        </ul>
        {requests.isSuccess && incoming.length + outgoing.length === 0 ? <p className="empty-state">{t("noRequests")}</p> : null}
      </section>

      <section className="people-section" aria-labelledby="my-contacts">
        <h2 id="my-contacts">{t("myContacts")}</h2>
        <ul className="people-list" aria-label={t("myContacts")}>
          {(contacts.data ?? []).map((contact) => (
            <PersonRow key={contact.userId} {...contact}>
              <button type="button" className="secondary-button" onClick={() => onChat(contact.userId)}>{t("sendMessage")}</button>
              <button type="button" className="text-button danger" onClick={() => block.mutate({ userId: contact.userId, blocked: true })}>{t("block")}</button>
            </PersonRow>
          ))}
        </ul>
        {contacts.isSuccess && contacts.data.length === 0 ? <p className="empty-state">{t("noContacts")}</p> : null}
      </section>

      <section className="people-section" aria-labelledby="blocked-people">
        <h2 id="blocked-people">{t("blocked")}</h2>
        <ul className="people-list" aria-label={t("blocked")}>
          {(blocks.data ?? []).map((item) => (
            <PersonRow key={item.userId} {...item}>
              <button type="button" className="secondary-button" onClick={() => block.mutate({ userId: item.userId, blocked: false })}>{t("unblock")}</button>
            </PersonRow>
          ))}
        </ul>
        {blocks.isSuccess && blocks.data.length === 0 ? <p className="empty-state">{t("noBlocked")}</p> : null}
      </section>
    </div>
  );
}
