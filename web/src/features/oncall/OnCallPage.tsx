// On-call lines: who is on call now and who follows, a quick call-log entry (POST /api/calls), and
// the rotations and overrides of a chosen line (LineEditor).
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { nameOf, useReference } from "../../api/reference";
import { useUser } from "../../auth";
import {
  type FieldMap,
  FormActions,
  FormErrors,
  Options,
  SelectField,
  TextArea,
  TextField,
  useFormErrors,
} from "../../components/forms";
import { ErrorAlert, formatDate, Loading, Notice, PageTitle, useLoad } from "../../components/ui";
import { NS } from "./i18n";
import { LineEditor } from "./LineEditor";
import { LineForm } from "./LineForm";

const MANAGERS = ["admin", "pca_manager", "service_manager"];

interface Person {
  agentId?: string;
  name?: string;
  phone?: string | null;
}
interface LineNow {
  line: { id: string; name: string; phoneNumber: string | null; serviceId: string | null };
  at: string;
  timezone: string;
  onCall: (Person & { source?: string; until?: string | null }) | null;
  next: Person[];
}
interface Call {
  id: string;
  lineId: string | null;
  receivedAt: string;
  caller: string | null;
  reason: string | null;
  outcome: string;
}

const OUTCOMES = [
  "answered",
  "advised",
  "request_created",
  "transferred_service",
  "transferred_partner",
  "emergency_services",
  "missed",
] as const;

function person(p: Person | null | undefined, fallback: string): string {
  if (!p?.name) return fallback;
  return p.phone ? `${p.name} (${p.phone})` : p.name;
}

