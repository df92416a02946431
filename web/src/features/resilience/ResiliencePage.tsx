// Resilience analysis: a scenario form (absenteeism, correlation, closed sites) run as a Monte Carlo
// simulation by the server; the results per activity (bar chart with its data table), the single
// points of failure, the critical agents, the ranked actions, the CSV export and past analyses.
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../../api/client";
import { useReference } from "../../api/reference";
import {
  Checkbox,
  CheckboxGroup,
  ErrorSummary,
  FormActions,
  SelectField,
  TextField,
  useFormErrors,
  useSubmit,
} from "../../components/forms";
import {
  ErrorAlert,
  formatDate,
  formatNumber,
  Loading,
  Notice,
  PageTitle,
  useLoad,
} from "../../components/ui";
import { NS } from "./i18n";

interface ActivityRow {
  id: string;
  name: string;
  service: string;
  criticality: number | null;
  probabilityUncovered: number;
  expectedDaysUncovered: number;
  meanShortfall: number;
  eligibleAgents: number;
  need: number;
  neverCovered: boolean;
  probabilityAnyOutage?: number;
  meanLongestOutageDays?: number;
}
interface Analysis {
  id: string;
  name: string;
  seconds: number;
  mode: "days" | "waves";
  iterations: number;
  simulatedDays: number;
  seed: number;
  waveDays: number;
  weightedExpectedDaysUncovered: number;
  activities: ActivityRow[];
  singlePointsOfFailure: {
    activitiesWithFewAgents: {
      activityId: string;
      activity: string;
      need: number;
      agents: { id: string; name: string }[];
    }[];
    skillsHeldByOne: {
      skillId: string;
      skill: string;
      agent: { id: string; name: string } | null;
      activities: string[];
    }[];
    equipmentWithoutSpare: { equipmentId: string; quantity: number; demand: number; activities: string[] }[];
  };
  criticalAgents: { agentId: string; name: string; gapRate: number }[];
  actions: {
    baseline: number;
    items: { label: string; activity: string; weightedExpectedDaysUncovered: number; reduction: number }[];
  } | null;
}
interface AnalysisItem {
  id: string;
  name: string;
  seconds: number;
  createdAt: string;
}

interface FormState {
  name: string;
  mode: "days" | "waves";
  iterations: string;
  seed: string;
  meanRate: string;
  peakRate: string;
  peakDays: string;
  waveDays: string;
  meanAbsenceDays: string;
  teamCorrelation: string;
  siteCorrelation: string;
  closedSiteIds: string[];
  rankActions: boolean;
}

const INITIAL: FormState = {
  name: "",
  mode: "days",
  iterations: "2000",
  seed: "",
  meanRate: "15",
  peakRate: "",
  peakDays: "",
  waveDays: "56",
  meanAbsenceDays: "7",
  teamCorrelation: "0",
  siteCorrelation: "0",
  closedSiteIds: [],
  rankActions: false,
};

/** Field name → input id (the error summary links to them). */
const FIELD_IDS: Record<string, string> = {
  name: "res-name",
  mode: "res-mode",
  iterations: "res-iterations",
  seed: "res-seed",
  meanRate: "res-meanRate",
  peakRate: "res-peakRate",
  peakDays: "res-peakDays",
  waveDays: "res-waveDays",
  meanAbsenceDays: "res-meanAbsenceDays",
  teamCorrelation: "res-teamCorrelation",
  siteCorrelation: "res-siteCorrelation",
  closedSiteIds: "res-closedSiteIds",
};

const pct = (p: number) => `${formatNumber(p * 100, 1)} %`;

