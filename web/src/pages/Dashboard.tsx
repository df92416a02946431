import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../api/client";
import { STATUSES, type Status } from "../api/types";
import { useUser } from "../auth";
import { LineChart, type Series, StackedBarChart } from "../components/charts";
import { ErrorAlert, formatDate, formatNumber, Loading, PageTitle, useLoad } from "../components/ui";

type Counts = Record<Status, number>;

export interface Shortfall {
  activity: {
    id: string;
    name: string;
    criticality: number;
    serviceId: string;
    serviceName: string;
    siteId: string | null;
    siteName: string | null;
  };
  minOnSite: number;
  minRemote: number;
  qualifiedTotal: number;
  qualifiedOnSite: number;
  qualifiedRemoteEquipped: number;
  teleworkNotEquipped: number;
  absent: number;
  notRecorded: number;
  missingOnSite: number;
  missingRemote: number;
  explanation: string;
}

export interface Dashboard {
  day: string;
  days: number;
  scope: "org" | "services";
  agents: number;
  today: { byStatus: Counts; notRecorded: number };
  available: number;
  teleworkShare: number | null;
  equippedToday: number;
  history: { day: string; byStatus: Counts; notRecorded: number }[];
  equipped: { day: string; count: number }[];
  shortfalls: Shortfall[];
}

/** Status colours: each at least 3:1 against white (WCAG 1.4.11), named in the legend. */
export const STATUS_COLORS: Record<Status | "notRecorded", string> = {
  on_site: "#000091",
  telework: "#18753c",
  on_call: "#6e445a",
  sick: "#ce0500",
  isolated: "#b34000",
  childcare: "#716043",
  special_leave: "#0063cb",
  off: "#5a5a5a",
  notRecorded: "#8a8a8a",
};

