import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { api, type Page } from "../api/client";
import { nameOf, useReference } from "../api/reference";
import {
  type Agent,
  type Loan,
  STATUSES,
  type Status,
  type StatusEntry,
  type StatusHistory,
} from "../api/types";
import { useUser } from "../auth";
import {
  type FieldMap,
  FormActions,
  FormErrors,
  Options,
  SelectField,
  useFormErrors,
  useSubmit,
} from "../components/forms";
import { ErrorAlert, formatDate, Loading, Notice, PageTitle, todayIso, useLoad } from "../components/ui";

export function AgentDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const user = useUser();
  const ref = useReference(["services", "sites", "skills"]);
  const agent = useLoad((signal) => api.get<Agent>(`/api/agents/${id}`, undefined, signal), [id]);
  const statuses = useLoad(
    (signal) => api.get<StatusHistory>(`/api/agents/${id}/statuses`, undefined, signal),
    [id],
  );
  const equipment = useLoad(
    (signal) => api.get<Page<Loan>>(`/api/agents/${id}/equipment`, undefined, signal),
    [id],
  );
  const [notice, setNotice] = useState<string | null>(null);

  const a = agent.data;
  const fullName = a ? `${a.firstName} ${a.lastName.toLocaleUpperCase("fr")}` : "";
  const title = a ? fullName : t("agents.detailTitle");
  const canSet =
    user.role === "admin" ||
    user.role === "pca_manager" ||
    user.role === "service_manager" ||
    (user.agentId !== null && user.agentId === id);
  const sites = ref.data?.sites ?? [];
  // "Today" is the organisation's day, as the server computes it (end of the history range).
  const today = statuses.data?.to ?? todayIso();
  const todayEntry = statuses.data?.items.find((s) => s.day === today);
  const days = [...(statuses.data?.items ?? [])].sort((x, y) => y.day.localeCompare(x.day));
  const changes = [...(statuses.data?.changes ?? [])].sort((x, y) => y.setAt.localeCompare(x.setAt));
  const loans = equipment.data?.items ?? [];
  const current = loans.filter((l) => !l.returnedOn);
  const returned = loans.filter((l) => l.returnedOn);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/agents">{t("agents.backToList")}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      {agent.loading && !a && <Loading />}
      <ErrorAlert error={agent.error} />
      <Notice message={notice} />
      {a && (
        <>
          <section aria-labelledby="agent-identity">
            <h2 id="agent-identity">{t("agents.identity")}</h2>
            <dl className="details">
              <dt>{t("agents.staffNumber")}</dt>
              <dd>{a.staffNumber}</dd>
              <dt>{t("agents.service")}</dt>
              <dd>{a.serviceName ?? nameOf(ref.data?.services, a.serviceId)}</dd>
              <dt>{t("agents.site")}</dt>
              <dd>{a.siteName ?? (nameOf(sites, a.siteId) || t("common.none"))}</dd>
              <dt>{t("agents.jobTitle")}</dt>
              <dd>{a.jobTitle || t("common.none")}</dd>
              <dt>{t("agents.canTelework")}</dt>
              <dd>{a.canTelework ? t("common.yes") : t("common.no")}</dd>
              {a.travelAuthorisation !== undefined && (
                <>
                  <dt>{t("agents.travelAuthorisation")}</dt>
                  <dd>{a.travelAuthorisation ? t("common.yes") : t("common.no")}</dd>
                </>
              )}
              <dt>{t("agents.equipped")}</dt>
              <dd>
                {a.equippedToTelework ? t("common.yes") : t("common.no")}
                {a.missingKinds && a.missingKinds.length > 0 && (
                  <>
                    {" — "}
                    {t("agents.missingKinds", {
                      kinds: a.missingKinds.map((k) => t(`equipmentKinds.${k}`)).join(", "),
                    })}
                  </>
                )}
              </dd>
              <dt>{t("agents.phone")}</dt>
              <dd>{a.phone || t("common.none")}</dd>
              <dt>{t("agents.email")}</dt>
              <dd>{a.email ? <a href={`mailto:${a.email}`}>{a.email}</a> : t("common.none")}</dd>
              {a.skillIds && (
                <>
                  <dt>{t("agents.skills")}</dt>
                  <dd>
                    {a.skillIds.length
                      ? a.skillIds.map((s) => nameOf(ref.data?.skills, s)).join(", ")
                      : t("common.none")}
                  </dd>
                </>
              )}
            </dl>
          </section>
          <section aria-labelledby="agent-today">
            <h2 id="agent-today">{t("agents.todayTitle", { date: formatDate(today) })}</h2>
            <p>
              {t("agents.currentStatus")} :{" "}
              <strong>
                {todayEntry
                  ? `${t(`statuses.${todayEntry.status}`)}${todayEntry.siteId ? ` — ${nameOf(sites, todayEntry.siteId)}` : ""}`
                  : t("agents.noStatus")}
              </strong>
            </p>
            {canSet && statuses.data && (
              <StatusForm
                agentId={id}
                day={today}
                initial={todayEntry}
                defaultSiteId={a.siteId}
                sites={sites}
                onSaved={(s) => {
                  setNotice(t("agents.statusSaved", { status: t(`statuses.${s}`), name: fullName }));
                  statuses.reload();
                }}
              />
            )}
          </section>
          <section aria-labelledby="agent-history">
            <h2 id="agent-history">{t("agents.historyTitle")}</h2>
            <ErrorAlert error={statuses.error} />
            {statuses.data && (
              <table>
                <caption>{t("agents.historyCaption", { name: fullName })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("agents.day")}</th>
                    <th scope="col">{t("agents.status")}</th>
                    <th scope="col">{t("agents.site")}</th>
                  </tr>
                </thead>
                <tbody>
                  {days.length === 0 && (
                    <tr>
                      <td colSpan={3}>{t("common.empty")}</td>
                    </tr>
                  )}
                  {days.map((s) => (
                    <tr key={s.day}>
                      <th scope="row">{formatDate(s.day)}</th>
                      <td>{t(`statuses.${s.status}`)}</td>
                      <td>{nameOf(sites, s.siteId)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {changes.length > 0 && (
              <table>
                <caption>{t("agents.changesCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("agents.changedAt")}</th>
                    <th scope="col">{t("agents.day")}</th>
                    <th scope="col">{t("agents.previousStatus")}</th>
                    <th scope="col">{t("agents.newStatus")}</th>
                    <th scope="col">{t("agents.changedBy")}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={`${c.setAt}-${c.day}-${c.status}`}>
                      <th scope="row">{formatDate(c.setAt, true)}</th>
                      <td>{formatDate(c.day)}</td>
                      <td>{c.previousStatus ? t(`statuses.${c.previousStatus}`) : t("agents.noStatus")}</td>
                      <td>
                        {t(`statuses.${c.status}`)}
                        {c.siteId ? ` — ${nameOf(sites, c.siteId)}` : ""}
                      </td>
                      <td>{c.setByEmail ?? t("audit.system")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="agent-equipment">
            <h2 id="agent-equipment">{t("agents.equipmentTitle")}</h2>
            <ErrorAlert error={equipment.error} />
            {equipment.data && current.length === 0 && <p>{t("agents.noEquipment")}</p>}
            {current.length > 0 && (
              <ul>
                {current.map((l) => (
                  <li key={l.id}>
                    {t(`equipmentKinds.${l.kind}`)} — {l.label}
                    {l.assetTag ? ` (${l.assetTag})` : ""} —{" "}
                    {t("equipment.lentOn", { date: formatDate(l.lentOn) })}
                  </li>
                ))}
              </ul>
            )}
            {returned.length > 0 && (
              <>
                <h3>{t("agents.returnedEquipment")}</h3>
                <ul>
                  {returned.map((l) => (
                    <li key={l.id}>
                      {t(`equipmentKinds.${l.kind}`)} — {l.label}
                      {l.assetTag ? ` (${l.assetTag})` : ""} —{" "}
                      {t("agents.loanPeriod", { from: formatDate(l.lentOn), to: formatDate(l.returnedOn) })}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p>
              <Link to="/materiel">{t("agents.toEquipment")}</Link>
            </p>
          </section>
        </>
      )}
    </>
  );
}

function StatusForm({
  agentId,
  day,
  initial,
  defaultSiteId,
  sites,
  onSaved,
}: {
  agentId: string;
  day: string;
  initial: StatusEntry | undefined;
  defaultSiteId: string | null;
  sites: { id: string; name: string }[];
  onSaved(s: Status): void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>(initial?.status ?? "");
  const [siteId, setSiteId] = useState<string>(initial?.siteId ?? defaultSiteId ?? "");
  const form = useFormErrors();
  const { busy, run } = useSubmit(form);
  const fields: FieldMap = {
    status: { id: "status-status", label: t("agents.status") },
    siteId: { id: "status-siteId", label: t("agents.site") },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs = [];
    if (!status) errs.push({ field: "status", message: t("form.required") });
    if (status === "on_site" && !siteId) errs.push({ field: "siteId", message: t("agents.siteRequired") });
    if (errs.length) return form.show(errs, null);
    await run(async () => {
      await api.put(`/api/agents/${agentId}/status/${day}`, {
        status,
        ...(status === "on_site" ? { siteId } : {}),
      });
      form.clear();
      onSaved(status as Status);
    });
  }

  return (
    <div className="panel">
      <h3>{t("agents.setStatus")}</h3>
      <p className="hint">{t("form.requiredHelp")}</p>
      <FormErrors form={form} fields={fields} />
      <form onSubmit={submit} noValidate className="inline-form">
        <SelectField
          id="status-status"
          label={t("agents.status")}
          required
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          error={form.errorFor("status")}
        >
          <option value="">{t("form.choose")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </SelectField>
        {status === "on_site" && (
          <SelectField
            id="status-siteId"
            label={t("agents.site")}
            required
            value={siteId}
            onChange={(e) => setSiteId(e.target.value)}
            error={form.errorFor("siteId")}
          >
            <Options items={sites} empty={t("form.choose")} />
          </SelectField>
        )}
        <FormActions>
          <button type="submit" disabled={busy}>
            {t("agents.saveStatus")}
          </button>
        </FormActions>
      </form>
    </div>
  );
}
