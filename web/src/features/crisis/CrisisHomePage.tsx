// Crisis cell home: the active crisis (or none), activation and deactivation with lessons
// learned, past activations, and the scenarios (list and creation).
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../../api/client";
import { nameOf, useReference } from "../../api/reference";
import { useUser } from "../../auth";
import {
  CheckboxGroup,
  type FieldMap,
  FormActions,
  FormErrors,
  Options,
  SelectField,
  TextArea,
  TextField,
  useFormErrors,
  useSubmit,
} from "../../components/forms";
import { ErrorAlert, formatDate, Loading, Notice, PageTitle, useLoad } from "../../components/ui";
import { CrisisNav, localToIso } from "./CrisisNav";
import { NS } from "./i18n";
import "./styles.css";
import type { Activation, Scenario, ScenarioType } from "./types";

const TYPES: ScenarioType[] = ["pandemic", "site_loss", "it_outage", "flood", "heatwave", "other"];

export function CrisisHomePage() {
  const { t } = useTranslation(NS);
  const user = useUser();
  const decider = user.role === "admin" || user.role === "pca_manager";
  const reader = decider || user.role === "crisis_cell";
  const ref = useReference(["sites"]);
  const [notice, setNotice] = useState<string | null>(null);
  const current = useLoad(
    (signal) =>
      reader
        ? api.get<{ activation: Activation | null }>("/api/crisis/current", undefined, signal)
        : Promise.resolve({ activation: null }),
    [reader],
  );
  const scenarios = useLoad(
    (signal) =>
      reader
        ? api.get<Page<Scenario>>("/api/crisis/scenarios", undefined, signal)
        : Promise.resolve({ items: [], total: 0 }),
    [reader],
  );
  const history = useLoad(
    (signal) =>
      reader
        ? api.get<Page<Activation>>("/api/crisis/activations", undefined, signal)
        : Promise.resolve({ items: [], total: 0 }),
    [reader],
  );
  const sites = ref.data?.sites ?? [];
  const activation = current.data?.activation ?? null;

  return (
    <>
      <PageTitle title={t("title")}>{t("title")}</PageTitle>
      <CrisisNav />
      <Notice message={notice} />
      <section className="panel" aria-labelledby="crisis-current">
        <h2 id="crisis-current">{t("home")}</h2>
        {current.loading && !current.data ? (
          <Loading />
        ) : (
          <>
            <ErrorAlert error={current.error} />
            {activation ? (
              <>
                <p className="alert alert-info">
                  {t("active", {
                    name: activation.scenarioName,
                    level: activation.level,
                    since: formatDate(activation.startedAt, true),
                  })}
                </p>
                <p>
                  {activation.siteIds.length
                    ? t("closedSites", { list: activation.siteIds.map((id) => nameOf(sites, id)).join(", ") })
                    : t("noClosedSites")}
                </p>
                {activation.note && <p>{activation.note}</p>}
                {decider && (
                  <DeactivateForm
                    activation={activation}
                    onDone={() => {
                      setNotice(t("deactivated"));
                      current.reload();
                      history.reload();
                    }}
                  />
                )}
              </>
            ) : (
              <>
                <p>{t("none")}</p>
                {decider && (
                  <ActivateForm
                    scenarios={scenarios.data?.items ?? []}
                    sites={sites}
                    onDone={(a) => {
                      setNotice(t("activated", { name: a.scenarioName }));
                      current.reload();
                    }}
                  />
                )}
              </>
            )}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="crisis-scenarios">
        <h2 id="crisis-scenarios">{t("scenarios")}</h2>
        <ErrorAlert error={scenarios.error} />
        {scenarios.data && scenarios.data.items.length === 0 && <p>{t("noScenarios")}</p>}
        {scenarios.data && scenarios.data.items.length > 0 && (
          <div className="table-scroll">
            <table>
              <caption>{t("scenarios")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("type")}</th>
                  <th scope="col">{t("durationDays")}</th>
                  <th scope="col">{t("scenarioSites")}</th>
                </tr>
              </thead>
              <tbody>
                {scenarios.data.items.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>{t(`types.${s.type}`)}</td>
                    <td className="num">{s.durationDays}</td>
                    <td>{s.siteIds.map((id) => nameOf(sites, id)).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {decider && (
          <ScenarioForm
            sites={sites}
            onDone={(s) => {
              setNotice(t("scenarioCreated", { name: s.name }));
              scenarios.reload();
            }}
          />
        )}
      </section>

      <section className="panel" aria-labelledby="crisis-history">
        <h2 id="crisis-history">{t("history")}</h2>
        <ErrorAlert error={history.error} />
        {history.data && history.data.items.filter((a) => !a.active).length === 0 && <p>{t("noHistory")}</p>}
        <ul>
          {history.data?.items
            .filter((a) => !a.active)
            .map((a) => (
              <li key={a.id}>
                <strong>{a.scenarioName}</strong> — {t("levelN", { n: a.level })},{" "}
                {formatDate(a.startedAt, true)} → {formatDate(a.endedAt, true)}
                {a.lessonsWorked && (
                  <p>
                    {t("lessonsWorked")} : {a.lessonsWorked}
                  </p>
                )}
                {a.lessonsToChange && (
                  <p>
                    {t("lessonsToChange")} : {a.lessonsToChange}
                  </p>
                )}
              </li>
            ))}
        </ul>
      </section>
    </>
  );
}

function ActivateForm({
  scenarios,
  sites,
  onDone,
}: {
  scenarios: Scenario[];
  sites: { id: string; name: string }[];
  onDone(a: Activation): void;
}) {
  const { t } = useTranslation(NS);
  const f = useFormErrors();
  const { busy, run } = useSubmit(f);
  const [scenarioId, setScenarioId] = useState("");
  const [startedAt, setStartedAt] = useState("");
  const [level, setLevel] = useState("2");
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const fields: FieldMap = {
    scenarioId: { id: "act-scenario", label: t("scenario") },
    startedAt: { id: "act-started", label: t("startedAt") },
    level: { id: "act-level", label: t("level") },
    siteIds: { id: "act-sites", label: t("sitesClosed") },
    note: { id: "act-note", label: t("note") },
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!scenarioId) {
      f.show([{ field: "scenarioId", message: t("chooseScenario") }], null);
      return;
    }
    await run(async () => {
      const a = await api.post<Activation>("/api/crisis/activations", {
        scenarioId,
        level: Number(level),
        startedAt: localToIso(startedAt),
        siteIds: siteIds.length ? siteIds : undefined,
        note: note || undefined,
      });
      f.clear();
      onDone(a);
    });
  }
  return (
    <form noValidate onSubmit={submit} aria-labelledby="act-title">
      <h3 id="act-title">{t("activate")}</h3>
      <FormErrors form={f} fields={fields} />
      <SelectField
        id="act-scenario"
        label={t("scenario")}
        required
        value={scenarioId}
        error={f.errorFor("scenarioId")}
        onChange={(e) => setScenarioId(e.target.value)}
      >
        <Options items={scenarios} empty={t("chooseScenario")} />
      </SelectField>
      <TextField
        id="act-started"
        type="datetime-local"
        label={t("startedAt")}
        hint={t("startedAtHint")}
        value={startedAt}
        error={f.errorFor("startedAt")}
        onChange={(e) => setStartedAt(e.target.value)}
      />
      <SelectField
        id="act-level"
        label={t("level")}
        required
        value={level}
        error={f.errorFor("level")}
        onChange={(e) => setLevel(e.target.value)}
      >
        {[1, 2, 3].map((n) => (
          <option key={n} value={String(n)}>
            {t("levelN", { n })}
          </option>
        ))}
      </SelectField>
      <CheckboxGroup
        id="act-sites"
        legend={t("sitesClosed")}
        hint={t("sitesClosedHint")}
        options={sites.map((s) => ({ value: s.id, label: s.name }))}
        value={siteIds}
        onChange={setSiteIds}
        error={f.errorFor("siteIds")}
      />
      <TextArea id="act-note" label={t("note")} value={note} onChange={(e) => setNote(e.target.value)} />
      <FormActions>
        <button type="submit" className="button" disabled={busy}>
          {t("activateSubmit")}
        </button>
      </FormActions>
    </form>
  );
}

function DeactivateForm({ activation, onDone }: { activation: Activation; onDone(): void }) {
  const { t } = useTranslation(NS);
  const f = useFormErrors();
  const { busy, run } = useSubmit(f);
  const [worked, setWorked] = useState("");
  const [change, setChange] = useState("");
  const fields: FieldMap = {
    lessonsWorked: { id: "deact-worked", label: t("lessonsWorked") },
    lessonsToChange: { id: "deact-change", label: t("lessonsToChange") },
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = [
      !worked.trim() && { field: "lessonsWorked", message: t("lessonsWorked") },
      !change.trim() && { field: "lessonsToChange", message: t("lessonsToChange") },
    ].filter((x): x is { field: string; message: string } => Boolean(x));
    if (missing.length) {
      f.show(missing, null);
      return;
    }
    await run(async () => {
      await api.post(`/api/crisis/activations/${activation.id}/deactivate`, {
        lessonsWorked: worked,
        lessonsToChange: change,
      });
      f.clear();
      onDone();
    });
  }
  return (
    <form noValidate onSubmit={submit} aria-labelledby="deact-title">
      <h3 id="deact-title">{t("deactivate")}</h3>
      <FormErrors form={f} fields={fields} />
      <TextArea
        id="deact-worked"
        label={t("lessonsWorked")}
        required
        value={worked}
        error={f.errorFor("lessonsWorked")}
        onChange={(e) => setWorked(e.target.value)}
      />
      <TextArea
        id="deact-change"
        label={t("lessonsToChange")}
        required
        value={change}
        error={f.errorFor("lessonsToChange")}
        onChange={(e) => setChange(e.target.value)}
      />
      <FormActions>
        <button type="submit" className="button button-secondary" disabled={busy}>
          {t("deactivateSubmit")}
        </button>
      </FormActions>
    </form>
  );
}

function ScenarioForm({
  sites,
  onDone,
}: {
  sites: { id: string; name: string }[];
  onDone(s: Scenario): void;
}) {
  const { t } = useTranslation(NS);
  const f = useFormErrors();
  const { busy, run } = useSubmit(f);
  const [name, setName] = useState("");
  const [type, setType] = useState<ScenarioType>("site_loss");
  const [description, setDescription] = useState("");
  const [duration, setDuration] = useState("14");
  const [absent, setAbsent] = useState("0");
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const fields: FieldMap = {
    name: { id: "sc-name", label: t("name") },
    type: { id: "sc-type", label: t("type") },
    description: { id: "sc-description", label: t("description") },
    durationDays: { id: "sc-duration", label: t("durationDays") },
    absenteeismMeanPct: { id: "sc-absent", label: t("absenteeism") },
    siteIds: { id: "sc-sites", label: t("scenarioSites") },
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      f.show([{ field: "name", message: t("name") }], null);
      return;
    }
    await run(async () => {
      const s = await api.post<Scenario>("/api/crisis/scenarios", {
        name: name.trim(),
        type,
        description: description || undefined,
        durationDays: duration === "" ? undefined : Number(duration),
        absenteeismMeanPct: absent === "" ? undefined : Number(absent),
        siteIds,
      });
      f.clear();
      setName("");
      setDescription("");
      setSiteIds([]);
      onDone(s);
    });
  }
  return (
    <form noValidate onSubmit={submit} aria-labelledby="sc-title">
      <h3 id="sc-title">{t("newScenario")}</h3>
      <FormErrors form={f} fields={fields} />
      <TextField
        id="sc-name"
        label={t("name")}
        required
        value={name}
        error={f.errorFor("name")}
        onChange={(e) => setName(e.target.value)}
      />
      <SelectField
        id="sc-type"
        label={t("type")}
        required
        value={type}
        error={f.errorFor("type")}
        onChange={(e) => setType(e.target.value as ScenarioType)}
      >
        {TYPES.map((ty) => (
          <option key={ty} value={ty}>
            {t(`types.${ty}`)}
          </option>
        ))}
      </SelectField>
      <TextArea
        id="sc-description"
        label={t("description")}
        value={description}
        error={f.errorFor("description")}
        onChange={(e) => setDescription(e.target.value)}
      />
      <TextField
        id="sc-duration"
        type="number"
        min={0}
        label={t("durationDays")}
        value={duration}
        error={f.errorFor("durationDays")}
        onChange={(e) => setDuration(e.target.value)}
      />
      <TextField
        id="sc-absent"
        type="number"
        min={0}
        max={100}
        label={t("absenteeism")}
        value={absent}
        error={f.errorFor("absenteeismMeanPct")}
        onChange={(e) => setAbsent(e.target.value)}
      />
      <CheckboxGroup
        id="sc-sites"
        legend={t("scenarioSites")}
        options={sites.map((s) => ({ value: s.id, label: s.name }))}
        value={siteIds}
        onChange={setSiteIds}
        error={f.errorFor("siteIds")}
      />
      <FormActions>
        <button type="submit" className="button" disabled={busy}>
          {t("createScenario")}
        </button>
      </FormActions>
    </form>
  );
}