export function DashboardPage() {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = user.role !== "agent";
  const dash = useLoad(
    (signal) =>
      allowed ? api.get<Dashboard>("/api/dashboard", { days: 30 }, signal) : Promise.resolve(null),
    [allowed],
  );
  const title = t("dashboard.title");

  if (!allowed) {
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <p>{t("dashboard.agentIntro")}</p>
        {user.agentId && (
          <p>
            <Link className="button" to={`/agents/${user.agentId}`}>
              {t("dashboard.mySheet")}
            </Link>
          </p>
        )}
      </>
    );
  }

  const d = dash.data;
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      {dash.loading && !d && <Loading />}
      <ErrorAlert error={dash.error} />
      {d && (
        <>
          <p>
            {t(d.scope === "org" ? "dashboard.introOrg" : "dashboard.introServices", {
              date: formatDate(d.day),
              agents: formatNumber(d.agents),
            })}
          </p>
          <section aria-labelledby="dash-today">
            <h2 id="dash-today">{t("dashboard.todayTitle", { date: formatDate(d.day) })}</h2>
            <ul className="cards">
              <li className="card card-strong">
                <span className="card-value" data-testid="card-available">
                  {formatNumber(d.available)}
                </span>
                <span className="card-label">{t("dashboard.available")}</span>
              </li>
              <li className="card card-strong">
                <span className="card-value" data-testid="card-telework-share">
                  {d.teleworkShare === null
                    ? t("common.notAvailable")
                    : `${formatNumber(d.teleworkShare * 100, 0)}\u00a0%`}
                </span>
                <span className="card-label">{t("dashboard.teleworkShare")}</span>
              </li>
              <li className="card card-strong">
                <span className="card-value">{formatNumber(d.equippedToday)}</span>
                <span className="card-label">{t("dashboard.equippedToday")}</span>
              </li>
              {STATUSES.map((s) => (
                <li className="card" key={s} style={{ borderTopColor: STATUS_COLORS[s] }}>
                  <span className="card-value" data-testid={`card-${s}`}>
                    {formatNumber(d.today.byStatus[s] ?? 0)}
                  </span>
                  <span className="card-label">{t(`statuses.${s}`)}</span>
                </li>
              ))}
              <li className="card" style={{ borderTopColor: STATUS_COLORS.notRecorded }}>
                <span className="card-value" data-testid="card-notRecorded">
                  {formatNumber(d.today.notRecorded)}
                </span>
                <span className="card-label">{t("dashboard.notRecorded")}</span>
              </li>
            </ul>
          </section>

          <section aria-labelledby="dash-shortfalls">
            <h2 id="dash-shortfalls">{t("dashboard.shortfallsTitle", { count: d.shortfalls.length })}</h2>
            {d.shortfalls.length === 0 ? (
              <p>{t("dashboard.noShortfall")}</p>
            ) : (
              <ul className="shortfalls">
                {d.shortfalls.map((s) => (
                  <li key={s.activity.id} className="shortfall">
                    <h3>
                      <Link to={`/plan/activites/${s.activity.id}`}>{s.activity.name}</Link>
                    </h3>
                    <p className="muted">
                      {s.activity.serviceName}
                      {s.activity.siteName ? ` — ${s.activity.siteName}` : ""} —{" "}
                      <span className={`crit crit-${s.activity.criticality}`}>
                        {t(`criticality.${s.activity.criticality}`)}
                      </span>
                    </p>
                    <p>{s.explanation}</p>
                    <dl className="figures">
                      <div>
                        <dt>{t("dashboard.sf.minimum")}</dt>
                        <dd>{t("activities.minimumPeople", { onSite: s.minOnSite, remote: s.minRemote })}</dd>
                      </div>
                      <div>
                        <dt>{t("dashboard.sf.qualified")}</dt>
                        <dd>{formatNumber(s.qualifiedTotal)}</dd>
                      </div>
                      <div>
                        <dt>{t("dashboard.sf.onSite")}</dt>
                        <dd>{formatNumber(s.qualifiedOnSite)}</dd>
                      </div>
                      <div>
                        <dt>{t("dashboard.sf.remoteEquipped")}</dt>
                        <dd>{formatNumber(s.qualifiedRemoteEquipped)}</dd>
                      </div>
                      <div>
                        <dt>{t("dashboard.sf.teleworkNotEquipped")}</dt>
                        <dd>{formatNumber(s.teleworkNotEquipped)}</dd>
                      </div>
                      <div>
                        <dt>{t("dashboard.sf.absent")}</dt>
                        <dd>{formatNumber(s.absent)}</dd>
                      </div>
                      <div>
                        <dt>{t("dashboard.sf.notRecorded")}</dt>
                        <dd>{formatNumber(s.notRecorded)}</dd>
                      </div>
                      <div>
                        <dt>{t("dashboard.sf.missing")}</dt>
                        <dd>
                          {t("activities.minimumPeople", {
                            onSite: s.missingOnSite,
                            remote: s.missingRemote,
                          })}
                        </dd>
                      </div>
                    </dl>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="dash-history">
            <h2 id="dash-history">{t("dashboard.historyTitle", { days: d.days })}</h2>
            <HistoryChart d={d} />
            <EquippedChart d={d} />
          </section>
        </>
      )}
    </>
  );
}

function HistoryChart({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const series: Series[] = [
    ...STATUSES.map((s) => ({ key: s, label: t(`statuses.${s}`), color: STATUS_COLORS[s] })),
    { key: "notRecorded", label: t("dashboard.notRecorded"), color: STATUS_COLORS.notRecorded },
  ];
  const days = d.history.map((h) => h.day);
  const value = (i: number, key: string) =>
    key === "notRecorded" ? d.history[i].notRecorded : (d.history[i].byStatus[key as Status] ?? 0);
  const last = d.history[d.history.length - 1];
  const description = last
    ? t("dashboard.historyDesc", {
        from: formatDate(d.history[0].day),
        to: formatDate(last.day),
        onSite: last.byStatus.on_site,
        telework: last.byStatus.telework,
      })
    : t("common.empty");
  return (
    <StackedBarChart
      title={t("dashboard.historyChart")}
      description={description}
      days={days}
      series={series}
      value={value}
    />
  );
}

function EquippedChart({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const days = d.equipped.map((e) => e.day);
  const first = d.equipped[0];
  const last = d.equipped[d.equipped.length - 1];
  return (
    <LineChart
      title={t("dashboard.equippedChart")}
      description={
        first && last
          ? t("dashboard.equippedDesc", {
              from: formatDate(first.day),
              first: first.count,
              to: formatDate(last.day),
              last: last.count,
            })
          : t("common.empty")
      }
      days={days}
      series={[{ key: "count", label: t("dashboard.equippedSeries"), color: "#000091" }]}
      value={(i) => d.equipped[i].count}
    />
  );
}
