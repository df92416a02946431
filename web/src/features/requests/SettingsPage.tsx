// Request settings of the organisation: time allowed per priority (each request's due date follows),
// the default queue, and how long closed requests are kept before they are anonymised.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useReference } from "../../api/reference";
import { useUser } from "../../auth";
import {
  ErrorSummary,
  FormActions,
  Options,
  SelectField,
  TextField,
  useFormErrors,
} from "../../components/forms";
import { ErrorAlert, Loading, Notice, PageTitle, useLoad } from "../../components/ui";
import { NS } from "./i18n";
import { PRIORITIES, type Priority, type RequestSettings } from "./types";

const EDITORS = ["admin", "pca_manager"];

export function SettingsPage() {
  const { t } = useTranslation(NS);
  const settings = useLoad(
    (signal) => api.get<RequestSettings>("/api/request-settings", undefined, signal),
    [],
  );
  return (
    <>
      <PageTitle title={t("settingsTitle")}>{t("settingsTitle")}</PageTitle>
      <p>{t("settingsIntro")}</p>
      {settings.loading && !settings.data && <Loading />}
      <ErrorAlert error={settings.error} />
      {settings.data && <SettingsForm initial={settings.data} onSaved={settings.setData} />}
    </>
  );
}

function SettingsForm({ initial, onSaved }: { initial: RequestSettings; onSaved(s: RequestSettings): void }) {
  const { t } = useTranslation(NS);
  const user = useUser();
  const ref = useReference(["services"]);
  const canEdit = EDITORS.includes(user.role);
  const [hours, setHours] = useState<Record<Priority, string>>({
    urgent: String(initial.dueHours.urgent),
    high: String(initial.dueHours.high),
    normal: String(initial.dueHours.normal),
    low: String(initial.dueHours.low),
  });
  const [retention, setRetention] = useState(String(initial.retentionDays));
  const [defaultServiceId, setDefaultServiceId] = useState(initial.defaultServiceId ?? "");
  const [notice, setNotice] = useState<string | null>(null);
  const form = useFormErrors();
  const labels = (f: string) => {
    const m = /^dueHours\/(\w+)$/.exec(f);
    if (m) return t("dueHoursFor", { priority: t(`priorities.${m[1]}`) });
    if (f === "retentionDays") return t("retentionDays");
    if (f === "defaultServiceId") return t("defaultService");
    return f;
  };
  const ids = (f: string) => {
    const m = /^dueHours\/(\w+)$/.exec(f);
    if (m) return `st-due-${m[1]}`;
    if (f === "retentionDays") return "st-retention";
    if (f === "defaultServiceId") return "st-default";
    return null;
  };
  const int = (v: string, min: number, max: number) => {
    const n = Number(v.trim());
    return /^\d+$/.test(v.trim()) && n >= min && n <= max ? n : null;
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const problems = [];
    const due: Partial<Record<Priority, number>> = {};
    for (const p of PRIORITIES) {
      const n = int(hours[p], 1, 8760);
      if (n === null)
        problems.push({ field: `dueHours/${p}`, message: t("numberRange", { min: 1, max: 8760 }) });
      else due[p] = n;
    }
    const days = int(retention, 1, 3650);
    if (days === null)
      problems.push({ field: "retentionDays", message: t("numberRange", { min: 1, max: 3650 }) });
    if (problems.length) {
      form.show(problems, null);
      return;
    }
    form.clear();
    try {
      const next = await api.put<RequestSettings>("/api/request-settings", {
        dueHours: due,
        retentionDays: days,
        defaultServiceId: defaultServiceId || null,
      });
      onSaved(next);
      setNotice(t("settingsSaved"));
    } catch (err) {
      form.fromError(err);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="page-title">
      {!canEdit && <p>{t("settingsReadOnly")}</p>}
      <Notice message={notice} />
      <ErrorSummary
        message={form.message}
        errors={form.errors}
        fieldIds={ids}
        labels={labels}
        focusKey={form.focusKey}
      />
      <fieldset className="panel" disabled={!canEdit}>
        <legend>{t("dueHoursLegend")}</legend>
        {PRIORITIES.map((p) => (
          <TextField
            key={p}
            id={`st-due-${p}`}
            label={t("dueHoursFor", { priority: t(`priorities.${p}`) })}
            inputMode="numeric"
            required
            value={hours[p]}
            onChange={(e) => setHours((h) => ({ ...h, [p]: e.target.value }))}
            error={form.errorFor(`dueHours/${p}`)}
          />
        ))}
      </fieldset>
      <div className="panel">
        <SelectField
          id="st-default"
          disabled={!canEdit}
          label={t("defaultService")}
          hint={t("defaultServiceHint")}
          value={defaultServiceId}
          onChange={(e) => setDefaultServiceId(e.target.value)}
          error={form.errorFor("defaultServiceId")}
        >
          <Options items={ref.data?.services} empty={t("defaultServiceAuto")} />
        </SelectField>
        <TextField
          id="st-retention"
          disabled={!canEdit}
          label={t("retentionDays")}
          hint={t("retentionHint")}
          inputMode="numeric"
          required
          value={retention}
          onChange={(e) => setRetention(e.target.value)}
          error={form.errorFor("retentionDays")}
        />
      </div>
      {canEdit && (
        <FormActions>
          <button type="submit">{t("settingsSave")}</button>
        </FormActions>
      )}
    </form>
  );
}
