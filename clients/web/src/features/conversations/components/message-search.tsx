import type { SearchHit } from "@wechat/api";
import { Fragment, useEffect, useState } from "react";
import { Link } from "react-router";
import { useI18n } from "@/lib/i18n";
import { formatListTime } from "@/lib/time";
import { useMessageSearch } from "../api/conversations";
import { useConversationTitle } from "./conversation-title";

/** The snippet's text with its matches in <mark>: offsets from the server, never markup. */
function Highlighted({ snippet }: { snippet: SearchHit["snippet"] }) {
  const parts = [];
  let at = 0;
  for (const { start, length } of snippet.highlights) {
    if (start < at) continue;
    parts.push(<Fragment key={`t${at}`}>{snippet.text.slice(at, start)}</Fragment>);
    parts.push(<mark key={`m${start}`}>{snippet.text.slice(start, start + length)}</mark>);
    at = start + length;
  }
  parts.push(<Fragment key="rest">{snippet.text.slice(at)}</Fragment>);
  return <span className="search-snippet">{parts}</span>;
}

function HitRow({ hit }: { hit: SearchHit }) {
  const { locale } = useI18n();
  const title = useConversationTitle({ type: hit.conversationType, title: hit.conversationTitle, peerId: hit.peerId });
  const to = `/chats/${encodeURIComponent(hit.conversationId)}?message=${encodeURIComponent(hit.message.messageId)}`;
  return (
    <li>
      <Link to={to} className="conversation-row search-hit">
        <span className="conversation-main">
          <span className="conversation-top">
            <span className="conversation-title">{title}</span>
            <time className="conversation-time" dateTime={hit.message.createdAt}>{formatListTime(hit.message.createdAt, locale)}</time>
          </span>
          <span className="conversation-bottom"><Highlighted snippet={hit.snippet} /></span>
        </span>
      </Link>
    </li>
  );
}

/** The search box of the chats list; while it holds a query, the hits replace the list. */
export function MessageSearch({ onActive }: { onActive: (active: boolean) => void }) {
  const { t } = useI18n();
  const [input, setInput] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuery(input.trim()), 300);
    return () => clearTimeout(timer);
  }, [input]);
  useEffect(() => onActive(query.length > 0), [query, onActive]);
  const hits = useMessageSearch(query);
  return (
    <div className="message-search">
      <input type="search" className="search-input" value={input} placeholder={t("searchMessages")} aria-label={t("searchMessages")}
        onChange={(event) => setInput(event.target.value)}
        onKeyDown={(event) => { if (event.key === "Escape") setInput(""); }} />
      {query ? (
        <>
          <ul className="conversation-list" aria-label={t("searchResults")} aria-busy={hits.isLoading}>
            {(hits.data ?? []).map((hit) => <HitRow key={hit.message.messageId} hit={hit} />)}
          </ul>
          {hits.isSuccess && hits.data.length === 0 ? <p className="empty-state">{t("noMessagesFound")}</p> : null}
          {hits.isError ? <p className="empty-state" role="alert">{t("somethingWrong")}</p> : null}
        </>
      ) : null}
    </div>
  );
}
