// The organisation's additions to the urgency lexicon: per flag, words or phrases added and default
// words removed; saved as a whole (PUT /api/triage/lexicon, checked by the server). A "try a text"
// box runs POST /api/triage with the saved lexicon and routing rules.
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useUser } from "../../auth";
import { ErrorSummary, FormActions, TextArea, TextField, useFormErrors } from "../../components/forms";
import { ErrorAlert, Loading, Notice, PageTitle, useLoad } from "../../components/ui";
import { NS } from "./i18n";
import { FlagList } from "./QueuePage";
import { FLAG_CODES, type LexiconExtension, type TriageView } from "./types";

type FlagCode = (typeof FLAG_CODES)[number];
type ListKind = "terms" | "falseAlarms" | "remove";
const LIST_KINDS: ListKind[] = ["terms", "falseAlarms", "remove"];
const EDITORS = ["admin", "pca_manager"];

export function LexiconPage() {
  const { t } = useTranslation(NS);
  const user = useUser();
  const saved = useLoad((signal) => api.get<LexiconExtension>("/api/triage/lexicon", undefined, signal), []);
  const [draft, setDraft] = useState<LexiconExtension | null>(null);
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useFormErrors();
  const canEdit = EDITORS.includes(user.role);

  useEffect(() => {
    if (saved.data) setDraft(saved.data);
  }, [saved.data]);

  function update(code: FlagCode, kind: ListKind, next: string[]) {
    setDraft((d) => {
      const flags = { ...(d?.flags ?? {}) };
      const entry = { ...(flags[code] ?? {}) };
      if (next.length > 0) entry[kind] = next;
      else delete entry[kind];
      if (Object.keys(entry).length > 0) flags[code] = entry;
      else delete flags[code];
      const out: LexiconExtension = { ...(d ?? {}), flags };
      if (Object.keys(flags).length === 0) delete out.flags;
      return out;
    });
    setDirty(true);
    setNotice(null);
  }

  /** Organisation-wide lists: negation cues ("jamais") and "not urgent" phrases. */
  function updateGlobal(kind: "cues" | "notUrgent", next: string[]) {
    setDraft((d) => {
      const out: LexiconExtension = { ...(d ?? {}) };
      if (kind === "cues") {
        const negation = { ...(out.negation ?? {}) };
        if (next.length > 0) negation.cues = next;
        else delete negation.cues;
        if (Object.keys(negation).length > 0) out.negation = negation;
        else delete out.negation;
      } else if (next.length > 0) out.notUrgent = next;
      else delete out.notUrgent;
      return out;
    });
    setDirty(true);
    setNotice(null);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    form.clear();
    try {
      const next = await api.put<LexiconExtension>("/api/triage/lexicon", draft);
      saved.setData(next);
      setDirty(false);
      setNotice(t("lexiconSaved"));
    } catch (err) {
      form.fromError(err);
    }
  }

  return (
    <>
      <PageTitle title={t("lexiconTitle")}>{t("lexiconTitle")}</PageTitle>
      <p>{t("lexiconIntro")}</p>
      <p className="hint">{t("lexiconSyntax")}</p>
      {!canEdit && <p>{t("lexiconReadOnly")}</p>}
      {saved.loading && !saved.data && <Loading />}
      <ErrorAlert error={saved.error} />
      <Notice message={notice} />
      {draft && (
        <form noValidate onSubmit={(e) => void save(e)} aria-labelledby="page-title">
          <ErrorSummary
            message={form.message}
            errors={form.errors}
            fieldIds={() => null}
            labels={(f) => f}
            focusKey={form.focusKey}
          />
          <h2>{t("lexiconFlags")}</h2>
          {FLAG_CODES.map((code) => {
            const flag = t(`flags.${code}`);
            return (
              <fieldset key={code} className="panel">
                <legend>{flag}</legend>
                {LIST_KINDS.map((kind) => (
                  <TermList
                    key={kind}
                    id={`lx-${code}-${kind}`}
                    title={t(`lexiconList.${kind}`)}
                    none={t(`lexiconNone.${kind}`)}
                    addLabel={t(`lexiconAddTo.${kind}`, { flag })}
                    hint={kind === "terms" ? undefined : t(`lexiconHint.${kind}`)}
                    context={flag}
                    values={draft.flags?.[code]?.[kind] ?? []}
                    canEdit={canEdit}
                    onChange={(next) => update(code, kind, next)}
                  />
                ))}
              </fieldset>
            );
          })}
          <fieldset className="panel">
            <legend>{t("lexiconGeneral")}</legend>
            <TermList
              id="lx-cues"
              title={t("lexiconList.cues")}
              none={t("lexiconNone.cues")}
              addLabel={t("lexiconAddTo.cues")}
              hint={t("lexiconHint.cues")}
              context={t("lexiconGeneral")}
              values={draft.negation?.cues ?? []}
              canEdit={canEdit}
              onChange={(next) => updateGlobal("cues", next)}
            />
            <TermList
              id="lx-not-urgent"
              title={t("lexiconList.notUrgent")}
              none={t("lexiconNone.notUrgent")}
              addLabel={t("lexiconAddTo.notUrgent")}
              hint={t("lexiconHint.notUrgent")}
              context={t("lexiconGeneral")}
              values={draft.notUrgent ?? []}
              canEdit={canEdit}
              onChange={(next) => updateGlobal("notUrgent", next)}
            />
          </fieldset>
          {canEdit && (
            <FormActions>
              <button type="submit">{t("lexiconSave")}</button>
              {dirty && <span className="hint">{t("lexiconUnsaved")}</span>}
            </FormActions>
          )}
        </form>
      )}
      <TryText />
    </>
  );
}

