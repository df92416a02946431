// Creating an on-call line (the single number, a service's urgent line) or changing one: name,
// number, service and how long each phone rings before the next (POST / PATCH /api/oncall/lines).
// Managers only; the server refuses others and says why.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import {
  ErrorSummary,
  FormActions,
  Options,
  SelectField,
  TextField,
  useFormErrors,
} from "../../components/forms";
import { Notice } from "../../components/ui";
import { NS } from "./i18n";

export interface LineFields {
  id: string;
  name: string;
  phoneNumber: string | null;
  serviceId: string | null;
  ringSeconds?: number;
}

const FIELD_IDS: Record<string, string> = {
  name: "line-name",
  phoneNumber: "line-number",
  serviceId: "line-service",
  ringSeconds: "line-ring",
};

export function LineForm({
  line,
  services,
  onSaved,
}: {
  /** The line to change; none to create one. */
  line: LineFields | null;
  services: { id: string; name: string }[];
  onSaved(saved: { id: string }): void;
}) {
  const { t } = useTranslation(NS);
  const [name, setName] = useState(line?.name ?? "");
  const [phoneNumber, setPhoneNumber] = useState(line?.phoneNumber ?? "");
  const [serviceId, setServiceId] = useState(line?.serviceId ?? "");
  const [ring, setRing] = useState(String(line?.ringSeconds ?? 20));
  const [notice, setNotice] = useState<string | null>(null);
  /** Shown once, after creating the line or renewing it: the phone system and calendars need it. */
  const [token, setToken] = useState<string | null>(null);
  const form = useFormErrors();
  const labels: Record<string, string> = {
    name: t("lineName"),
    phoneNumber: t("lineNumber"),
    serviceId: t("lineService"),
    ringSeconds: t("lineRing"),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const seconds = Number(ring);
    const problems = [
      ...(name.trim() ? [] : [{ field: "name", message: t("required") }]),
      ...(Number.isInteger(seconds) && seconds >= 5 && seconds <= 120
        ? []
        : [{ field: "ringSeconds", message: t("lineRingRange") }]),
    ];
    if (problems.length > 0) {
      form.show(problems, null);
      return;
    }
    form.clear();
    const body = {
      name: name.trim(),
      phoneNumber: phoneNumber.trim(),
      serviceId: serviceId || null,
      ringSeconds: seconds,
    };
    try {
      const saved = line
        ? await api.patch<{ id: string; feedToken?: string }>(`/api/oncall/lines/${line.id}`, body)
        : await api.post<{ id: string; feedToken?: string }>("/api/oncall/lines", body);
      setNotice(line ? t("lineUpdated") : t("lineCreated", { name: body.name }));
      setToken(saved.feedToken ?? null);
      if (!line) {
        setName("");
        setPhoneNumber("");
        setServiceId("");
      }
      onSaved({ id: saved.id ?? line?.id ?? "" });
    } catch (err) {
      form.fromError(err);
    }
  }

  async function renewToken() {
    if (!line) return;
    setNotice(null);
    try {
      const renewed = await api.post<{ feedToken: string }>(`/api/oncall/lines/${line.id}/token`, {});
      setToken(renewed.feedToken);
      setNotice(t("lineTokenRenewed"));
    } catch (err) {
      form.fromError(err);
    }
  }

  const prefix = line ? "line-edit" : "line-new";
  const id = (field: string) => `${prefix}-${FIELD_IDS[field] ?? field}`;
  return (
    <form
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-label={line ? t("lineEditTitle") : t("lineNewTitle")}
    >
      <Notice message={notice} />
      {token && (
        <section className="panel" aria-label={t("lineTokenTitle")}>
          <p>{t("lineTokenIntro")}</p>
          <dl>
            <dt>{t("lineFollowMe")}</dt>
            <dd>
              <code>{`${window.location.origin}/api/public/oncall/${token}/followme`}</code>
            </dd>
            <dt>{t("lineCalendar")}</dt>
            <dd>
              <code>{`${window.location.origin}/api/public/oncall/${token}/calendar.ics`}</code>
            </dd>
          </dl>
        </section>
      )}
      <ErrorSummary
        message={form.message}
        errors={form.errors}
        fieldIds={(f) => (FIELD_IDS[f] ? id(f) : null)}
        labels={(f) => labels[f] ?? f}
        focusKey={form.focusKey}
      />
      <TextField
        id={id("name")}
        label={t("lineName")}
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={form.errorFor("name")}
      />
      <TextField
        id={id("phoneNumber")}
        label={t("lineNumber")}
        type="tel"
        autoComplete="off"
        value={phoneNumber}
        onChange={(e) => setPhoneNumber(e.target.value)}
        error={form.errorFor("phoneNumber")}
      />
      <SelectField
        id={id("serviceId")}
        label={t("lineService")}
        hint={t("lineServiceHint")}
        value={serviceId}
        onChange={(e) => setServiceId(e.target.value)}
        error={form.errorFor("serviceId")}
      >
        <Options items={services} empty={t("lineNoService")} />
      </SelectField>
      <TextField
        id={id("ringSeconds")}
        label={t("lineRing")}
        hint={t("lineRingHint")}
        inputMode="numeric"
        value={ring}
        onChange={(e) => setRing(e.target.value)}
        error={form.errorFor("ringSeconds")}
      />
      <FormActions>
        <button type="submit">{line ? t("lineSave") : t("lineCreate")}</button>
        {line && (
          <button type="button" className="button-secondary" onClick={() => void renewToken()}>
            {t("lineRenewToken")}
          </button>
        )}
      </FormActions>
    </form>
  );
}
