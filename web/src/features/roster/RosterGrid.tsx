// The roster grid (agents × days) with hand edits: a click on a cell opens its editor, where the
// manager fixes the cell (on site on an activity, or off site — a lock the solver keeps) or frees
// it, and enters the agent's own wish for that day. Colour per site on cells and per team on
// rows, always with the words beside them.
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { ErrorAlert } from "../../components/ui";
import { NS } from "./i18n";
import {
  type Assignment,
  longDay,
  type Period,
  SITE_COLOURS,
  shortDay,
  TEAM_COLOURS,
  type Version,
} from "./types";

interface Props {
  period: Period;
  version: Version | null;
  days: string[];
  /** Blocking problems of the pre-solve check, by "agentId:day" or "agentId:" (whole period). */
  conflicts: Map<string, string>;
  onChanged: (message: string) => void;
}

const OFF = "off";

export function RosterGrid({ period: p, version: v, days, conflicts, onChanged }: Props) {
  const { t } = useTranslation(NS);
  const [showAll, setShowAll] = useState(false);
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<{ agentId: string; day: string } | null>(null);
  const cellButtons = useRef(new Map<string, HTMLButtonElement>());

  const cell = useMemo(() => new Map((v?.assignments ?? []).map((a) => [`${a.agentId}:${a.day}`, a])), [v]);
  const locks = useMemo(() => new Map(p.locks.map((l) => [`${l.agentId}:${l.day}`, l])), [p.locks]);
  const wishes = useMemo(() => new Map(p.requests.map((r) => [`${r.agentId}:${r.day}`, r])), [p.requests]);
  const activity = new Map(p.activities.map((a) => [a.id, a]));
  const siteName = new Map(p.sites.map((s) => [s.id, s.name]));
  const siteColour = new Map(p.sites.map((s, i) => [s.id, SITE_COLOURS[i % SITE_COLOURS.length]]));
  const teams = [...new Set(p.agents.flatMap((a) => (a.team ? [a.team] : [])))].sort();
  const teamColour = new Map(teams.map((team, i) => [team, TEAM_COLOURS[i % TEAM_COLOURS.length]]));
  const busy = new Set([
    ...(v?.assignments ?? []).map((a) => a.agentId),
    ...p.locks.map((l) => l.agentId),
    ...p.requests.map((r) => r.agentId),
    ...[...conflicts.keys()].map((k) => k.split(":")[0]),
  ]);
  const needle = search.trim().toLocaleLowerCase("fr");
  const rows = p.agents.filter((a) =>
    needle ? a.name.toLocaleLowerCase("fr").includes(needle) : showAll || busy.has(a.id),
  );
  const label = (a: Assignment | { activityId: string }) => {
    const act = activity.get(a.activityId);
    return act ? `${act.name} — ${siteName.get(act.siteId) ?? "?"}` : "?";
  };

  function close() {
    const key = editing ? `${editing.agentId}:${editing.day}` : null;
    setEditing(null);
    if (key) requestAnimationFrame(() => cellButtons.current.get(key)?.focus());
  }

  return (
    <section aria-labelledby="grid-title">
      <h3 id="grid-title">{t("grid")}</h3>
      <p>{t("gridHelp")}</p>
      <ul className="roster-legend" aria-label={t("legend")}>
        {p.sites.map((s) => (
          <li key={s.id}>
            <span className="roster-swatch" style={{ background: siteColour.get(s.id) }} aria-hidden="true" />
            {t("legendSite", { name: s.name })}
          </li>
        ))}
        {teams.map((team) => (
          <li key={team}>
            <span className="roster-swatch" style={{ background: teamColour.get(team) }} aria-hidden="true" />
            {t("legendTeam", { name: team })}
          </li>
        ))}
      </ul>
      <p>
        <label>
          {t("searchAgent")}{" "}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>{" "}
        <label>
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />{" "}
          {t("showAll")}
        </label>
      </p>
      {editing && (
        <CellEditor
          key={`${editing.agentId}:${editing.day}`}
          period={p}
          agentId={editing.agentId}
          day={editing.day}
          assigned={cell.get(`${editing.agentId}:${editing.day}`) ?? null}
          hasVersion={v !== null}
          conflict={
            conflicts.get(`${editing.agentId}:${editing.day}`) ?? conflicts.get(`${editing.agentId}:`) ?? null
          }
          label={label}
          onDone={(message) => {
            if (message) onChanged(message);
            close();
          }}
        />
      )}
      <div className="table-scroll">
        <table className="roster-grid">
          <caption>{t("gridCaption", { shown: rows.length, total: p.agents.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("agent")}</th>
              <th scope="col">{t("team")}</th>
              {days.map((d) => (
                <th scope="col" key={d}>
                  {shortDay(d)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                <td style={a.team ? { background: teamColour.get(a.team) } : undefined}>{a.team ?? "—"}</td>
                {days.map((d) => {
                  const key = `${a.id}:${d}`;
                  const c = cell.get(key);
                  const lock = locks.get(key);
                  const wish = wishes.get(key);
                  const conflict = conflicts.get(key);
                  const open = editing?.agentId === a.id && editing.day === d;
                  return (
                    <td key={d} style={c ? { background: siteColour.get(c.siteId) } : undefined}>
                      <button
                        type="button"
                        className="roster-cell"
                        data-cell={key}
                        aria-pressed={open}
                        ref={(el) => {
                          if (el) cellButtons.current.set(key, el);
                          else cellButtons.current.delete(key);
                        }}
                        onClick={() => setEditing({ agentId: a.id, day: d })}
                      >
                        {c ? label(c) : <span aria-hidden="true">·</span>}
                        {!c && <span className="visually-hidden">{t("offSite")}</span>}
                        {lock && (
                          <span className="roster-lock">
                            {lock.activityId === null
                              ? t("lockedOff")
                              : c?.activityId === lock.activityId
                                ? t("locked")
                                : t("lockedOn", { what: label({ activityId: lock.activityId }) })}
                          </span>
                        )}
                        {wish && (
                          <span className="roster-wish">{wish.onSite ? t("wishOn") : t("wishOff")}</span>
                        )}
                        {conflict && <span className="roster-conflict">{t("conflict")}</span>}
                        <span className="visually-hidden">
                          , {a.name}, {longDay(d)}
                        </span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CellEditor({
  period: p,
  agentId,
  day,
  assigned,
  hasVersion,
  conflict,
  label,
  onDone,
}: {
  period: Period;
  agentId: string;
  day: string;
  assigned: Assignment | null;
  hasVersion: boolean;
  conflict: string | null;
  label: (a: { activityId: string }) => string;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation(NS);
  const agent = p.agents.find((a) => a.id === agentId);
  const lock = p.locks.find((l) => l.agentId === agentId && l.day === day);
  const wish = p.requests.find((r) => r.agentId === agentId && r.day === day);
  const lockValue = lock ? (lock.activityId ?? OFF) : "";
  const wishValue = wish ? (wish.onSite ? "on" : "off") : "";
  const [fixed, setFixed] = useState(lockValue);
  const [wanted, setWanted] = useState(wishValue);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const options = (agent?.qualified ?? []).filter((id) => p.activities.some((a) => a.id === id));
  const q = `agentId=${encodeURIComponent(agentId)}&day=${encodeURIComponent(day)}`;

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (fixed !== lockValue) {
        if (fixed === "") await api.delete(`/api/rosters/${p.id}/locks?${q}`);
        else
          await api.put(`/api/rosters/${p.id}/locks`, {
            agentId,
            day,
            activityId: fixed === OFF ? null : fixed,
          });
      }
      if (wanted !== wishValue) {
        if (wanted === "") await api.delete(`/api/rosters/${p.id}/requests?${q}`);
        else await api.put(`/api/rosters/${p.id}/requests`, { agentId, day, onSite: wanted === "on" });
      }
      onDone(
        fixed === lockValue && wanted === wishValue
          ? null
          : t("cellSaved", { name: agent?.name ?? "", day: longDay(day) }),
      );
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form className="roster-editor" onSubmit={(e) => void save(e)} aria-labelledby="cell-editor-title">
      <h4 id="cell-editor-title" tabIndex={-1} ref={title}>
        {t("cellTitle", { name: agent?.name ?? "", day: longDay(day) })}
      </h4>
      <p>{assigned ? t("cellAssigned", { what: label(assigned) }) : t("cellNotAssigned")}</p>
      {conflict && <p className="alert alert-error">{conflict}</p>}
      <ErrorAlert error={error} />
      <p>
        <label htmlFor="cell-fixed">{t("cellFixed")}</label>{" "}
        <select id="cell-fixed" value={fixed} onChange={(e) => setFixed(e.target.value)}>
          <option value="">{t("cellFree")}</option>
          <option value={OFF}>{t("cellOff")}</option>
          {options.map((id) => (
            <option key={id} value={id}>
              {t("cellOn", { what: label({ activityId: id }) })}
            </option>
          ))}
        </select>{" "}
        {hasVersion && (
          <button
            type="button"
            className="button-secondary"
            onClick={() =>
              setFixed(assigned && options.includes(assigned.activityId) ? assigned.activityId : OFF)
            }
          >
            {t("cellKeep")}
          </button>
        )}
      </p>
      {options.length === 0 && <p>{t("cellNoActivity")}</p>}
      <p>
        <label htmlFor="cell-wish">{t("cellWish")}</label>{" "}
        <select id="cell-wish" value={wanted} onChange={(e) => setWanted(e.target.value)}>
          <option value="">{t("wishNone")}</option>
          <option value="on">{t("wishOnLong")}</option>
          <option value="off">{t("wishOffLong")}</option>
        </select>
      </p>
      <p>
        <button type="submit" disabled={busy}>
          {t("saveCell")}
        </button>{" "}
        <button type="button" className="button-secondary" onClick={() => onDone(null)}>
          {t("close")}
        </button>
      </p>
    </form>
  );
}
