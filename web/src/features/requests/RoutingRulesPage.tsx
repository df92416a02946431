// Routing rules: ordered list, create/edit, and a "Tester" box calling POST /api/triage.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { nameOf, useReference } from "../../api/reference";
import {
  CheckboxGroup,
  ErrorSummary,
  FormActions,
  Options,
  SelectField,
  TextArea,
  TextField,
  useFormErrors,
} from "../../components/forms";
import { ErrorAlert, Loading, Notice, PageTitle, useLoad } from "../../components/ui";
import { NS } from "./i18n";
import { FlagList } from "./QueuePage";
import {
  CHANNELS,
  type Channel,
  FLAG_CODES,
  PRIORITIES,
  type Priority,
  type RuleConditions,
  type RuleView,
  type TriageView,
} from "./types";

const split = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

function describe(c: RuleConditions, t: (k: string, o?: Record<string, unknown>) => string): string {
  const parts: string[] = [];
  if (c.channel?.length)
    parts.push(`${t("channelsField")} : ${c.channel.map((x) => t(`channels.${x}`)).join(", ")}`);
  if (c.category?.length) parts.push(`${t("categoriesField")} : ${c.category.join(", ")}`);
  if (c.anyWords?.length) parts.push(`${t("anyWords")} : ${c.anyWords.join(", ")}`);
  if (c.allWords?.length) parts.push(`${t("allWords")} : ${c.allWords.join(", ")}`);
  if (c.phrases?.length) parts.push(`${t("phrases")} : ${c.phrases.join(", ")}`);
  if (c.flags?.length) parts.push(`${t("flagsField")} : ${c.flags.map((f) => t(`flags.${f}`)).join(", ")}`);
  return parts.join(" ; ") || t("noConditions");
}

