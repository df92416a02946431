// Activity board: every essential activity with its mode, agents available vs the minimum (on
// site / remote), coverage status (icon + text) and trend; filters by service, site and status.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { nameOf, useReference } from "../../api/reference";
import { Options, SelectField } from "../../components/forms";
import { ErrorAlert, formatDate, Loading, PageTitle, useLoad } from "../../components/ui";
import { CrisisNav, StatusBadge } from "./CrisisNav";
import { NS } from "./i18n";
import "./styles.css";
import type { Board, CoverageStatus } from "./types";

const STATUSES: CoverageStatus[] = ["covered", "at_risk", "not_covered", "suspended"];
const TREND_ICON = { up: "↗", down: "↘", stable: "→" } as const;

export function BoardPage() {
  const { t } = useTranslation(NS);
  const ref = useReference(["services", "sites"]);
  const [serviceId, setServiceId] = useState("");
  const [siteId, setSiteId] = useState("");
  const [status, setStatus] = useState("");
  const board = useLoad(
    (signal) =>
      api.get<Board>(
        "/api/crisis/board",
        { serviceId: serviceId || undefined, siteId: siteId || undefined, status: status || undefined },
        signal,
      ),
    [serviceId, siteId, status],
  );
  const data = board.data;
  return (
    <>
      <PageTitle title={t("board")}>{t("board")}</PageTitle>
      <CrisisNav />
      {data && (
        <p>
          {data.activation
            ? t("active", {
                name: data.activation.scenarioName,
                level: data.activation.level,
                since: formatDate(data.activation.startedAt, true),
              })
            : t("none")}
        </p>
      )}
      <form className="filters" aria-label={t("filters")} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="board-service"
          label={t("service")}
          value={serviceId}
          onChange={(e) => setServiceId(e.target.value)}
        >
          <Options items={ref.data?.services} empty={t("all")} />
        </SelectField>
        <SelectField
          id="board-site"
          label={t("site")}
          value={siteId}
          onChange={(e) => setSiteId(e.target.value)}
        >
          <Options items={ref.data?.sites} empty={t("all")} />
        </SelectField>
        <SelectField
          id="board-status"
          label={t("statusLabel")}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        >
          <option value="">{t("allStatuses")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
      </form>
      <ErrorAlert error={board.error} />
      {board.loading && !data && <Loading />}
      {data && (
        <>
          <p role="status">{t("counts", data.counts)}</p>
          {data.items.length === 0 ? (
            <p>{t("noRows")}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption>{t("boardCaption", { day: formatDate(data.day) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("activity")}</th>
                    <th scope="col">{t("service")}</th>
                    <th scope="col">{t("site")}</th>
                    <th scope="col">{t("modeLabel")}</th>
                    <th scope="col">{t("available")}</th>
                    <th scope="col">{t("minimum")}</th>
                    <th scope="col">{t("statusLabel")}</th>
                    <th scope="col">{t("trendLabel")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <tr key={r.activityId}>
                      <th scope="row">{r.name}</th>
                      <td>{r.serviceName}</td>
                      <td>{nameOf(ref.data?.sites, r.siteId)}</td>
                      <td>{t(`mode.${r.mode}`)}</td>
                      <td className="num">{t("onSiteRemote", { onSite: r.onSite, remote: r.remote })}</td>
                      <td className="num">
                        {t("onSiteRemote", { onSite: r.required.onSite, remote: r.required.total })}
                      </td>
                      <td>
                        <StatusBadge status={r.status} />
                      </td>
                      <td>
                        <span aria-hidden="true">{TREND_ICON[r.trend]} </span>
                        {t(`trend.${r.trend}`)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
