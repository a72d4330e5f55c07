import type { Report } from "@wechat/api";
import { useState, type FormEvent } from "react";
import { Dialog } from "@wechat/ui/dialog";
import { LoadMore, QueryError } from "@/components/query-state";
import { useFormatDateTime, useT, type MessageKey } from "@/lib/i18n";
import { useReports, useResolveReport, type ReportAction, type ReportStatus } from "../api/reports";

const confirmTitles: Record<ReportAction, MessageKey> = {
  dismiss: "dismissTitle",
  remove_message: "removeTitle",
  disable_user: "disableUserTitle",
};

/** What was reported: the message's text and sender, or the user. */
function Reported({ report }: { report: Report }) {
  const t = useT();
  if (report.message) {
    return (
      <figure className="reported-message">
        <figcaption className="muted small">{t("messageBy", { name: report.message.senderName })}</figcaption>
        {report.message.removed
          ? <p className="removed">{t("messageRemoved")}</p>
          : <blockquote>{report.message.text}</blockquote>}
      </figure>
    );
  }
  return <span>{t("reportedUser", { id: report.userId ?? "" })}</span>;
}

/**
 * Asks before an action is carried out; a message removal shows the message's text, so that the admin sees exactly
 * what every member of the conversation will no longer see.
 */
function ResolveDialog({ report, action, onClose }: { report: Report; action: ReportAction; onClose: () => void }) {
  const t = useT();
  const resolve = useResolveReport();
  const [note, setNote] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    resolve.mutate({ reportId: report.reportId, action, note: note.trim() }, { onSuccess: onClose });
  };
  const label = action === "dismiss" ? t("dismiss") : action === "remove_message" ? t("removeMessage") : t("disableUser");
  return (
    <Dialog title={t(confirmTitles[action])} onClose={onClose} closeLabel={t("close")}>
      <form className="dialog-form" onSubmit={submit}>
        {action === "remove_message" && report.message ? (
          <>
            <p className="muted small">{t("messageBy", { name: report.message.senderName })}</p>
            <blockquote className="confirm-quote">{report.message.text}</blockquote>
            <p className="hint">{t("removeExplained")}</p>
          </>
        ) : null}
        {action === "disable_user" ? <p className="hint">{t("disableExplained")}</p> : null}
        <label className="field">
          <span>{t("note")}</span>
          <textarea name="note" maxLength={500} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {resolve.isError ? <QueryError error={resolve.error} /> : null}
        <div className="dialog-actions">
          <button type="button" className="secondary-button" onClick={onClose}>{t("cancel")}</button>
          <button type="submit" className={action === "dismiss" ? "primary-button" : "danger-button"} disabled={resolve.isPending}>
            {label}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ReportRow({ report, onResolve }: { report: Report; onResolve: (action: ReportAction) => void }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const canRemove = report.message !== null && !report.message.removed;
  return (
    <tr>
      <td><Reported report={report} /></td>
      <td>{report.reporter.name}</td>
      <td className="reason">{report.reason}</td>
      <td>{formatDateTime(report.createdAt)}</td>
      <td>
        {report.resolution ? (
          <span>
            {t(`action_${report.resolution.action}` as MessageKey)}
            {report.resolution.note ? <span className="muted small"> · {report.resolution.note}</span> : null}
            <span className="muted small"> · {formatDateTime(report.resolution.at)}</span>
          </span>
        ) : (
          <div className="row-actions">
            <button type="button" className="secondary-button" onClick={() => onResolve("dismiss")}>{t("dismiss")}</button>
            {canRemove
              ? <button type="button" className="secondary-button danger" onClick={() => onResolve("remove_message")}>{t("removeMessage")}</button>
              : null}
            <button type="button" className="secondary-button danger" onClick={() => onResolve("disable_user")}>{t("disableUser")}</button>
          </div>
        )}
      </td>
    </tr>
  );
}

export function ReportsPage() {
  const t = useT();
  const [status, setStatus] = useState<ReportStatus>("open");
  const reports = useReports(status);
  const [resolving, setResolving] = useState<{ report: Report; action: ReportAction } | null>(null);
  const items = reports.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="page" aria-labelledby="reports-title">
      <header className="page-header">
        <h1 id="reports-title">{t("reports")}</h1>
        <div className="segmented" role="group" aria-label={t("reportStatus")}>
          {(["open", "resolved"] as const).map((value) => (
            <button key={value} type="button" aria-pressed={status === value} onClick={() => setStatus(value)}>
              {t(value)}
            </button>
          ))}
        </div>
      </header>
      {reports.isError ? <QueryError error={reports.error} /> : null}
      <div className="table-scroll">
        <table aria-label={t("reportsTable")} aria-busy={reports.isFetching}>
          <thead>
            <tr>
              <th scope="col">{t("reported")}</th>
              <th scope="col">{t("reporter")}</th>
              <th scope="col">{t("reason")}</th>
              <th scope="col">{t("reportedAt")}</th>
              <th scope="col">{status === "open" ? t("actions") : t("resolution")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((report) => (
              <ReportRow key={report.reportId} report={report} onResolve={(action) => setResolving({ report, action })} />
            ))}
          </tbody>
        </table>
      </div>
      {reports.isSuccess && items.length === 0 ? <p className="empty-state">{t("noReports")}</p> : null}
      <LoadMore hasNextPage={reports.hasNextPage} isFetchingNextPage={reports.isFetchingNextPage} fetchNextPage={reports.fetchNextPage} />
      {resolving ? <ResolveDialog report={resolving.report} action={resolving.action} onClose={() => setResolving(null)} /> : null}
    </section>
  );
}
