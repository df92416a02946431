// Bilans: generate one for a date and time, show its figures (cards, charts with data tables,
// lists), comment a draft, freeze it (numbered), download the PDF and the Markdown.
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../../api/client";
import { useUser } from "../../auth";
import { LineChart, StackedBarChart } from "../../components/charts";
import { ErrorSummary, FormActions, TextArea, TextField, useFormErrors } from "../../components/forms";
import {
  ErrorAlert,
  formatDate,
  formatNumber,
  Loading,
  Notice,
  PageTitle,
  useLoad,
} from "../../components/ui";
import { CrisisNav, localToIso } from "./CrisisNav";
import { NS } from "./i18n";
import "./styles.css";
import type { CoverageStatus, LogItem, Report, ReportSummary } from "./types";

const AGENT_STATUSES: [string, string][] = [
  ["on_site", "#1f4e9c"],
  ["telework", "#2e7d32"],
  ["on_call", "#6a1b9a"],
  ["sick", "#b00020"],
  ["isolated", "#8a4b00"],
  ["childcare", "#00695c"],
  ["special_leave", "#5d4037"],
  ["unknown", "#616161"],
];
const COVERAGE: [CoverageStatus, string][] = [
  ["covered", "#18753c"],
  ["at_risk", "#8a4b00"],
  ["not_covered", "#b00020"],
  ["suspended", "#616161"],
];

function reportLabel(r: ReportSummary, t: (k: string, o?: Record<string, unknown>) => string) {
  return `${r.number ? t("reportN", { n: r.number }) : t("draft")} ${t("reportOf", { at: formatDate(r.asOf, true) })}`;
}

export function ReportsPage() {
  const { t } = useTranslation(NS);
  const user = useUser();
  const member = user.role === "admin" || user.role === "pca_manager" || user.role === "crisis_cell";
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const list = useLoad(
    (signal) => api.get<Page<ReportSummary>>("/api/crisis/reports", { limit: 100 }, signal),
    [],
  );
  useEffect(() => {
    if (!selected && list.data?.items[0]) setSelected(list.data.items[0].id);
  }, [list.data, selected]);
  return (
    <>
      <PageTitle title={t("reports")}>{t("reports")}</PageTitle>
      <CrisisNav />
      <Notice message={notice} />
      {member && (
        <GenerateForm
          onDone={(r) => {
            setNotice(t("generated"));
            setSelected(r.id);
            list.reload();
          }}
        />
      )}
      <section className="panel" aria-labelledby="reports-list">
        <h2 id="reports-list">{t("reportList")}</h2>
        <ErrorAlert error={list.error} />
        {list.loading && !list.data && <Loading />}
        {list.data && list.data.items.length === 0 && <p>{t("noReports")}</p>}
        <ul>
          {list.data?.items.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className="button-secondary"
                aria-pressed={selected === r.id}
                onClick={() => setSelected(r.id)}
              >
                {reportLabel(r, t)}
              </button>
            </li>
          ))}
        </ul>
      </section>
      {selected && (
        <ReportView
          key={selected}
          id={selected}
          canEdit={member}
          onChange={(msg) => {
            setNotice(msg);
            list.reload();
          }}
        />
      )}
    </>
  );
}

function GenerateForm({ onDone }: { onDone(r: Report): void }) {
  const { t } = useTranslation(NS);
  const f = useFormErrors();
  const [asOf, setAsOf] = useState("");
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await api.post<Report>("/api/crisis/reports", { asOf: localToIso(asOf) });
      f.clear();
      onDone(r);
    } catch (err) {
      f.fromError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="panel" aria-labelledby="gen-title">
      <h2 id="gen-title">{t("generate")}</h2>
      <form noValidate onSubmit={submit}>
        <ErrorSummary
          message={f.message}
          errors={f.errors}
          fieldIds={(k) => (k === "asOf" ? "gen-asof" : null)}
          labels={(k) => (k === "asOf" ? t("asOf") : k)}
          focusKey={f.focusKey}
        />
        <TextField
          id="gen-asof"
          type="datetime-local"
          label={t("asOf")}
          hint={t("asOfHint")}
          value={asOf}
          error={f.errorFor("asOf")}
          onChange={(e) => setAsOf(e.target.value)}
        />
        <FormActions>
          <button type="submit" className="button" disabled={busy}>
            {t("generateSubmit")}
          </button>
        </FormActions>
      </form>
    </section>
  );
}

