import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../api/client";
import type { AuditEntry } from "../api/types";
import { useUser } from "../auth";
import { ErrorAlert, formatDate, Loading, PageTitle, Pagination, useLoad } from "../components/ui";

const LIMIT = 50;
const ENTITIES = [
  "site",
  "service",
  "skill",
  "application",
  "activity",
  "agent",
  "daily_status",
  "equipment",
  "agent_import",
  "user",
  "session",
  "route",
];
const ACTIONS = [
  "create",
  "update",
  "archive",
  "restore",
  "login",
  "logout",
  "access_denied",
  "import",
  "lend",
  "return",
];

function startOfDay(d: string): string | undefined {
  return d ? new Date(`${d}T00:00:00`).toISOString() : undefined;
}
function endOfDay(d: string): string | undefined {
  if (!d) return undefined;
  const x = new Date(`${d}T00:00:00`);
  x.setDate(x.getDate() + 1);
  return x.toISOString();
}

function summary(v: unknown): string {
  if (v === null || v === undefined) return "";
  return JSON.stringify(v, null, 1);
}

export function AuditPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [draft, setDraft] = useState({ entity: "", action: "", from: "", to: "" });
  const [filters, setFilters] = useState(draft);
  const [offset, setOffset] = useState(0);
  const allowed = user.role === "admin";
  const list = useLoad(
    (signal) =>
      allowed
        ? api.get<Page<AuditEntry>>(
            "/api/audit",
            {
              entity: filters.entity,
              action: filters.action,
              from: startOfDay(filters.from),
              to: endOfDay(filters.to),
              limit: LIMIT,
              offset,
            },
            signal,
          )
        : Promise.resolve({ items: [], total: 0 }),
    [filters, offset, allowed],
  );

  if (!allowed) {
    return (
      <>
        <PageTitle title={t("audit.title")}>{t("audit.title")}</PageTitle>
        <p className="alert alert-info">{t("audit.adminOnly")}</p>
      </>
    );
  }

  return (
    <>
      <PageTitle title={t("audit.title")}>{t("audit.title")}</PageTitle>
      <p>{t("audit.intro")}</p>
      <form
        className="filters"
        aria-label={t("audit.searchLabel")}
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setFilters(draft);
        }}
      >
        <div className="field">
          <label htmlFor="audit-entity">{t("audit.entity")}</label>
          <select
            id="audit-entity"
            value={draft.entity}
            onChange={(e) => setDraft({ ...draft, entity: e.target.value })}
          >
            <option value="">{t("common.all")}</option>
            {ENTITIES.map((x) => (
              <option key={x} value={x}>
                {t(`audit.entities.${x}`, { defaultValue: x })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t("audit.action")}</label>
          <select
            id="audit-action"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          >
            <option value="">{t("common.all")}</option>
            {ACTIONS.map((x) => (
              <option key={x} value={x}>
                {t(`audit.actions.${x}`, { defaultValue: x })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.from")}</label>
          <input
            id="audit-from"
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("audit.to")}</label>
          <input
            id="audit-to"
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <button type="submit">{t("common.applyFilters")}</button>
      </form>
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <table>
            <caption>{t("audit.caption", { count: list.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.user")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.length === 0 && (
                <tr>
                  <td colSpan={5}>{t("common.empty")}</td>
                </tr>
              )}
              {list.data.items.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{formatDate(e.at, true)}</th>
                  <td>{e.userEmail ?? t("audit.system")}</td>
                  <td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                  <td>
                    {t(`audit.entities.${e.entity}`, { defaultValue: e.entity })}
                    {e.entityId && <span className="muted"> {e.entityId}</span>}
                  </td>
                  <td>
                    {(e.before !== null || e.after !== null) && (
                      <details>
                        <summary>{t("audit.showChange")}</summary>
                        {e.before !== null && (
                          <>
                            <p>{t("audit.before")}</p>
                            <pre>{summary(e.before)}</pre>
                          </>
                        )}
                        {e.after !== null && (
                          <>
                            <p>{t("audit.after")}</p>
                            <pre>{summary(e.after)}</pre>
                          </>
                        )}
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination
            total={list.data.total}
            limit={LIMIT}
            offset={offset}
            onChange={setOffset}
            label={t("common.paginationOf", { what: t("audit.title") })}
          />
        </>
      )}
    </>
  );
}