export function ResiliencePage() {
  const { t } = useTranslation(NS);
  const ref = useReference(["sites"]);
  const [offset] = useState(0);
  const history = useLoad(
    (signal) => api.get<Page<AnalysisItem>>("/api/resilience/analyses", { limit: 20, offset }, signal),
    [offset],
  );
  const [form, setForm] = useState<FormState>(INITIAL);
  const [notice, setNotice] = useState<string | null>(null);
  const [result, setResult] = useState<Analysis | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const errs = useFormErrors();
  const { busy, run } = useSubmit(errs);

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));

  function build() {
    const list: { field: string; message: string }[] = [];
    const num = (
      field: keyof FormState,
      min: number,
      max: number,
      opts: { integer?: boolean; optional?: boolean } = {},
    ) => {
      const raw = String(form[field]).trim().replace(",", ".");
      if (raw === "") {
        if (!opts.optional) list.push({ field, message: t("requiredField") });
        return undefined;
      }
      const n = Number(raw);
      if (!Number.isFinite(n) || n < min || n > max || (opts.integer && !Number.isInteger(n))) {
        list.push({ field, message: t("invalidNumber", { min, max }) });
        return undefined;
      }
      return n;
    };
    if (!form.name.trim()) list.push({ field: "name", message: t("requiredField") });
    const iterations = num("iterations", 1, form.mode === "days" ? 50_000 : 2_000, { integer: true });
    const seed = num("seed", 0, 2_147_483_647, { integer: true, optional: true });
    const meanRate = num("meanRate", 0, 100);
    const peakRate = num("peakRate", 0, 100, { optional: true });
    const peakDays = num("peakDays", 0, 365, { integer: true, optional: true });
    const waveDays = num("waveDays", 1, 365, { integer: true, optional: true });
    const meanAbsenceDays = num("meanAbsenceDays", 1, 60, { optional: true });
    const teamCorrelation = num("teamCorrelation", 0, 100, { optional: true });
    const siteCorrelation = num("siteCorrelation", 0, 100, { optional: true });
    const body = {
      name: form.name.trim(),
      mode: form.mode,
      iterations,
      seed,
      meanRate: meanRate === undefined ? undefined : meanRate / 100,
      peakRate: peakRate === undefined ? undefined : peakRate / 100,
      peakDays,
      waveDays,
      meanAbsenceDays,
      teamCorrelation: teamCorrelation === undefined ? undefined : teamCorrelation / 100,
      siteCorrelation: siteCorrelation === undefined ? undefined : siteCorrelation / 100,
      closedSiteIds: form.closedSiteIds,
      rankActions: form.rankActions,
    };
    return { list, body };
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const { list, body } = build();
    if (list.length > 0) {
      errs.show(list, null);
      return;
    }
    errs.clear();
    await run(async () => {
      const r = await api.post<Analysis>("/api/resilience/analyses", body);
      setResult(r);
      setNotice(t("done", { name: r.name, seconds: formatNumber(r.seconds, 1) }));
      history.reload();
    });
  }

  async function show(id: string) {
    setLoadError(null);
    try {
      setResult(await api.get<Analysis>(`/api/resilience/analyses/${id}`));
      window.setTimeout(() => document.getElementById("results-title")?.focus(), 0);
    } catch (err) {
      setLoadError(err);
    }
  }

  const label = (field: string) => {
    const key = field === "closedSiteIds" ? "closedSites" : field;
    return t(key);
  };

  return (
    <>
      <PageTitle title={t("title")}>{t("title")}</PageTitle>
      <p>{t("intro")}</p>
      <Notice message={notice} />

      <section aria-labelledby="scenario-title">
        <h2 id="scenario-title">{t("scenario")}</h2>
        <form noValidate onSubmit={onSubmit} aria-busy={busy}>
          <ErrorSummary
            message={errs.message}
            errors={errs.errors}
            fieldIds={(f) => FIELD_IDS[f] ?? null}
            labels={label}
            focusKey={errs.focusKey}
          />
          <TextField
            id="res-name"
            label={t("name")}
            required
            value={form.name}
            error={errs.errorFor("name")}
            onChange={(e) => set("name", e.target.value)}
            autoComplete="off"
          />
          <SelectField
            id="res-mode"
            label={t("mode")}
            required
            value={form.mode}
            error={errs.errorFor("mode")}
            onChange={(e) => set("mode", e.target.value as FormState["mode"])}
          >
            <option value="days">{t("modeDays")}</option>
            <option value="waves">{t("modeWaves")}</option>
          </SelectField>
          <TextField
            id="res-iterations"
            label={t("iterations")}
            hint={t("iterationsHint")}
            required
            inputMode="numeric"
            value={form.iterations}
            error={errs.errorFor("iterations")}
            onChange={(e) => set("iterations", e.target.value)}
          />
          <TextField
            id="res-seed"
            label={t("seed")}
            hint={t("seedHint")}
            inputMode="numeric"
            value={form.seed}
            error={errs.errorFor("seed")}
            onChange={(e) => set("seed", e.target.value)}
          />
          <TextField
            id="res-meanRate"
            label={t("meanRate")}
            required
            inputMode="decimal"
            value={form.meanRate}
            error={errs.errorFor("meanRate")}
            onChange={(e) => set("meanRate", e.target.value)}
          />
          <TextField
            id="res-peakRate"
            label={t("peakRate")}
            hint={t("peakRateHint")}
            inputMode="decimal"
            value={form.peakRate}
            error={errs.errorFor("peakRate")}
            onChange={(e) => set("peakRate", e.target.value)}
          />
          <TextField
            id="res-peakDays"
            label={t("peakDays")}
            inputMode="numeric"
            value={form.peakDays}
            error={errs.errorFor("peakDays")}
            onChange={(e) => set("peakDays", e.target.value)}
          />
          <TextField
            id="res-waveDays"
            label={t("waveDays")}
            inputMode="numeric"
            value={form.waveDays}
            error={errs.errorFor("waveDays")}
            onChange={(e) => set("waveDays", e.target.value)}
          />
          <TextField
            id="res-meanAbsenceDays"
            label={t("meanAbsenceDays")}
            inputMode="decimal"
            value={form.meanAbsenceDays}
            error={errs.errorFor("meanAbsenceDays")}
            onChange={(e) => set("meanAbsenceDays", e.target.value)}
          />
          <TextField
            id="res-teamCorrelation"
            label={t("teamCorrelation")}
            hint={t("correlationHint")}
            inputMode="decimal"
            value={form.teamCorrelation}
            error={errs.errorFor("teamCorrelation")}
            onChange={(e) => set("teamCorrelation", e.target.value)}
          />
          <TextField
            id="res-siteCorrelation"
            label={t("siteCorrelation")}
            hint={t("correlationHint")}
            inputMode="decimal"
            value={form.siteCorrelation}
            error={errs.errorFor("siteCorrelation")}
            onChange={(e) => set("siteCorrelation", e.target.value)}
          />
          {ref.loading ? (
            <Loading />
          ) : (
            <CheckboxGroup
              id="res-closedSiteIds"
              legend={t("closedSites")}
              options={(ref.data?.sites ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={form.closedSiteIds}
              onChange={(v) => set("closedSiteIds", v)}
              error={errs.errorFor("closedSiteIds")}
              columns
            />
          )}
          <Checkbox
            id="res-rankActions"
            label={t("rankActions")}
            hint={t("rankActionsHint")}
            checked={form.rankActions}
            onChange={(v) => set("rankActions", v)}
          />
          <FormActions>
            <button type="submit" disabled={busy}>
              {busy ? t("running") : t("run")}
            </button>
          </FormActions>
          {busy && (
            <p role="status" className="loading">
              {t("running")}
            </p>
          )}
        </form>
      </section>

      <ErrorAlert error={loadError} />
      {result && <Results analysis={result} />}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("history")}</h2>
        {history.loading && !history.data ? (
          <Loading />
        ) : history.error ? (
          <ErrorAlert error={history.error} />
        ) : !history.data || history.data.items.length === 0 ? (
          <p>{t("noHistory")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption>{t("historyCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("date")}</th>
                  <th scope="col">{t("duration")}</th>
                  <th scope="col">{t("show")}</th>
                </tr>
              </thead>
              <tbody>
                {history.data.items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.name}</th>
                    <td>{formatDate(a.createdAt, true)}</td>
                    <td>{formatNumber(a.seconds, 1)}</td>
                    <td>
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={t("showNamed", { name: a.name })}
                        onClick={() => void show(a.id)}
                      >
                        {t("show")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** Horizontal bars, one per activity: the probability of being below the minimum. */
function ProbabilityChart({ rows }: { rows: ActivityRow[] }) {
  const { t } = useTranslation(NS);
  const uid = useId();
  const titleId = `${uid}-title`;
  const descId = `${uid}-desc`;
  const shown = [...rows].sort((a, b) => b.probabilityUncovered - a.probabilityUncovered).slice(0, 15);
  const W = 720;
  const left = 240;
  const right = 70;
  const rowH = 24;
  const H = Math.max(1, shown.length) * rowH + 8;
  const plotW = W - left - right;
  const cut = (s: string) => (s.length > 34 ? `${s.slice(0, 33)}…` : s);
  return (
    <figure className="chart">
      <figcaption id={`${uid}-cap`}>{t("chartTitle")}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
        <title id={titleId}>{t("chartTitle")}</title>
        <desc id={descId}>{t("chartDesc", { n: shown.length })}</desc>
        {shown.map((r, i) => {
          const y = 4 + i * rowH;
          const w = Math.max(0, Math.min(1, r.probabilityUncovered)) * plotW;
          return (
            <g key={r.id}>
              <text x={left - 8} y={y + rowH / 2 + 4} textAnchor="end" fontSize="12" fill="#1e1e1e">
                {cut(r.name)}
              </text>
              <rect x={left} y={y + 3} width={plotW} height={rowH - 8} fill="#eeeeee" />
              <rect
                x={left}
                y={y + 3}
                width={w}
                height={rowH - 8}
                fill={r.neverCovered ? "#ce0500" : "#000091"}
              />
              <text x={left + plotW + 6} y={y + rowH / 2 + 4} fontSize="12" fill="#1e1e1e">
                {pct(r.probabilityUncovered)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function Results({ analysis: a }: { analysis: Analysis }) {
  const { t } = useTranslation(NS);
  const spof = a.singlePointsOfFailure;
  const waves = a.mode === "waves";
  return (
    <section aria-labelledby="results-title" className="resilience-results">
      <h2 id="results-title" tabIndex={-1}>
        {t("results", { name: a.name })}
      </h2>
      <p>
        {t("summary", {
          iterations: formatNumber(a.iterations),
          mode: a.mode === "days" ? t("modeDays") : t("modeWaves"),
          days: formatNumber(a.simulatedDays),
          seed: a.seed,
          weighted: formatNumber(a.weightedExpectedDaysUncovered, 2),
        })}
      </p>
      <p>
        <a href={`/api/resilience/analyses/${a.id}/export.csv`} download>
          {t("exportCsv")}
        </a>
      </p>

      <h3>{t("activities")}</h3>
      {a.activities.length > 0 && <ProbabilityChart rows={a.activities} />}
      <div className="table-scroll">
        <table>
          <caption>{t("activitiesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("activity")}</th>
              <th scope="col">{t("service")}</th>
              <th scope="col">{t("probability")}</th>
              <th scope="col">{t("expectedDays")}</th>
              <th scope="col">{t("eligible")}</th>
              {waves && <th scope="col">{t("anyOutage")}</th>}
              {waves && <th scope="col">{t("longestOutage")}</th>}
            </tr>
          </thead>
          <tbody>
            {a.activities.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{r.service}</td>
                <td>
                  {pct(r.probabilityUncovered)}
                  {r.neverCovered && ` (${t("neverCovered")})`}
                </td>
                <td>{formatNumber(r.expectedDaysUncovered, 1)}</td>
                <td>
                  {r.eligibleAgents} / {r.need}
                </td>
                {waves && <td>{pct(r.probabilityAnyOutage ?? 0)}</td>}
                {waves && <td>{formatNumber(r.meanLongestOutageDays ?? 0, 1)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{t("spof")}</h3>
      <h4>{t("fewAgents")}</h4>
      {spof.activitiesWithFewAgents.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t("fewAgentsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("activity")}</th>
                <th scope="col">{t("need")}</th>
                <th scope="col">{t("agents")}</th>
              </tr>
            </thead>
            <tbody>
              {spof.activitiesWithFewAgents.map((f) => (
                <tr key={f.activityId}>
                  <th scope="row">{f.activity}</th>
                  <td>{f.need}</td>
                  <td>{f.agents.length === 0 ? t("nobody") : f.agents.map((g) => g.name).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h4>{t("loneSkills")}</h4>
      {spof.skillsHeldByOne.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t("loneSkillsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("skill")}</th>
                <th scope="col">{t("holder")}</th>
                <th scope="col">{t("activities")}</th>
              </tr>
            </thead>
            <tbody>
              {spof.skillsHeldByOne.map((s) => (
                <tr key={s.skillId}>
                  <th scope="row">{s.skill}</th>
                  <td>{s.agent ? s.agent.name : t("nobody")}</td>
                  <td>{s.activities.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h4>{t("equipment")}</h4>
      {spof.equipmentWithoutSpare.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t("equipmentCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("equipmentId")}</th>
                <th scope="col">{t("quantity")}</th>
                <th scope="col">{t("activities")}</th>
              </tr>
            </thead>
            <tbody>
              {spof.equipmentWithoutSpare.map((e) => (
                <tr key={e.equipmentId}>
                  <th scope="row">{e.equipmentId}</th>
                  <td>
                    {e.quantity} / {e.demand}
                  </td>
                  <td>{e.activities.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{t("criticalAgents")}</h3>
      {a.criticalAgents.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t("criticalCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("agents")}</th>
                <th scope="col">{t("gapRate")}</th>
              </tr>
            </thead>
            <tbody>
              {a.criticalAgents.map((c) => (
                <tr key={c.agentId}>
                  <th scope="row">{c.name}</th>
                  <td>{pct(c.gapRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{t("actions")}</h3>
      {!a.actions || a.actions.items.length === 0 ? (
        <p>{t("noActions")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t("actionsCaption", { baseline: formatNumber(a.actions.baseline, 2) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("rank")}</th>
                <th scope="col">{t("action")}</th>
                <th scope="col">{t("activity")}</th>
                <th scope="col">{t("reduction")}</th>
                <th scope="col">{t("after")}</th>
              </tr>
            </thead>
            <tbody>
              {a.actions.items.map((x, i) => (
                <tr key={x.label}>
                  <td>{i + 1}</td>
                  <th scope="row">{x.label}</th>
                  <td>{x.activity}</td>
                  <td>{formatNumber(x.reduction, 2)}</td>
                  <td>{formatNumber(x.weightedExpectedDaysUncovered, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