export function RoutingRulesPage() {
  const { t } = useTranslation(NS);
  const ref = useReference(["services"]);
  const rules = useLoad(
    (signal) =>
      api
        .get<{ items: RuleView[] } | RuleView[]>("/api/routing-rules", undefined, signal)
        .then((r) => (Array.isArray(r) ? r : r.items)),
    [],
  );
  const [editing, setEditing] = useState<RuleView | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const sorted = [...(rules.data ?? [])].sort((a, b) => a.position - b.position);

  async function remove(rule: RuleView) {
    setActionError(null);
    try {
      await api.delete(`/api/routing-rules/${rule.id}`);
      setNotice(t("removed"));
      rules.reload();
    } catch (err) {
      setActionError(err);
    }
  }

  return (
    <>
      <PageTitle title={t("rulesTitle")}>{t("rulesTitle")}</PageTitle>
      <p>{t("rulesIntro")}</p>
      <Notice message={notice} />
      <ErrorAlert error={actionError} />
      {editing === null && (
        <p>
          <button type="button" onClick={() => setEditing("new")}>
            {t("newRule")}
          </button>
        </p>
      )}
      {editing !== null && (
        <RuleForm
          rule={editing === "new" ? null : editing}
          nextPosition={(sorted.at(-1)?.position ?? 0) + 10}
          services={ref.data?.services ?? []}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice(t("saved"));
            rules.reload();
          }}
        />
      )}
      {rules.loading && !rules.data && <Loading />}
      <ErrorAlert error={rules.error} />
      {rules.data && (
        <div className="table-scroll">
          <table>
            <caption>{t("rulesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("position")}</th>
                <th scope="col">{t("ruleName")}</th>
                <th scope="col">{t("conditions")}</th>
                <th scope="col">{t("service")}</th>
                <th scope="col">{t("priority")}</th>
                <th scope="col">{t("edit")}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.length === 0 && (
                <tr>
                  <td colSpan={6}>{t("none")}</td>
                </tr>
              )}
              {sorted.map((r) => (
                <tr key={r.id}>
                  <td className="num">{r.position}</td>
                  <th scope="row">
                    {r.name}
                    {!r.enabled && <span className="badge"> ({t("disabled")})</span>}
                  </th>
                  <td>{describe(r.conditions, t)}</td>
                  <td>{nameOf(ref.data?.services, r.serviceId)}</td>
                  <td>{t(`priorities.${r.priority}`)}</td>
                  <td className="actions">
                    <button type="button" className="button-secondary" onClick={() => setEditing(r)}>
                      {t("edit")}
                      <span className="visually-hidden"> {r.name}</span>
                    </button>
                    <button type="button" className="button-secondary" onClick={() => void remove(r)}>
                      {t("remove")}
                      <span className="visually-hidden"> {r.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TriageBox />
    </>
  );
}

function RuleForm({
  rule,
  nextPosition,
  services,
  onCancel,
  onSaved,
}: {
  rule: RuleView | null;
  nextPosition: number;
  services: { id: string; name: string }[];
  onCancel(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation(NS);
  const c = rule?.conditions ?? {};
  const [name, setName] = useState(rule?.name ?? "");
  const [position, setPosition] = useState(String(rule?.position ?? nextPosition));
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [serviceId, setServiceId] = useState(rule?.serviceId ?? "");
  const [priority, setPriority] = useState<Priority>(rule?.priority ?? "normal");
  const [anyWords, setAnyWords] = useState((c.anyWords ?? []).join(", "));
  const [allWords, setAllWords] = useState((c.allWords ?? []).join(", "));
  const [phrases, setPhrases] = useState((c.phrases ?? []).join(", "));
  const [category, setCategory] = useState((c.category ?? []).join(", "));
  const [channel, setChannel] = useState<Channel[]>(c.channel ?? []);
  const [flags, setFlags] = useState<string[]>(c.flags ?? []);
  const form = useFormErrors();
  const labels: Record<string, string> = {
    name: t("ruleName"),
    serviceId: t("service"),
    position: t("position"),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const list = [];
    if (!name.trim()) list.push({ field: "name", message: t("required") });
    if (!serviceId) list.push({ field: "serviceId", message: t("required") });
    if (list.length) {
      form.show(list, null);
      return;
    }
    form.clear();
    const conditions: RuleConditions = {};
    if (channel.length) conditions.channel = channel;
    if (split(category).length) conditions.category = split(category);
    if (split(anyWords).length) conditions.anyWords = split(anyWords);
    if (split(allWords).length) conditions.allWords = split(allWords);
    if (split(phrases).length) conditions.phrases = split(phrases);
    if (flags.length) conditions.flags = flags;
    const body = { name, position: Number(position) || 0, enabled, serviceId, priority, conditions };
    try {
      if (rule) await api.patch(`/api/routing-rules/${rule.id}`, body);
      else await api.post("/api/routing-rules", body);
      onSaved();
    } catch (err) {
      form.fromError(err);
    }
  }

  const title = rule ? t("editRule", { name: rule.name }) : t("newRule");
  return (
    <form noValidate className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="rule-form-title">
      <h2 id="rule-form-title">{title}</h2>
      <ErrorSummary
        message={form.message}
        errors={form.errors}
        fieldIds={(f) => (labels[f] ? `rule-${f}` : null)}
        labels={(f) => labels[f] ?? f}
        focusKey={form.focusKey}
      />
      <TextField
        id="rule-name"
        label={t("ruleName")}
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={form.errorFor("name")}
      />
      <TextField
        id="rule-position"
        label={t("position")}
        type="number"
        min={0}
        value={position}
        onChange={(e) => setPosition(e.target.value)}
        error={form.errorFor("position")}
      />
      <div className="field checkbox">
        <input
          id="rule-enabled"
          type="checkbox"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        <label htmlFor="rule-enabled">{t("enabled")}</label>
      </div>
      <TextField
        id="rule-any"
        label={t("anyWords")}
        hint={t("listHint")}
        value={anyWords}
        onChange={(e) => setAnyWords(e.target.value)}
      />
      <TextField
        id="rule-all"
        label={t("allWords")}
        hint={t("listHint")}
        value={allWords}
        onChange={(e) => setAllWords(e.target.value)}
      />
      <TextField
        id="rule-phrases"
        label={t("phrases")}
        hint={t("listHint")}
        value={phrases}
        onChange={(e) => setPhrases(e.target.value)}
      />
      <TextField
        id="rule-category"
        label={t("categoriesField")}
        hint={t("listHint")}
        value={category}
        onChange={(e) => setCategory(e.target.value)}
      />
      <CheckboxGroup
        id="rule-channel"
        legend={t("channelsField")}
        options={CHANNELS.map((x) => ({ value: x, label: t(`channels.${x}`) }))}
        value={channel}
        onChange={setChannel}
      />
      <CheckboxGroup
        id="rule-flags"
        legend={t("flagsField")}
        options={FLAG_CODES.map((x) => ({ value: x as string, label: t(`flags.${x}`) }))}
        value={flags}
        onChange={setFlags}
        columns
      />
      <SelectField
        id="rule-serviceId"
        label={t("service")}
        required
        value={serviceId}
        onChange={(e) => setServiceId(e.target.value)}
        error={form.errorFor("serviceId")}
      >
        <Options items={services} empty={t("categoryChoose")} />
      </SelectField>
      <SelectField
        id="rule-priority"
        label={t("priority")}
        value={priority}
        onChange={(e) => setPriority(e.target.value as Priority)}
      >
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {t(`priorities.${p}`)}
          </option>
        ))}
      </SelectField>
      <FormActions>
        <button type="submit">{t("save")}</button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("cancel")}
        </button>
      </FormActions>
    </form>
  );
}

function TriageBox() {
  const { t } = useTranslation(NS);
  const [text, setText] = useState("");
  const [result, setResult] = useState<TriageView | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function run(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    setError(null);
    try {
      setResult(await api.post<TriageView>("/api/triage", { text }));
    } catch (err) {
      setError(err);
      setResult(null);
    }
  }
  return (
    <section aria-labelledby="triage-title" className="panel">
      <h2 id="triage-title">{t("test")}</h2>
      <p>{t("testIntro")}</p>
      <form noValidate onSubmit={(e) => void run(e)}>
        <TextArea
          id="triage-text"
          label={t("testText")}
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <FormActions>
          <button type="submit">{t("testRun")}</button>
        </FormActions>
      </form>
      <ErrorAlert error={error} />
      <div role="status" aria-live="polite">
        {result && (
          <>
            <h3>{t("result")}</h3>
            <p>
              <strong>{result.urgent ? t("resultUrgent") : t("resultNotUrgent")}</strong>
            </p>
            <dl className="details">
              <dt>{t("resultFlags")}</dt>
              <dd>{result.flags.length ? <FlagList flags={result.flags} /> : t("none")}</dd>
              <dt>{t("resultService")}</dt>
              <dd>{result.service?.name ?? t("none")}</dd>
              <dt>{t("resultRule")}</dt>
              <dd>{result.rule?.name ?? t("noRule")}</dd>
            </dl>
          </>
        )}
      </div>
    </section>
  );
}
