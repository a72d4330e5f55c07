import { LoadMore, QueryError } from "@/components/query-state";
import { useFormatDateTime, useT, type MessageKey } from "@/lib/i18n";
import { useAuditLog } from "../api/audit";

export function AuditPage() {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const audit = useAuditLog();
  const items = audit.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="page" aria-labelledby="audit-title">
      <header className="page-header">
        <h1 id="audit-title">{t("audit")}</h1>
      </header>
      {audit.isError ? <QueryError error={audit.error} /> : null}
      <div className="table-scroll">
        <table aria-label={t("auditTable")} aria-busy={audit.isFetching}>
          <thead>
            <tr>
              <th scope="col">{t("when")}</th>
              <th scope="col">{t("who")}</th>
              <th scope="col">{t("what")}</th>
              <th scope="col">{t("target")}</th>
              <th scope="col">{t("reason")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.auditId}>
                <td>{formatDateTime(entry.at)}</td>
                <td><UserName name={entry.actorName} id={entry.actorId} /></td>
                <td><span title={entry.action}>{t(`audit_${entry.action}` as MessageKey)}</span> <span className="mono muted">{entry.action}</span></td>
                <td><span className="tag">{entry.targetType}</span> {entry.targetType === "user"
                  ? <UserName name={entry.targetName} id={entry.targetId} /> : <span className="mono">{entry.targetId}</span>}</td>
                <td className="reason">{entry.reason ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {audit.isSuccess && items.length === 0 ? <p className="empty-state">{t("noAudit")}</p> : null}
      <LoadMore hasNextPage={audit.hasNextPage} isFetchingNextPage={audit.isFetchingNextPage} fetchNextPage={audit.fetchNextPage} />
    </section>
  );
}

/** A user by the name to show, the id on hover; the id alone when no name is known. */
function UserName({ name, id }: { name?: string | null; id: string }) {
  return name ? <span title={id}>{name}</span> : <span className="mono">{id}</span>;
}
