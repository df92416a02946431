// Rotation planner: periods, generate and publish, the roster grid (agents × days), the coverage
// view (needs × days, gaps marked in words, not by colour alone), and the repaired roster's changes.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../../api/client";
import { ErrorAlert, Loading, Notice, PageTitle, useLoad } from "../../components/ui";
import { NS } from "./i18n";

interface Site {
  id: string;
  name: string;
  capacity: number;
}
interface Need {
  day: string;
  activityId: string;
  activityName: string;
  siteId: string;
  siteName: string;
  count: number;
}
interface Period {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  sites: Site[];
  needs: Need[];
  agents: { id: string; name: string; team: string | null }[];
  publishedVersionId: string | null;
  versions: {
    id: string;
    status: string;
    number: number | null;
    reason: string;
    score: number;
    createdAt: string;
  }[];
}
interface Issue {
  kind: string;
  message: string;
  reason?: string;
}
interface Change {
  agentId: string;
  agentName: string;
  day: string;
  before: string | null;
  after: string | null;
}
interface Version {
  id: string;
  status: string;
  number: number | null;
  score: number;
  lowerBound: number;
  gapPct: number;
  violations: Issue[];
  changes: Change[];
  assignments: { agentId: string; day: string; activityId: string; siteId: string }[];
}

const PALETTE = ["#dbeafe", "#dcfce7", "#fef9c3", "#fce7f3", "#ede9fe", "#ffedd5"];

