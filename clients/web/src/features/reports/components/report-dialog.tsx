import { ApiError, type CreateReport } from "@wechat/api";
import { useState, type FormEvent } from "react";
import { Dialog } from "@/components/dialog";
import { useT } from "@/lib/i18n";
import { useReport } from "../api/reports";

/**
 * Asks for a reason and sends the report; a second report of the same thing (409 `report_exists`) is told apart
 * from a failure, since the moderators already have it.
 */
export function ReportDialog({ title, target, quote, onClose }: {
  title: string;
  target: Omit<CreateReport, "reason">;
  /** The reported message's text, so that the reporter sees what they report. */
  quote?: string | null;
  onClose: () => void;
}) {
  const t = useT();
  const report = useReport();
  const [reason, setReason] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    report.mutate({ ...target, reason: reason.trim() });
  };
  const exists = report.error instanceof ApiError && report.error.code === "report_exists";
  const done = report.isSuccess || exists;
  return (
    <Dialog title={title} onClose={onClose} closeLabel={t("close")}>
      {done ? (
        <div className="report-done">
          <p role="status">{exists ? t("reportExists") : t("reportSent")}</p>
          <button type="button" className="primary-button" onClick={onClose}>{t("close")}</button>
        </div>
      ) : (
        <form className="report-form" onSubmit={submit}>
          {quote ? <blockquote className="report-quote">{quote}</blockquote> : null}
          <label className="field">
            <span>{t("reportReason")}</span>
            <textarea name="reason" required maxLength={500} rows={3} placeholder={t("reportReasonHint")}
              value={reason} onChange={(event) => setReason(event.target.value)} />
          </label>
          {report.isError ? (
            <p className="form-error" role="alert">{report.error instanceof ApiError ? report.error.message : t("offlineAction")}</p>
          ) : null}
          <button type="submit" className="primary-button" disabled={report.isPending || !reason.trim()}>{t("sendReport")}</button>
        </form>
      )}
    </Dialog>
  );
}
