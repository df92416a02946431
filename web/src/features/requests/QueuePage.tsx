// Staff queue: the requests of the user's services, most urgent first then nearest due date;
// filters by service and status; urgent flags with the words that triggered them; overdue in words.
// A phone call is noted here as a request in a few keystrokes.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api, type Page } from "../../api/client";
import { nameOf, useReference } from "../../api/reference";
import { useUser } from "../../auth";
import { Options } from "../../components/forms";
import { ErrorAlert, formatDate, Loading, PageTitle, Pagination, useLoad } from "../../components/ui";
import { NS } from "./i18n";
import { PhoneNoteForm } from "./PhoneNoteForm";
import { type Flag, type RequestListItem, STATUSES } from "./types";

const LIMIT = 50;
const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

export function FlagList({ flags }: { flags: Flag[] }) {
  const { t } = useTranslation(NS);
  if (flags.length === 0) return null;
  return (
    <ul className="plain-list">
      {flags.map((f) => (
        <li key={f.code}>
          {t("flagWords", {
            flag: t(`flags.${f.code}`, { defaultValue: f.code }),
            words: f.words.join(", "),
          })}
        </li>
      ))}
    </ul>
  );
}

export function QueuePage() {
  const { t } = useTranslation(NS);
  const user = useUser();
  const ref = useReference(["services"]);
  const [serviceId, setServiceId] = useState("");
  const [status, setStatus] = useState("open");
  const [applied, setApplied] = useState({ serviceId: "", status: "open" });
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    (signal) => {
      const params = new URLSearchParams();
      if (applied.serviceId) params.set("serviceId", applied.serviceId);
      if (applied.status === "open") params.set("open", "true");
      else if (applied.status !== "all") params.append("status", applied.status);
      params.set("limit", String(LIMIT));
      params.set("offset", String(offset));
      return api.get<Page<RequestListItem>>(`/api/requests?${params.toString()}`, undefined, signal);
    },
    [applied, offset],
  );

  function apply(e: FormEvent) {
    e.preventDefault();
    setOffset(0);
    setApplied({ serviceId, status });
  }

  const items = [...(list.data?.items ?? [])].sort(
    (a, b) =>
      Number(b.urgent) - Number(a.urgent) ||
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
      a.dueAt.localeCompare(b.dueAt),
  );

  return (
    <>
      <PageTitle title={t("queueTitle")}>{t("queueTitle")}</PageTitle>
      <p>{t("queueIntro")}</p>
      <PhoneNoteForm services={ref.data?.services ?? []} onCreated={list.reload} />
      <form className="filters" aria-label={t("filters")} onSubmit={apply}>
        <div className="field">
          <label htmlFor="rq-service">{t("service")}</label>
          <select id="rq-service" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
            <Options items={ref.data?.services} empty={t("allServices")} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="rq-status">{t("statusFilter")}</label>
          <select id="rq-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="open">{t("openOnly")}</option>
            <option value="all">{t("allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("apply")}</button>
      </form>
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <div className="table-scroll">
            <table>
              <caption>{t("caption", { count: list.data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reference")}</th>
                  <th scope="col">{t("subject")}</th>
                  <th scope="col">{t("priority")}</th>
                  <th scope="col">{t("due")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">{t("service")}</th>
                  <th scope="col">{t("assigned")}</th>
                </tr>
              </thead>
              <tbody>
                {items.length === 0 && (
                  <tr>
                    <td colSpan={7}>{t("empty")}</td>
                  </tr>
                )}
                {items.map((r) => (
                  <tr key={r.id} className={r.overdue ? "overdue" : undefined}>
                    <th scope="row">
                      <Link to={`/demandes/${r.id}`}>{r.reference}</Link>
                    </th>
                    <td>
                      {r.subject}
                      {r.requesterName && <span className="badge"> — {r.requesterName}</span>}
                      {r.reviewReason && (
                        <div>
                          <strong>{t("reviewBadge")}</strong> : {r.reviewReason}
                        </div>
                      )}
                      {r.urgent && (
                        <div className="crit crit-1">
                          <strong>{t("urgent")}</strong>
                          <FlagList flags={r.flags} />
                        </div>
                      )}
                    </td>
                    <td className={r.priority === "urgent" ? "crit crit-1" : undefined}>
                      {t(`priorities.${r.priority}`)}
                    </td>
                    <td>
                      {formatDate(r.dueAt, true)}
                      {r.overdue && (
                        <>
                          {" "}
                          <strong className="crit crit-1">({t("overdue")})</strong>
                        </>
                      )}
                    </td>
                    <td>{t(`statuses.${r.status}`)}</td>
                    <td>{nameOf(ref.data?.services, r.serviceId)}</td>
                    <td>
                      {r.assignedTo ? (r.assignedTo === user.id ? t("me") : t("someone")) : t("nobody")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            total={list.data.total}
            limit={LIMIT}
            offset={offset}
            onChange={setOffset}
            label={t("pagination")}
          />
        </>
      )}
    </>
  );
}
