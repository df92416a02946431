// Rotation planner: periods, generate and publish, soft-goal weights, the pre-solve check
// (contradictory locks in words), the coverage view (needs × days, gaps in red and in words), the
// roster grid with hand edits and wishes (RosterGrid), and the repaired roster's changes.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../../api/client";
import { ErrorAlert, Loading, Notice, PageTitle, useLoad } from "../../components/ui";
import { NS } from "./i18n";
import { RosterGrid } from "./RosterGrid";
import "./roster.css";
import { Options } from "../../components/forms";
import { type Check, daysOf, type Period, type Site, shortDay, type Version } from "./types";
import { WeightsForm } from "./WeightsForm";

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
  const check = useLoad((signal) => api.get<Check>(`/api/rosters/${id}/check`, undefined, signal), [id]);
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
      check.reload();
    } finally {
      setBusy(false);
    }
  }
  const changed = (message: string) => {
    setNotice(message);
    period.reload();
    check.reload();
  };
  const draftMessage = (v: Version) =>
    t("draftReady", {
      score: Math.round(v.score),
      bound: Math.round(v.lowerBound),
      gap: v.gapPct.toFixed(1),
    });

  if (!period.data) return period.error ? <ErrorAlert error={period.error} /> : <Loading />;
  const p = period.data;
  const dayList = daysOf(p.startDate, p.endDate);
  const v = version.data ?? null;
  const assigned = new Map<string, number>();
  for (const a of v?.assignments ?? [])
    assigned.set(`${a.activityId}:${a.day}`, (assigned.get(`${a.activityId}:${a.day}`) ?? 0) + 1);
  const activities = [...new Map(p.needs.map((n) => [n.activityId, n])).values()];
  const need = new Map(p.needs.map((n) => [`${n.activityId}:${n.day}`, n.count]));
  const blocking = check.data?.errors ?? [];
  const conflicts = new Map<string, string>();
  for (const x of blocking)
    if (x.agentId) {
      const key = `${x.agentId}:${x.day ?? ""}`;
      conflicts.set(key, conflicts.has(key) ? `${conflicts.get(key)} ${x.message}` : x.message);
    }

  return (
    <section aria-labelledby="period-title">
      <h2 id="period-title">{p.name}</h2>
      <Notice message={notice} />
      <ErrorAlert error={error} />
      <section aria-labelledby="check-title">
        <h3 id="check-title">{t("checkTitle")}</h3>
        {check.data && blocking.length === 0 && (
          <p>{t("checkOk", { bound: Math.round(check.data.lowerBound) })}</p>
        )}
        {blocking.length > 0 && (
          <div className="alert alert-error">
            <p>{t("checkBlocking", { count: blocking.length })}</p>
            <ul>
              {blocking.map((x, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: messages may repeat
                <li key={i}>{x.message}</li>
              ))}
            </ul>
          </div>
        )}
        {check.data && check.data.warnings.length > 0 && (
          <details>
            <summary>{t("checkWarnings", { count: check.data.warnings.length })}</summary>
            <ul>
              {check.data.warnings.slice(0, 100).map((x, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: messages may repeat
                <li key={i}>{x.message}</li>
              ))}
            </ul>
          </details>
        )}
      </section>
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
      {v && (
        <p>
          {t("quality", {
            score: Math.round(v.score),
            bound: Math.round(v.lowerBound),
            gap: v.gapPct.toFixed(1),
          })}
        </p>
      )}
      <WeightsForm key={JSON.stringify(p.settings)} period={p} onSaved={changed} />
      {p.publishedVersionId && (
        <form
          onSubmit={(e: FormEvent) => {
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
              <Options items={p.agents} empty="—" />
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
                        <td key={d} className={gap > 0 ? "roster-gap" : undefined}>
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
        </>
      )}
      <RosterGrid period={p} version={v} days={dayList} conflicts={conflicts} onChanged={changed} />
    </section>
  );
}