function Items({ title, items, id }: { title: string; items: LogItem[]; id: string }) {
  const { t } = useTranslation(NS);
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {items.length === 0 ? (
        <p>{t("nothing")}</p>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={`${i.entryId}-${i.version}`}>
              {formatDate(i.occurredAt, true)} — {i.title}
              {i.owner && ` (${i.owner}${i.dueOn ? `, ${formatDate(i.dueOn)}` : ""})`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReportView({
  id,
  canEdit,
  onChange,
}: {
  id: string;
  canEdit: boolean;
  onChange(msg: string): void;
}) {
  const { t } = useTranslation(NS);
  const report = useLoad((signal) => api.get<Report>(`/api/crisis/reports/${id}`, undefined, signal), [id]);
  const [comment, setComment] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const r = report.data;
  if (report.loading && !r) return <Loading />;
  if (!r) return <ErrorAlert error={report.error} />;
  const fig = r.figures;
  const text = comment ?? r.comment;
  async function run(fn: () => Promise<Report>, msg: (r: Report) => string) {
    setBusy(true);
    setError(null);
    try {
      const next = await fn();
      report.setData(next);
      setComment(null);
      onChange(msg(next));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const curve = fig.equipped.curve;
  return (
    <section className="panel report" aria-labelledby="report-title">
      <h2 id="report-title">{reportLabel(r, t)}</h2>
      <p>
        {fig.orgName}
        {r.frozenAt && ` · ${t("frozenOn", { at: formatDate(r.frozenAt, true) })}`}
      </p>
      <p>
        <a href={`/api/crisis/reports/${r.id}/pdf`} download>
          {t("pdf")}
        </a>
        {" · "}
        <a href={`/api/crisis/reports/${r.id}/markdown`} download>
          {t("markdown")}
        </a>
      </p>
      <ErrorAlert error={error} />
      {canEdit && !r.frozen && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => api.patch<Report>(`/api/crisis/reports/${r.id}`, { comment: text }),
              () => t("commentSaved"),
            );
          }}
        >
          <TextArea
            id="report-comment"
            label={t("comment")}
            value={text}
            onChange={(e) => setComment(e.target.value)}
          />
          <FormActions>
            <button type="submit" className="button-secondary" disabled={busy}>
              {t("saveComment")}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() =>
                void run(
                  () => api.post<Report>(`/api/crisis/reports/${r.id}/freeze`),
                  (n) => t("frozen", { n: n.number }),
                )
              }
            >
              {t("freeze")}
            </button>
          </FormActions>
        </form>
      )}
      {(r.frozen || !canEdit) && r.comment && (
        <p>
          {t("comment")} : {r.comment}
        </p>
      )}
      <h3>{t("figures")}</h3>
      <ul className="crisis-figures">
        <li>
          <strong>{formatNumber(fig.headcount)}</strong>
          {t("headcount")}
        </li>
        <li>
          <strong>{formatNumber(fig.working)}</strong>
          {t("working")}
        </li>
        <li>
          <strong>{formatNumber(fig.teleworkShare * 100)} %</strong>
          {t("telework")}
        </li>
        <li>
          <strong>{formatNumber(fig.underPlan)}</strong>
          {t("underPlan")}
        </li>
        <li>
          <strong>{formatNumber(fig.equipped.current)}</strong>
          {t("equipped")}
        </li>
      </ul>
      <StackedBarChart
        title={t("agentsChart")}
        description={t("agentsChartDesc")}
        days={[fig.day]}
        series={AGENT_STATUSES.map(([k, color]) => ({ key: k, label: t(`agentStatus.${k}`), color }))}
        value={(_, k) => fig.byStatus[k] ?? 0}
      />
      <StackedBarChart
        title={t("activitiesChart")}
        description={t("activitiesChartDesc")}
        days={[fig.day]}
        series={COVERAGE.map(([k, color]) => ({ key: k, label: t(`status.${k}`), color }))}
        value={(_, k) => fig.activities.byStatus[k as CoverageStatus] ?? 0}
      />
      {curve.length > 0 && (
        <LineChart
          title={t("equippedChart")}
          description={t("equippedChartDesc")}
          days={curve.map((c) => c.day)}
          series={[{ key: "count", label: t("equipped"), color: "#1f4e9c" }]}
          value={(i) => curve[i]?.count ?? 0}
        />
      )}
      <section aria-labelledby="rep-nc">
        <h3 id="rep-nc">{t("notCovered")}</h3>
        {fig.activities.notCovered.length === 0 ? (
          <p>{t("nothing")}</p>
        ) : (
          <ul>
            {fig.activities.notCovered.map((a) => (
              <li key={a.id}>
                {a.name} ({a.serviceName}) — {t("required", a)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="rep-ar">
        <h3 id="rep-ar">{t("atRisk")}</h3>
        {fig.activities.atRisk.length === 0 ? (
          <p>{t("nothing")}</p>
        ) : (
          <ul>
            {fig.activities.atRisk.map((a) => (
              <li key={a.id}>
                {a.name} ({a.serviceName}) — {t("required", a)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Items id="rep-dec" title={t("decisions")} items={fig.decisions} />
      <Items id="rep-open" title={t("openActions")} items={fig.openActions} />
      <Items id="rep-over" title={t("overdueActions")} items={fig.overdueActions} />
      {fig.previous && fig.changes.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>{t("changes", { n: fig.previous.number })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("figures")}</th>
                <th scope="col">{t("previous")}</th>
                <th scope="col">{t("current")}</th>
                <th scope="col">{t("delta")}</th>
              </tr>
            </thead>
            <tbody>
              {fig.changes.map((c) => (
                <tr key={c.key}>
                  <th scope="row">{c.label}</th>
                  <td className="num">{c.previous}</td>
                  <td className="num">{c.current}</td>
                  <td className="num">{c.delta > 0 ? `+${c.delta}` : c.delta}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
