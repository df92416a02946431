import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../api/client";
import { serviceTree, useReference } from "../api/reference";
import { type Activity, EQUIPMENT_KINDS, type EquipmentKind, MODES, type Mode } from "../api/types";
import { canManagePeople, useUser } from "../auth";
import {
  CheckboxGroup,
  ErrorSummary,
  type FieldError,
  FormActions,
  Options,
  SelectField,
  TextArea,
  TextField,
  useFormErrors,
} from "../components/forms";
import { ErrorAlert, Loading, PageTitle, useLoad } from "../components/ui";

interface Draft {
  name: string;
  serviceId: string;
  siteId: string;
  description: string;
  criticality: string;
  maxInterruptionHours: string;
  minimumService: string;
  minOnSite: string;
  minRemote: string;
  modes: Mode[];
  hours: string;
  skillIds: string[];
  applicationIds: string[];
  equipmentKinds: EquipmentKind[];
}

const EMPTY: Draft = {
  name: "",
  serviceId: "",
  siteId: "",
  description: "",
  criticality: "",
  maxInterruptionHours: "",
  minimumService: "",
  minOnSite: "0",
  minRemote: "0",
  modes: [],
  hours: "",
  skillIds: [],
  applicationIds: [],
  equipmentKinds: [],
};

function toDraft(a: Activity): Draft {
  return {
    name: a.name,
    serviceId: a.serviceId,
    siteId: a.siteId ?? "",
    description: a.description ?? "",
    criticality: String(a.criticality),
    maxInterruptionHours: String(a.maxInterruptionHours),
    minimumService: a.minimumService ?? "",
    minOnSite: String(a.minOnSite ?? 0),
    minRemote: String(a.minRemote ?? 0),
    modes: a.modes ?? [],
    hours: a.hours ?? "",
    skillIds: (a.skills ?? []).map((s) => s.id),
    applicationIds: (a.applications ?? []).map((s) => s.id),
    equipmentKinds: a.equipmentKinds ?? [],
  };
}

const FIELDS: (keyof Draft)[] = [
  "name",
  "serviceId",
  "siteId",
  "description",
  "criticality",
  "maxInterruptionHours",
  "minimumService",
  "minOnSite",
  "minRemote",
  "modes",
  "hours",
  "skillIds",
  "applicationIds",
  "equipmentKinds",
];