function days(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
const shortDay = (d: string) =>
  new Date(`${d}T00:00:00Z`).toLocaleDateString("fr-FR", {
    weekday: "short",
    day: "numeric",
    timeZone: "UTC",
  });

export function RosterPage() {
  const { t } = useTranslation(NS);
  const list = useLoad((signal) => api.get<{ items: Period[] }>("/api/rosters", undefined, signal), []);
  const sites = useLoad((signal) => api.get<Page<Site>>("/api/sites", { limit: 200 }, signal), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({ name: "", start: "", end: "", siteIds: [] as string[] });

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const p = await api.post<Period>("/api/rosters", {
        name: form.name,
        startDate: form.start,
        endDate: form.end,
        siteIds: form.siteIds,
      });
      list.reload();
      setSelected(p.id);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <PageTitle title={t("title")}>{t("title")}</PageTitle>
      <p>{t("intro")}</p>
      <ErrorAlert error={error ?? list.error} />
      <section aria-labelledby="periods-title">
        <h2 id="periods-title">{t("periods")}</h2>
        {list.loading && !list.data ? (
          <Loading />
        ) : list.data?.items.length ? (
          <ul>
            {list.data.items.map((p) => (
              <li key={p.id}>
                {p.name} ({p.startDate} → {p.endDate}){" "}
                <button type="button" onClick={() => setSelected(p.id)} aria-pressed={selected === p.id}>
                  {t("open")}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("none")}</p>
        )}
        <form onSubmit={(e) => void create(e)}>
          <label>
            {t("name")}{" "}
            <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </label>{" "}
          <label>
            {t("start")}{" "}
            <input
              type="date"
              required
              value={form.start}
              onChange={(e) => setForm({ ...form, start: e.target.value })}
            />
          </label>{" "}
          <label>
            {t("end")}{" "}
            <input
              type="date"
              required
              value={form.end}
              onChange={(e) => setForm({ ...form, end: e.target.value })}
            />
          </label>
          <fieldset>
            <legend>{t("sites")}</legend>
            {sites.data?.items.map((s) => (
              <label key={s.id}>
                <input
                  type="checkbox"
                  checked={form.siteIds.includes(s.id)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      siteIds: e.target.checked
                        ? [...form.siteIds, s.id]
                        : form.siteIds.filter((x) => x !== s.id),
                    })
                  }
                />{" "}
                {s.name}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t("create")}</button>
        </form>
      </section>
      {selected && <PeriodView id={selected} key={selected} />}
    </>
  );
}

function PeriodView({ id }: { id: string }) {
  const { t } = useTranslation(NS);
  const period = useLoad((signal) => api.get<Period>(`/api/rosters/${id}`, undefined, signal), [id]);
  const [versionId, setVersionId] = useState<string | null>(null);
  const shown = versionId ?? period.data?.publishedVersionId ?? null;
  const version = useLoad(
    (signal) =>
      shown
        ? api.get<Version>(`/api/rosters/${id}/versions/${shown}`, undefined, signal)
        : Promise.resolve(null),
    [id, shown],
  );
  const [seconds, setSeconds] = useState(10);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sick, setSick] = useState({ agentId: "", from: "" });

  async function run(action: () => Promise<Version>, message: (v: Version) => string) {
    setBusy(true);
    setError(null);
    try {
      const v = await action();
      setNotice(message(v));
      setVersionId(v.id);
      period.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const draftMessage = (v: Version) =>
    t("draftReady", {
      score: Math.round(v.score),
      bound: Math.round(v.lowerBound),
      gap: v.gapPct.toFixed(1),
    });

  if (!period.data) return period.error ? <ErrorAlert error={period.error} /> : <Loading />;
  const p = period.data;
  const dayList = days(p.startDate, p.endDate);
  const v = version.data;
  const teams = [...new Set(p.agents.map((a) => a.team ?? ""))];
  const cell = new Map((v?.assignments ?? []).map((a) => [`${a.agentId}:${a.day}`, a]));
  const activityName = new Map(p.needs.map((n) => [n.activityId, n.activityName]));
  const siteName = new Map(p.sites.map((s) => [s.id, s.name]));
  const siteColour = new Map(p.sites.map((s, i) => [s.id, PALETTE[i % PALETTE.length]]));
  const onSite = p.agents.filter((a) => dayList.some((d) => cell.has(`${a.id}:${d}`)));
  const assigned = new Map<string, number>();
  for (const a of v?.assignments ?? [])
    assigned.set(`${a.activityId}:${a.day}`, (assigned.get(`${a.activityId}:${a.day}`) ?? 0) + 1);
  const activities = [...new Map(p.needs.map((n) => [n.activityId, n])).values()];
  const need = new Map(p.needs.map((n) => [`${n.activityId}:${n.day}`, n.count]));

  return (
    <section aria-labelledby="period-title">
      <h2 id="period-title">{p.name}</h2>
      <Notice message={notice} />
      <ErrorAlert error={error} />
      <p>
        <label>
          {t("seconds")}{" "}
          <input
            type="number"
            min={1}
            max={600}
            value={seconds}
            onChange={(e) => setSeconds(Number(e.target.value))}
          />
        </label>{" "}
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(() => api.post<Version>(`/api/rosters/${id}/solve`, { seconds }), draftMessage)
          }
        >
          {busy ? t("generating") : t("generate")}
        </button>{" "}
        {v && v.status === "draft" && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(
                () => api.post<Version>(`/api/rosters/${id}/versions/${v.id}/publish`),
                (x) => t("published", { number: x.number }),
              )
            }
          >
            {t("publish")}
          </button>
        )}
      </p>
      <p>
        <label>
          {t("version")}{" "}
          <select value={shown ?? ""} onChange={(e) => setVersionId(e.target.value || null)}>
            <option value="">—</option>
            {p.versions.map((x) => (
              <option key={x.id} value={x.id}>
                {x.status === "published" ? t("versionN", { number: x.number }) : t("draft")} —{" "}
                {new Date(x.createdAt).toLocaleString("fr-FR")} — {Math.round(x.score)}
              </option>
            ))}
          </select>
        </label>
        {shown && (
          <>
            {" "}
            <a href={`/api/rosters/${id}/versions/${shown}/export.xlsx`}>{t("exportXlsx")}</a>{" "}
            <a href={`/api/rosters/${id}/versions/${shown}/export.pdf`}>{t("exportPdf")}</a>
          </>
        )}
      </p>
      {p.publishedVersionId && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => api.post<Version>(`/api/rosters/${id}/sick`, { ...sick, seconds: 3 }),
              draftMessage,
            );
          }}
        >
          <label>
            {t("sickAgent")}{" "}
            <select
              required
              value={sick.agentId}
              onChange={(e) => setSick({ ...sick, agentId: e.target.value })}
            >
              <option value="">—</option>
              {p.agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>{" "}
          <label>
            {t("sick")}{" "}
            <input
              type="date"
              required
              value={sick.from}
              onChange={(e) => setSick({ ...sick, from: e.target.value })}
            />
          </label>{" "}
          <button type="submit" disabled={busy}>
            {t("repair")}
          </button>
        </form>
      )}
      {v && (
        <>
          <h3>{t("violations")}</h3>
          {v.violations.length === 0 ? (
            <p>{t("noViolations")}</p>
          ) : (
            <ul>
              {v.violations.slice(0, 100).map((x, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: messages may repeat
                <li key={i}>
                  {x.message}
                  {x.reason ? ` : ${x.reason}` : ""}
                </li>
              ))}
            </ul>
          )}
          {v.changes.length > 0 && (
            <table>
              <caption>{t("changesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("agent")}</th>
                  <th scope="col">{t("day")}</th>
                  <th scope="col">{t("before")}</th>
                  <th scope="col">{t("after")}</th>
                </tr>
              </thead>
              <tbody>
                {v.changes.map((c) => (
                  <tr key={`${c.agentId}:${c.day}`}>
                    <td>{c.agentName}</td>
                    <td>{shortDay(c.day)}</td>
                    <td>{c.before ?? t("offSite")}</td>
                    <td>{c.after ?? t("offSite")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="table-scroll">
            <table>
              <caption>{t("coverageCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("activity")}</th>
                  {dayList.map((d) => (
                    <th scope="col" key={d}>
                      {shortDay(d)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {activities.map((n) => (
                  <tr key={n.activityId}>
                    <th scope="row">
                      {n.activityName} ({n.siteName})
                    </th>
                    {dayList.map((d) => {
                      const want = need.get(`${n.activityId}:${d}`) ?? 0;
                      const got = assigned.get(`${n.activityId}:${d}`) ?? 0;
                      const gap = want - got;
                      return (
                        <td
                          key={d}
                          style={gap > 0 ? { background: "#fecaca", fontWeight: "bold" } : undefined}
                        >
                          {got}/{want}
                          {gap > 0 && ` — ${t("missing", { n: gap })}`}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-scroll">
            <table>
              <caption>{t("gridCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("agent")}</th>
                  <th scope="col">{t("team")}</th>
                  {dayList.map((d) => (
                    <th scope="col" key={d}>
                      {shortDay(d)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {onSite.map((a) => (
                  <tr
                    key={a.id}
                    style={{
                      borderLeft: `4px solid ${PALETTE[teams.indexOf(a.team ?? "") % PALETTE.length]}`,
                    }}
                  >
                    <th scope="row">{a.name}</th>
                    <td>{a.team ?? "—"}</td>
                    {dayList.map((d) => {
                      const c = cell.get(`${a.id}:${d}`);
                      return (
                        <td key={d} style={c ? { background: siteColour.get(c.siteId) } : undefined}>
                          {c
                            ? `${activityName.get(c.activityId) ?? "?"} — ${siteName.get(c.siteId) ?? "?"}`
                            : ""}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