function TermList({
  id,
  title,
  none,
  addLabel,
  hint,
  context,
  values,
  canEdit,
  onChange,
}: {
  id: string;
  title: string;
  none: string;
  addLabel: string;
  hint?: string;
  /** Said with each "remove" button, so that screen-reader users know which list it acts on. */
  context: string;
  values: string[];
  canEdit: boolean;
  onChange(next: string[]): void;
}) {
  const { t } = useTranslation(NS);
  const [term, setTerm] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  function add() {
    const v = term.trim();
    if (!v) {
      setError(t("required"));
      return;
    }
    if (values.includes(v)) {
      setError(t("lexiconDuplicate"));
      return;
    }
    setError(undefined);
    onChange([...values, v]);
    setTerm("");
  }
  return (
    <div>
      <h3 id={`${id}-title`}>{title}</h3>
      {values.length === 0 ? (
        <p>{none}</p>
      ) : (
        <ul aria-labelledby={`${id}-title`} className="plain-list">
          {values.map((v) => (
            <li key={v}>
              « {v} »{" "}
              {canEdit && (
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={`${t("lexiconDrop", { term: v })} (${context} — ${title})`}
                  onClick={() => onChange(values.filter((x) => x !== v))}
                >
                  {t("remove")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <div className="inline-form">
          <TextField
            id={id}
            label={addLabel}
            hint={hint}
            maxLength={300}
            value={term}
            onChange={(e) => setTerm(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
            error={error}
          />
          <button type="button" className="button-secondary" onClick={add}>
            {t("lexiconAdd")}
          </button>
        </div>
      )}
    </div>
  );
}

function TryText() {
  const { t } = useTranslation(NS);
  const [text, setText] = useState("");
  const [result, setResult] = useState<TriageView | null>(null);
  const form = useFormErrors();
  async function run(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) {
      form.show([{ field: "text", message: t("required") }], null);
      return;
    }
    form.clear();
    try {
      setResult(await api.post<TriageView>("/api/triage", { text }));
    } catch (err) {
      form.fromError(err);
    }
  }
  return (
    <section aria-labelledby="lx-try" className="panel">
      <h2 id="lx-try">{t("tryTitle")}</h2>
      <p>{t("tryIntro")}</p>
      <form noValidate onSubmit={(e) => void run(e)}>
        <ErrorSummary
          message={form.message}
          errors={form.errors}
          fieldIds={() => "lx-try-text"}
          labels={() => t("tryText")}
          focusKey={form.focusKey}
        />
        <TextArea
          id="lx-try-text"
          label={t("tryText")}
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={form.errorFor("text")}
        />
        <FormActions>
          <button type="submit">{t("tryRun")}</button>
        </FormActions>
      </form>
      <div role="status">
        {result && (
          <>
            <h3>{t("result")}</h3>
            <p className={result.urgent ? "crit crit-1" : undefined}>
              <strong>{result.urgent ? t("resultUrgent") : t("resultNotUrgent")}</strong>
            </p>
            <FlagList flags={result.flags} />
            <dl className="details">
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
