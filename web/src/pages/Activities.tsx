import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router-dom";
import { api, type Page } from "../api/client";
import { nameOf, serviceTree, useReference } from "../api/reference";
import { type Activity, MODES } from "../api/types";
import { canManagePeople, useUser } from "../auth";
import { ErrorAlert, Loading, Notice, PageTitle, Pagination, useLoad } from "../components/ui";

const LIMIT = 50;
const SORTS = ["name", "criticality", "maxInterruptionHours", "service"] as const;

export function ActivitiesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const editable = canManagePeople(user);
  const [params, setParams] = useSearchParams();
  const ref = useReference(["services"]);
  const filters = {
    q: params.get("q") ?? "",
    serviceId: params.get("serviceId") ?? "",
    criticality: params.get("criticality") ?? "",
    mode: params.get("mode") ?? "",
    sort: params.get("sort") ?? "criticality",
    order: params.get("order") ?? "asc",
    archived: params.get("archived") === "true",
    offset: Number(params.get("offset") ?? 0) || 0,
  };
  const [draft, setDraft] = useState(filters);
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>(
    (location.state as { notice?: string } | null)?.notice ?? null,
  );
  const [actionError, setActionError] = useState<unknown>(null);
  const key = params.toString();
  const list = useLoad(
    (signal) =>
      api.get<Page<Activity>>(
        "/api/activities",
        {
          q: filters.q,
          serviceId: filters.serviceId,
          criticality: filters.criticality,
          mode: filters.mode,
          sort: filters.sort,
          order: filters.order,
          archived: filters.archived || undefined,
          limit: LIMIT,
          offset: filters.offset,
        },
        signal,
      ),
    [key],
  );

  function apply(next: typeof filters) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (v === "" || v === false || v === 0) continue;
      p.set(k, String(v));
    }
    setParams(p);
  }

  async function toggleArchive(a: Activity) {
    setActionError(null);
    try {
      await api.post(`/api/activities/${a.id}/${a.archived ? "restore" : "archive"}`);
      setNotice(t(a.archived ? "activities.restored" : "activities.archivedNotice", { name: a.name }));
      list.reload();
    } catch (err) {
      setActionError(err);
    }
  }

  const services = ref.data?.services ?? [];
  return (
    <>
      <PageTitle title={t("activities.title")}>{t("activities.title")}</PageTitle>
      <p>{t("activities.intro")}</p>
      <Notice message={notice} />
      <ErrorAlert error={actionError} />
      {editable && (
        <p>
          <Link className="button" to="/plan/activites/nouvelle">
            {t("activities.new")}
          </Link>
        </p>
      )}
      <form
        className="filters"
        aria-label={t("activities.searchLabel")}
        onSubmit={(e) => {
          e.preventDefault();
          apply({ ...draft, offset: 0 });
        }}
      >
        <div className="field">
          <label htmlFor="act-q">{t("common.search")}</label>
          <input
            id="act-q"
            type="search"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="act-service">{t("activities.service")}</label>
          <select
            id="act-service"
            value={draft.serviceId}
            onChange={(e) => setDraft({ ...draft, serviceId: e.target.value })}
          >
            <option value="">{t("common.all")}</option>
            {serviceTree(services).map(({ service: s, depth }) => (
              <option key={s.id} value={s.id}>
                {`${"\u00a0\u00a0".repeat(depth)}${s.name}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="act-criticality">{t("activities.criticality")}</label>
          <select
            id="act-criticality"
            value={draft.criticality}
            onChange={(e) => setDraft({ ...draft, criticality: e.target.value })}
          >
            <option value="">{t("common.all")}</option>
            {[1, 2, 3, 4].map((c) => (
              <option key={c} value={c}>
                {t(`criticality.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="act-mode">{t("activities.mode")}</label>
          <select
            id="act-mode"
            value={draft.mode}
            onChange={(e) => setDraft({ ...draft, mode: e.target.value })}
          >
            <option value="">{t("common.all")}</option>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`modes.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="act-sort">{t("common.sortBy")}</label>
          <select
            id="act-sort"
            value={draft.sort}
            onChange={(e) => setDraft({ ...draft, sort: e.target.value })}
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`activities.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="act-order">{t("common.order")}</label>
          <select
            id="act-order"
            value={draft.order}
            onChange={(e) => setDraft({ ...draft, order: e.target.value })}
          >
            <option value="asc">{t("common.asc")}</option>
            <option value="desc">{t("common.desc")}</option>
          </select>
        </div>
        <div className="field checkbox">
          <input
            id="act-archived"
            type="checkbox"
            checked={draft.archived}
            onChange={(e) => setDraft({ ...draft, archived: e.target.checked })}
          />
          <label htmlFor="act-archived">{t("common.showArchived")}</label>
        </div>
        <button type="submit">{t("common.applyFilters")}</button>
      </form>
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <table>
            <caption>
              {t("activities.caption", { count: list.data.total })}{" "}
              <span className="caption-sort">
                {t("common.sortedBy", {
                  field: t(`activities.sort.${filters.sort}`),
                  order: t(filters.order === "desc" ? "common.desc" : "common.asc"),
                })}
              </span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("activities.name")}</th>
                <th scope="col">{t("activities.service")}</th>
                <th scope="col">{t("activities.criticality")}</th>
                <th scope="col" className="num">
                  {t("activities.maxInterruptionShort")}
                </th>
                <th scope="col">{t("activities.minimumShort")}</th>
                <th scope="col">{t("activities.modes")}</th>
                {editable && <th scope="col">{t("common.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.length === 0 && (
                <tr>
                  <td colSpan={editable ? 7 : 6}>{t("common.empty")}</td>
                </tr>
              )}
              {list.data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/plan/activites/${a.id}`}>{a.name}</Link>
                    {a.archived && <span className="badge"> {t("common.archivedBadge")}</span>}
                  </th>
                  <td>{a.service?.name ?? nameOf(services, a.serviceId)}</td>
                  <td>
                    <span className={`crit crit-${a.criticality}`}>{t(`criticality.${a.criticality}`)}</span>
                  </td>
                  <td className="num">{t("activities.hours", { count: a.maxInterruptionHours })}</td>
                  <td>{t("activities.minimumPeople", { onSite: a.minOnSite, remote: a.minRemote })}</td>
                  <td>{a.modes.map((m) => t(`modes.${m}`)).join(", ")}</td>
                  {editable && (
                    <td className="actions">
                      <button
                        type="button"
                        className="button-secondary"
                        onClick={() => void toggleArchive(a)}
                      >
                        {a.archived ? t("common.restore") : t("common.archive")}
                        <span className="visually-hidden"> {a.name}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination
            total={list.data.total}
            limit={LIMIT}
            offset={filters.offset}
            onChange={(o) => apply({ ...filters, offset: o })}
            label={t("common.paginationOf", { what: t("activities.title") })}
          />
        </>
      )}
    </>
  );
}
