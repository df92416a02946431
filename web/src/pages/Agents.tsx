import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { api, type Page } from "../api/client";
import { nameOf, serviceTree, useReference } from "../api/reference";
import { type Agent, STATUSES } from "../api/types";
import { canEditPlan, useUser } from "../auth";
import { Options } from "../components/forms";
import { ErrorAlert, Loading, PageTitle, Pagination, useLoad } from "../components/ui";

const LIMIT = 50;

export function AgentsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const ref = useReference(["services", "sites"]);
  const [params, setParams] = useSearchParams();
  const filters = {
    q: params.get("q") ?? "",
    serviceId: params.get("serviceId") ?? "",
    siteId: params.get("siteId") ?? "",
    status: params.get("status") ?? "",
    canTelework: params.get("canTelework") ?? "",
    equipped: params.get("equipped") ?? "",
    offset: Number(params.get("offset") ?? 0) || 0,
  };
  const [draft, setDraft] = useState(filters);
  const key = params.toString();
  const list = useLoad(
    (signal) =>
      api.get<Page<Agent>>(
        "/api/agents",
        {
          q: filters.q,
          serviceId: filters.serviceId,
          siteId: filters.siteId,
          status: filters.status,
          canTelework: filters.canTelework,
          equipped: filters.equipped,
          limit: LIMIT,
          offset: filters.offset,
        },
        signal,
      ),
    [key],
  );
  function apply(next: typeof filters) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== "" && v !== 0) p.set(k, String(v));
    setParams(p);
  }
  const services = ref.data?.services ?? [];
  const sites = ref.data?.sites ?? [];
  return (
    <>
      <PageTitle title={t("agents.title")}>{t("agents.title")}</PageTitle>
      <p>{t("agents.intro")}</p>
      {canEditPlan(user) && (
        <p>
          <Link className="button" to="/agents/import">
            {t("agents.importLink")}
          </Link>
        </p>
      )}
      <form
        className="filters"
        aria-label={t("agents.searchLabel")}
        onSubmit={(e) => {
          e.preventDefault();
          apply({ ...draft, offset: 0 });
        }}
      >
        <div className="field">
          <label htmlFor="agents-q">{t("common.search")}</label>
          <input
            id="agents-q"
            type="search"
            aria-describedby="agents-q-hint"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
          <p className="hint" id="agents-q-hint">
            {t("agents.searchHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor="agents-service">{t("agents.service")}</label>
          <select
            id="agents-service"
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
          <label htmlFor="agents-site">{t("agents.site")}</label>
          <select
            id="agents-site"
            value={draft.siteId}
            onChange={(e) => setDraft({ ...draft, siteId: e.target.value })}
          >
            <Options items={sites} empty={t("common.all")} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="agents-status">{t("agents.todayStatus")}</label>
          <select
            id="agents-status"
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          >
            <option value="">{t("common.all")}</option>
            <option value="none">{t("agents.noStatus")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="agents-telework">{t("agents.canTelework")}</label>
          <select
            id="agents-telework"
            value={draft.canTelework}
            onChange={(e) => setDraft({ ...draft, canTelework: e.target.value })}
          >
            <option value="">{t("common.all")}</option>
            <option value="true">{t("common.yes")}</option>
            <option value="false">{t("common.no")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="agents-equipped">{t("agents.equipped")}</label>
          <select
            id="agents-equipped"
            value={draft.equipped}
            onChange={(e) => setDraft({ ...draft, equipped: e.target.value })}
          >
            <option value="">{t("common.all")}</option>
            <option value="true">{t("common.yes")}</option>
            <option value="false">{t("common.no")}</option>
          </select>
        </div>
        <button type="submit">{t("common.applyFilters")}</button>
      </form>
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <table>
            <caption>{t("agents.caption", { count: list.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("agents.name")}</th>
                <th scope="col">{t("agents.staffNumber")}</th>
                <th scope="col">{t("agents.service")}</th>
                <th scope="col">{t("agents.site")}</th>
                <th scope="col">{t("agents.jobTitle")}</th>
                <th scope="col">{t("agents.canTelework")}</th>
                <th scope="col">{t("agents.equipped")}</th>
                <th scope="col">{t("agents.todayStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.length === 0 && (
                <tr>
                  <td colSpan={8}>{t("common.empty")}</td>
                </tr>
              )}
              {list.data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link
                      to={`/agents/${a.id}`}
                    >{`${a.lastName.toLocaleUpperCase("fr")} ${a.firstName}`}</Link>
                  </th>
                  <td>{a.staffNumber}</td>
                  <td>{a.serviceName ?? nameOf(services, a.serviceId)}</td>
                  <td>{a.siteName ?? nameOf(sites, a.siteId)}</td>
                  <td>{a.jobTitle}</td>
                  <td>{a.canTelework ? t("common.yes") : t("common.no")}</td>
                  <td>{a.equippedToTelework ? t("common.yes") : t("common.no")}</td>
                  <td>{a.statusToday ? t(`statuses.${a.statusToday}`) : t("agents.noStatus")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination
            total={list.data.total}
            limit={LIMIT}
            offset={filters.offset}
            onChange={(o) => apply({ ...filters, offset: o })}
            label={t("common.paginationOf", { what: t("agents.title") })}
          />
        </>
      )}
    </>
  );
}