export function OnCallPage() {
  const { t } = useTranslation(NS);
  const ref = useReference(["services"]);
  const lines = useLoad(
    (signal) => api.get<{ items: LineNow[]; total: number }>("/api/oncall/lines", undefined, signal),
    [],
  );
  const [editLineId, setEditLineId] = useState("");
  const isManager = MANAGERS.includes(useUser().role);
  const calls = useLoad(
    (signal) => api.get<{ items: Call[]; total: number }>("/api/calls", { limit: 10 }, signal),
    [],
  );

  return (
    <>
      <PageTitle title={t("title")}>{t("title")}</PageTitle>
      <p>{t("intro")}</p>
      {lines.loading && !lines.data && <Loading />}
      <ErrorAlert error={lines.error} />
      {lines.data && (
        <div className="table-scroll">
          <table>
            <caption>{t("caption", { count: lines.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("line")}</th>
                <th scope="col">{t("number")}</th>
                <th scope="col">{t("now")}</th>
                <th scope="col">{t("next")}</th>
              </tr>
            </thead>
            <tbody>
              {lines.data.items.length === 0 && (
                <tr>
                  <td colSpan={4}>{t("none")}</td>
                </tr>
              )}
              {lines.data.items.map((l) => (
                <tr key={l.line.id}>
                  <th scope="row">
                    {l.line.name}
                    {l.line.serviceId && (
                      <span className="badge"> — {nameOf(ref.data?.services, l.line.serviceId)}</span>
                    )}
                  </th>
                  <td>{l.line.phoneNumber ?? ""}</td>
                  <td>
                    <strong>{person(l.onCall, t("nobody"))}</strong>
                    {l.onCall?.source === "override" && <span className="badge"> ({t("override")})</span>}
                    {l.onCall?.until && (
                      <span className="badge"> {t("until", { date: formatDate(l.onCall.until, true) })}</span>
                    )}
                  </td>
                  <td>
                    {l.next.length === 0 ? (
                      t("nobody")
                    ) : (
                      <ol className="plain-list">
                        {l.next.map((p, i) => (
                          <li key={p.agentId ?? i}>{person(p, t("nobody"))}</li>
                        ))}
                      </ol>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="oc-edit-title" className="panel">
        <h2 id="oc-edit-title">{t("editTitle")}</h2>
        <p>{t("editIntro")}</p>
        <SelectField
          id="oc-edit-line"
          label={t("editLine")}
          value={editLineId}
          onChange={(e) => setEditLineId(e.target.value)}
        >
          <option value="">{t("chooseLine")}</option>
          {lines.data?.items.map((l) => (
            <option key={l.line.id} value={l.line.id}>
              {l.line.name}
            </option>
          ))}
        </SelectField>
        {editLineId && (
          <LineEditor
            key={editLineId}
            lineId={editLineId}
            services={ref.data?.services ?? []}
            onChanged={lines.reload}
          />
        )}
      </section>
      {isManager && (
        <section aria-labelledby="oc-new-title" className="panel">
          <h2 id="oc-new-title">{t("lineNewTitle")}</h2>
          <p>{t("lineNewIntro")}</p>
          <LineForm line={null} services={ref.data?.services ?? []} onSaved={lines.reload} />
        </section>
      )}
      <CallForm
        lines={lines.data?.items.map((l) => l.line) ?? []}
        services={ref.data?.services ?? []}
        onSaved={calls.reload}
      />
      <section aria-labelledby="calls-title">
        <h2 id="calls-title">{t("recent")}</h2>
        <ErrorAlert error={calls.error} />
        {calls.data &&
          (calls.data.items.length === 0 ? (
            <p>{t("noCalls")}</p>
          ) : (
            <table>
              <caption>{t("recentCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("receivedAt")}</th>
                  <th scope="col">{t("line")}</th>
                  <th scope="col">{t("caller")}</th>
                  <th scope="col">{t("reason")}</th>
                  <th scope="col">{t("outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {calls.data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{formatDate(c.receivedAt, true)}</th>
                    <td>{lines.data?.items.find((l) => l.line.id === c.lineId)?.line.name ?? ""}</td>
                    <td>{c.caller ?? ""}</td>
                    <td>{c.reason ?? ""}</td>
                    <td>{t(`outcomes.${c.outcome}`, { defaultValue: c.outcome })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
      </section>
    </>
  );
}

function CallForm({
  lines,
  services,
  onSaved,
}: {
  lines: { id: string; name: string }[];
  services: { id: string; name: string }[];
  onSaved(): void;
}) {
  const { t } = useTranslation(NS);
  const [lineId, setLineId] = useState("");
  const [caller, setCaller] = useState("");
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState("");
  const [minutes, setMinutes] = useState("");
  const [serviceId, setServiceId] = useState("");
  const [partner, setPartner] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const form = useFormErrors();
  const fields: FieldMap = {
    lineId: { id: "call-line", label: t("callLine") },
    caller: { id: "call-caller", label: t("caller") },
    reason: { id: "call-reason", label: t("reason") },
    outcome: { id: "call-outcome", label: t("outcome") },
    durationSeconds: { id: "call-duration", label: t("duration") },
    serviceId: { id: "call-service", label: t("service") },
    partner: { id: "call-partner", label: t("partner") },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    if (!outcome) {
      form.show([{ field: "outcome", message: t("required") }], null);
      return;
    }
    form.clear();
    try {
      await api.post("/api/calls", {
        lineId: lineId || null,
        caller: caller || undefined,
        reason: reason || undefined,
        outcome,
        durationSeconds: minutes ? Math.round(Number(minutes.replace(",", ".")) * 60) : undefined,
        serviceId: outcome === "transferred_service" && serviceId ? serviceId : undefined,
        partner: outcome === "transferred_partner" && partner ? partner : undefined,
      });
      setCaller("");
      setReason("");
      setOutcome("");
      setMinutes("");
      setNotice(t("saved"));
      onSaved();
    } catch (err) {
      form.fromError(err);
    }
  }

  return (
    <section aria-labelledby="call-title" className="panel">
      <h2 id="call-title">{t("callTitle")}</h2>
      <Notice message={notice} />
      <form noValidate onSubmit={(e) => void submit(e)}>
        <FormErrors form={form} fields={fields} />
        <SelectField
          id="call-line"
          label={t("callLine")}
          value={lineId}
          onChange={(e) => setLineId(e.target.value)}
        >
          <Options items={lines} empty={t("noLine")} />
        </SelectField>
        <TextField
          id="call-caller"
          label={t("caller")}
          value={caller}
          onChange={(e) => setCaller(e.target.value)}
          error={form.errorFor("caller")}
        />
        <TextArea
          id="call-reason"
          label={t("reason")}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={form.errorFor("reason")}
        />
        <SelectField
          id="call-outcome"
          label={t("outcome")}
          required
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          error={form.errorFor("outcome")}
        >
          <option value="">{t("choose")}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcomes.${o}`)}
            </option>
          ))}
        </SelectField>
        {outcome === "transferred_service" && (
          <SelectField
            id="call-service"
            label={t("service")}
            value={serviceId}
            onChange={(e) => setServiceId(e.target.value)}
          >
            <Options items={services} empty={t("choose")} />
          </SelectField>
        )}
        {outcome === "transferred_partner" && (
          <TextField
            id="call-partner"
            label={t("partner")}
            value={partner}
            onChange={(e) => setPartner(e.target.value)}
          />
        )}
        <TextField
          id="call-duration"
          label={t("duration")}
          inputMode="decimal"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          error={form.errorFor("durationSeconds")}
        />
        <FormActions>
          <button type="submit">{t("save")}</button>
        </FormActions>
      </form>
    </section>
  );
}