export function ActivityFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const user = useUser();
  const editable = canManagePeople(user);
  const navigate = useNavigate();
  const ref = useReference();
  const existing = useLoad(
    (signal) => (id ? api.get<Activity>(`/api/activities/${id}`, undefined, signal) : Promise.resolve(null)),
    [id],
  );
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [archiveError, setArchiveError] = useState<unknown>(null);
  const form = useFormErrors();

  useEffect(() => {
    if (existing.data) setDraft(toDraft(existing.data));
  }, [existing.data]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const label = (f: string) => (FIELDS.includes(f as keyof Draft) ? t(`activities.fields.${f}`) : f);
  const title = id
    ? t("activities.editTitle", { name: existing.data?.name ?? "" })
    : t("activities.createTitle");

  function validate(): FieldError[] {
    const errs: FieldError[] = [];
    const req = t("form.required");
    if (!draft.name.trim()) errs.push({ field: "name", message: req });
    if (!draft.serviceId) errs.push({ field: "serviceId", message: req });
    if (!draft.criticality) errs.push({ field: "criticality", message: req });
    const intField = (f: "maxInterruptionHours" | "minOnSite" | "minRemote", required: boolean) => {
      const raw = draft[f].trim();
      if (raw === "") {
        if (required) errs.push({ field: f, message: req });
        return;
      }
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) errs.push({ field: f, message: t("form.nonNegativeInt") });
    };
    intField("maxInterruptionHours", true);
    intField("minOnSite", false);
    intField("minRemote", false);
    if (draft.modes.length === 0) errs.push({ field: "modes", message: t("activities.modesRequired") });
    return errs;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs = validate();
    if (errs.length) return form.show(errs, null);
    setBusy(true);
    const body = {
      name: draft.name.trim(),
      serviceId: draft.serviceId,
      siteId: draft.siteId || null,
      description: draft.description.trim(),
      criticality: Number(draft.criticality),
      maxInterruptionHours: Number(draft.maxInterruptionHours),
      minimumService: draft.minimumService.trim(),
      minOnSite: Number(draft.minOnSite || 0),
      minRemote: Number(draft.minRemote || 0),
      modes: draft.modes,
      hours: draft.hours.trim(),
      skillIds: draft.skillIds,
      applicationIds: draft.applicationIds,
      equipmentKinds: draft.equipmentKinds,
    };
    try {
      const saved = id
        ? await api.patch<Activity>(`/api/activities/${id}`, body)
        : await api.post<Activity>("/api/activities", body);
      void navigate("/plan/activites", {
        state: { notice: t(id ? "activities.updated" : "activities.created", { name: saved.name }) },
      });
    } catch (err) {
      form.fromError(err);
    } finally {
      setBusy(false);
    }
  }

  async function toggleArchive() {
    if (!existing.data) return;
    setArchiveError(null);
    try {
      const a = existing.data;
      await api.post(`/api/activities/${a.id}/${a.archived ? "restore" : "archive"}`);
      void navigate("/plan/activites", {
        state: {
          notice: t(a.archived ? "activities.restored" : "activities.archivedNotice", { name: a.name }),
        },
      });
    } catch (err) {
      setArchiveError(err);
    }
  }

  if ((id && existing.loading && !existing.data) || (ref.loading && !ref.data)) {
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <Loading />
      </>
    );
  }
  const r = ref.data;
  const readOnly = !editable;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plan/activites">{t("activities.backToList")}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <ErrorAlert error={existing.error ?? ref.error ?? archiveError} />
      {readOnly && <p className="alert alert-info">{t("activities.readOnly")}</p>}
      <p className="hint">{t("form.requiredHelp")}</p>
      <ErrorSummary
        message={form.message}
        errors={form.errors}
        fieldIds={(f) => (FIELDS.includes(f as keyof Draft) ? `activity-${f}` : null)}
        labels={label}
        focusKey={form.focusKey}
      />
      <form onSubmit={submit} noValidate className="wide-form">
        <fieldset disabled={readOnly || busy} className="plain">
          <legend className="visually-hidden">{title}</legend>
          <h2>{t("activities.sectionIdentity")}</h2>
          <TextField
            id="activity-name"
            label={label("name")}
            required
            maxLength={200}
            value={draft.name}
            onChange={(e) => set("name", e.target.value)}
            error={form.errorFor("name")}
          />
          <SelectField
            id="activity-serviceId"
            label={label("serviceId")}
            required
            value={draft.serviceId}
            onChange={(e) => set("serviceId", e.target.value)}
            error={form.errorFor("serviceId")}
          >
            <option value="">{t("form.choose")}</option>
            {serviceTree(r?.services ?? []).map(({ service: s, depth }) => (
              <option key={s.id} value={s.id}>
                {`${"\u00a0\u00a0".repeat(depth)}${s.name}`}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="activity-siteId"
            label={label("siteId")}
            value={draft.siteId}
            onChange={(e) => set("siteId", e.target.value)}
            error={form.errorFor("siteId")}
          >
            <Options items={r?.sites} empty={t("activities.noSite")} />
          </SelectField>
          <TextArea
            id="activity-description"
            label={label("description")}
            value={draft.description}
            onChange={(e) => set("description", e.target.value)}
            error={form.errorFor("description")}
          />
          <h2>{t("activities.sectionContinuity")}</h2>
          <SelectField
            id="activity-criticality"
            label={label("criticality")}
            hint={t("activities.criticalityHint")}
            required
            value={draft.criticality}
            onChange={(e) => set("criticality", e.target.value)}
            error={form.errorFor("criticality")}
          >
            <option value="">{t("form.choose")}</option>
            {[1, 2, 3, 4].map((c) => (
              <option key={c} value={c}>
                {t(`criticality.${c}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="activity-maxInterruptionHours"
            label={label("maxInterruptionHours")}
            hint={t("activities.maxInterruptionHint")}
            required
            type="number"
            inputMode="numeric"
            min={0}
            value={draft.maxInterruptionHours}
            onChange={(e) => set("maxInterruptionHours", e.target.value)}
            error={form.errorFor("maxInterruptionHours")}
          />
          <TextArea
            id="activity-minimumService"
            label={label("minimumService")}
            hint={t("activities.minimumServiceHint")}
            value={draft.minimumService}
            onChange={(e) => set("minimumService", e.target.value)}
            error={form.errorFor("minimumService")}
          />
          <div className="field-row">
            <TextField
              id="activity-minOnSite"
              label={label("minOnSite")}
              type="number"
              inputMode="numeric"
              min={0}
              value={draft.minOnSite}
              onChange={(e) => set("minOnSite", e.target.value)}
              error={form.errorFor("minOnSite")}
            />
            <TextField
              id="activity-minRemote"
              label={label("minRemote")}
              type="number"
              inputMode="numeric"
              min={0}
              value={draft.minRemote}
              onChange={(e) => set("minRemote", e.target.value)}
              error={form.errorFor("minRemote")}
            />
          </div>
          <CheckboxGroup
            id="activity-modes"
            legend={label("modes")}
            required
            options={MODES.map((m) => ({ value: m, label: t(`modes.${m}`) }))}
            value={draft.modes}
            onChange={(v) => set("modes", v)}
            error={form.errorFor("modes")}
          />
          <TextField
            id="activity-hours"
            label={label("hours")}
            hint={t("activities.hoursHint")}
            value={draft.hours}
            onChange={(e) => set("hours", e.target.value)}
            error={form.errorFor("hours")}
          />
          <h2>{t("activities.sectionNeeds")}</h2>
          <CheckboxGroup
            id="activity-skillIds"
            legend={label("skillIds")}
            columns
            options={(r?.skills ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={draft.skillIds}
            onChange={(v) => set("skillIds", v)}
            error={form.errorFor("skillIds")}
          />
          <CheckboxGroup
            id="activity-applicationIds"
            legend={label("applicationIds")}
            columns
            options={(r?.applications ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={draft.applicationIds}
            onChange={(v) => set("applicationIds", v)}
            error={form.errorFor("applicationIds")}
          />
          <CheckboxGroup
            id="activity-equipmentKinds"
            legend={label("equipmentKinds")}
            hint={t("activities.equipmentHint")}
            columns
            options={EQUIPMENT_KINDS.map((k) => ({ value: k, label: t(`equipmentKinds.${k}`) }))}
            value={draft.equipmentKinds}
            onChange={(v) => set("equipmentKinds", v)}
            error={form.errorFor("equipmentKinds")}
          />
        </fieldset>
        {editable && (
          <FormActions>
            <button type="submit" disabled={busy}>
              {id ? t("common.save") : t("activities.create")}
            </button>
            <Link className="button button-secondary" to="/plan/activites">
              {t("common.cancel")}
            </Link>
            {existing.data && (
              <button type="button" className="button-secondary" onClick={() => void toggleArchive()}>
                {existing.data.archived ? t("common.restore") : t("common.archive")}
              </button>
            )}
          </FormActions>
        )}
      </form>
    </>
  );
}
