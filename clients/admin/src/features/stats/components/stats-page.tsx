import { lazy, Suspense, useId, useMemo } from "react";
import { QueryError } from "@/components/query-state";
import { useFormatDateTime, useT } from "@/lib/i18n";
import { useStats } from "../api/stats";

// uPlot is loaded with the statistics page only: the other pages never pay for it.
const BarChart = lazy(() => import("./bar-chart"));

interface DayCount {
  day: string;
  count: number;
}

/** A chart with its numbers as a table: the canvas for the eye, the table for screen readers and copying. */
function DailyChart({ title, days, color }: { title: string; days: DayCount[]; color: string }) {
  const t = useT();
  const titleId = useId();
  const labels = useMemo(() => days.map((d) => d.day), [days]);
  const values = useMemo(() => days.map((d) => d.count), [days]);
  return (
    <figure className="card chart-card" aria-labelledby={titleId}>
      <figcaption id={titleId} className="card-title">{title}</figcaption>
      <Suspense fallback={<div className="chart chart-loading">{t("loading")}</div>}>
        <BarChart labels={labels} values={values} seriesLabel={title} color={color} />
      </Suspense>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead><tr><th scope="col">{t("day")}</th><th scope="col">{t("count")}</th></tr></thead>
        <tbody>{days.map((d) => <tr key={d.day}><td>{d.day}</td><td>{d.count}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}

/** A figure the API may not know (null: its source did not answer): shown as a dash. */
function count(value: number | null): string {
  return value === null ? "—" : value.toLocaleString();
}

function Figure({ label, value }: { label: string; value: number | null }) {
  return (
    <div className="card figure">
      <dt>{label}</dt>
      <dd>{count(value)}</dd>
    </div>
  );
}

export function StatsPage() {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const stats = useStats();
  const data = stats.data;
  return (
    <section className="page" aria-labelledby="stats-title">
      <header className="page-header">
        <h1 id="stats-title">{t("stats")}</h1>
        <div className="filters">
          {data ? <span className="muted small">{t("generatedAt", { time: formatDateTime(data.generatedAt) })}</span> : null}
          <button type="button" className="secondary-button" disabled={stats.isFetching} onClick={() => void stats.refetch()}>{t("refresh")}</button>
        </div>
      </header>
      {stats.isError ? <QueryError error={stats.error} /> : null}
      {data ? (
        <>
          <dl className="figures">
            <Figure label={t("usersTotal")} value={data.users.total} />
            <Figure label={t("newUsers24h")} value={data.users.new24h} />
            <Figure label={t("webSocketConnections")} value={data.webSocketConnections} />
            <Figure label={t("pushesSent24h")} value={data.pushes.sent24h} />
            <Figure label={t("pushesFailed24h")} value={data.pushes.failed24h} />
          </dl>
          <div className="charts">
            <DailyChart title={t("dailyActiveUsers")} days={data.dailyActiveUsers} color="#07c160" />
            <DailyChart title={t("messagesPerDay")} days={data.messagesPerDay} color="#576b95" />
          </div>
          <div className="table-scroll card">
            <table aria-label={t("queues")}>
              <thead>
                <tr><th scope="col">{t("queue")}</th><th scope="col">{t("depth")}</th><th scope="col">{t("deadLetterDepth")}</th></tr>
              </thead>
              <tbody>
                {data.queues.map((queue) => (
                  <tr key={queue.name}>
                    <td>{queue.name}</td>
                    <td>{count(queue.depth)}</td>
                    <td className={(queue.deadLetterDepth ?? 0) > 0 ? "alert-figure" : undefined}>{count(queue.deadLetterDepth)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
