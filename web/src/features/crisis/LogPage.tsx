// Main courante: chronological list with filters and search, a new-entry form (actions with owner,
// due date and state), corrections written as new versions (shown), overdue actions flagged.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page, withQuery } from "../../api/client";
import { useReference } from "../../api/reference";
import { useUser } from "../../auth";
import {
  Checkbox,
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
import { ErrorAlert, formatDate, Loading, Notice, PageTitle, Pagination, useLoad } from "../../components/ui";
import { CrisisNav, localToIso } from "./CrisisNav";
import { NS } from "./i18n";
import "./styles.css";
import type { ActionState, LogEntry, LogEntryWithVersions, LogKind } from "./types";

const KINDS: LogKind[] = ["information", "event", "decision", "action", "communication"];
const STATES: ActionState[] = ["open", "done", "cancelled"];
const LIMIT = 50;

export function LogPage() {
  const { t } = useTranslation(NS);
  const user = useUser();
  const member = user.role === "admin" || user.role === "pca_manager" || user.role === "crisis_cell";
  const [notice, setNotice] = useState<string | null>(null);
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [kind, setKind] = useState("");
  const [state, setState] = useState("");
  const [overdue, setOverdue] = useState(false);
  const [serviceId, setServiceId] = useState("");
  const [siteId, setSiteId] = useState("");
  const ref = useReference(["services", "sites"]);
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<LogEntry | null>(null);
  const query = {
    q: search || undefined,
    kind: kind || undefined,
    state: state || undefined,
    overdue: overdue || undefined,
    serviceId: serviceId || undefined,
    siteId: siteId || undefined,
    order: "asc",
  };
  const log = useLoad(
    (signal) => api.get<Page<LogEntry>>("/api/crisis/log", { ...query, limit: LIMIT, offset }, signal),
    [search, kind, state, overdue, serviceId, siteId, offset],
  );
  return (
    <>
      <PageTitle title={t("log")}>{t("log")}</PageTitle>
      <CrisisNav />
      <Notice message={notice} />
      {member && (
        <EntryForm
          onDone={() => {
            setNotice(t("written"));
            log.reload();
          }}
        />
      )}
      <section className="panel" aria-labelledby="log-list-title">
        <h2 id="log-list-title">{t("logCaption")}</h2>
        <form
          className="filters"
          aria-label={t("filters")}
          onSubmit={(e) => {
            e.preventDefault();
            setOffset(0);
            setSearch(q);
          }}
        >
          <TextField
            id="log-q"
            type="search"
            label={t("search")}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <SelectField
            id="log-kind"
            label={t("filterKind")}
            value={kind}
            onChange={(e) => {
              setOffset(0);
              setKind(e.target.value);
            }}
          >
            <option value="">{t("allKinds")}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="log-state"
            label={t("filterState")}
            value={state}
            onChange={(e) => {
              setOffset(0);
              setState(e.target.value);
            }}
          >
            <option value="">{t("allStates")}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`states.${s}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="log-service"
            label={t("filterService")}
            value={serviceId}
            onChange={(e) => {
              setOffset(0);
              setServiceId(e.target.value);
            }}
          >
            <Options items={ref.data?.services} empty={t("all")} />
          </SelectField>
          <SelectField
            id="log-site"
            label={t("filterSite")}
            value={siteId}
            onChange={(e) => {
              setOffset(0);
              setSiteId(e.target.value);
            }}
          >
            <Options items={ref.data?.sites} empty={t("all")} />
          </SelectField>
          <Checkbox
            id="log-overdue"
            label={t("overdueOnly")}
            checked={overdue}
            onChange={(v) => {
              setOffset(0);
              setOverdue(v);
            }}
          />
          <button type="submit" className="button-secondary">
            {t("search")}
          </button>
        </form>
        <p>
          <a href={withQuery("/api/crisis/log/export", { ...query, format: "md" })}>{t("export")}</a>
          {" · "}
          <a href={withQuery("/api/crisis/log/export", { ...query, format: "csv" })}>{t("exportCsv")}</a>
        </p>
        <ErrorAlert error={log.error} />
        {log.loading && !log.data && <Loading />}
        {log.data && log.data.items.length === 0 && <p>{t("noEntries")}</p>}
        {log.data && log.data.items.length > 0 && (
          <ol className="plain-list crisis-log">
            {log.data.items.map((e) => (
              <li key={e.versionId} className={`panel${e.overdue ? " crisis-overdue" : ""}`}>
                <EntryView entry={e} canEdit={member} onEdit={() => setEditing(e)} />
                {editing?.id === e.id && (
                  <CorrectionForm
                    entry={e}
                    onCancel={() => setEditing(null)}
                    onDone={() => {
                      setEditing(null);
                      setNotice(t("corrected"));
                      log.reload();
                    }}
                  />
                )}
              </li>
            ))}
          </ol>
        )}
        {log.data && (
          <Pagination
            total={log.data.total}
            limit={LIMIT}
            offset={offset}
            onChange={setOffset}
            label={t("log")}
          />
        )}
      </section>
    </>
  );
}

function EntryView({ entry: e, canEdit, onEdit }: { entry: LogEntry; canEdit: boolean; onEdit(): void }) {
  const { t } = useTranslation(NS);
  const [open, setOpen] = useState(false);
  const versions = useLoad(
    (signal) =>
      open && e.version > 1
        ? api.get<LogEntryWithVersions>(`/api/crisis/log/${e.id}`, undefined, signal)
        : Promise.resolve(null),
    [open, e.id, e.version],
  );
  return (
    <article aria-labelledby={`entry-${e.id}`}>
      <h3 id={`entry-${e.id}`}>
        <span className="muted">{t(`kinds.${e.kind}`)} · </span>
        {e.title}
      </h3>
      <p className="muted">
        <time dateTime={e.occurredAt}>{formatDate(e.occurredAt, true)}</time>
        {e.authorName && ` · ${t("author")} : ${e.authorName}`}
        {e.version > 1 && ` · ${t("versionN", { n: e.version })}`}
      </p>
      {e.body && <p>{e.body}</p>}
      {e.kind === "action" && (
        <p>
          {t("dueLine", {
            owner: e.owner ?? "—",
            due: e.dueOn ? formatDate(e.dueOn) : "—",
            state: e.state ? t(`states.${e.state}`) : "—",
          })}
          {e.overdue && (
            <strong className="crisis-overdue-label">
              {" "}
              <span aria-hidden="true">⚠ </span>
              {t("overdue")}
            </strong>
          )}
        </p>
      )}
      {e.correctionReason && (
        <p className="hint">
          {t("reason")} : {e.correctionReason}
        </p>
      )}
      <div className="actions">
        {e.version > 1 && (
          <button
            type="button"
            className="button-secondary"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {t("versions")}
            <span className="visually-hidden"> — {e.title}</span>
          </button>
        )}
        {canEdit && (
          <button type="button" className="button-secondary" onClick={onEdit}>
            {t("correct")}
            <span className="visually-hidden"> — {e.title}</span>
          </button>
        )}
      </div>
      {open && versions.data && (
        <ul className="crisis-versions">
          {versions.data.versions
            .filter((v) => v.version !== e.version)
            .map((v) => (
              <li key={v.versionId}>
                <del>
                  {t("versionLine", {
                    n: v.version,
                    at: formatDate(v.versionCreatedAt, true),
                    title: v.title,
                  })}
                </del>
                {v.body && ` — ${v.body}`}
              </li>
            ))}
        </ul>
      )}
    </article>
  );
}

function EntryForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation(NS);
  const f = useFormErrors();
  const { busy, run } = useSubmit(f);
  const [kind, setKind] = useState<LogKind>("information");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [occurredAt, setOccurredAt] = useState("");
  const [owner, setOwner] = useState("");
  const [dueOn, setDueOn] = useState("");
  const fields: FieldMap = {
    kind: { id: "entry-kind", label: t("kind") },
    title: { id: "entry-title", label: t("entryTitle") },
    body: { id: "entry-body", label: t("entryBody") },
    occurredAt: { id: "entry-when", label: t("occurredAt") },
    owner: { id: "entry-owner", label: t("owner") },
    dueOn: { id: "entry-due", label: t("dueOn") },
  };
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!title.trim()) {
      f.show([{ field: "title", message: t("entryTitle") }], null);
      return;
    }
    await run(async () => {
      await api.post("/api/crisis/log", {
        kind,
        title: title.trim(),
        body: body || undefined,
        occurredAt: localToIso(occurredAt),
        owner: kind === "action" && owner.trim() ? owner.trim() : undefined,
        dueOn: kind === "action" && dueOn ? dueOn : undefined,
      });
      f.clear();
      setTitle("");
      setBody("");
      setOwner("");
      setDueOn("");
      setOccurredAt("");
      onDone();
    });
  }
  return (
    <section className="panel" aria-labelledby="entry-form-title">
      <h2 id="entry-form-title">{t("newEntry")}</h2>
      <form noValidate onSubmit={submit}>
        <FormErrors form={f} fields={fields} />
        <SelectField
          id="entry-kind"
          label={t("kind")}
          required
          value={kind}
          onChange={(e) => setKind(e.target.value as LogKind)}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="entry-title"
          label={t("entryTitle")}
          required
          value={title}
          error={f.errorFor("title")}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextArea
          id="entry-body"
          label={t("entryBody")}
          value={body}
          error={f.errorFor("body")}
          onChange={(e) => setBody(e.target.value)}
        />
        <TextField
          id="entry-when"
          type="datetime-local"
          label={t("occurredAt")}
          hint={t("occurredAtHint")}
          value={occurredAt}
          error={f.errorFor("occurredAt")}
          onChange={(e) => setOccurredAt(e.target.value)}
        />
        {kind === "action" && (
          <>
            <TextField
              id="entry-owner"
              label={t("owner")}
              value={owner}
              error={f.errorFor("owner")}
              onChange={(e) => setOwner(e.target.value)}
            />
            <TextField
              id="entry-due"
              type="date"
              label={t("dueOn")}
              value={dueOn}
              error={f.errorFor("dueOn")}
              onChange={(e) => setDueOn(e.target.value)}
            />
          </>
        )}
        <FormActions>
          <button type="submit" className="button" disabled={busy}>
            {t("write")}
          </button>
        </FormActions>
      </form>
    </section>
  );
}

function CorrectionForm({ entry, onDone, onCancel }: { entry: LogEntry; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation(NS);
  const f = useFormErrors();
  const { busy, run } = useSubmit(f);
  const [title, setTitle] = useState(entry.title);
  const [body, setBody] = useState(entry.body);
  const [state, setState] = useState<ActionState>(entry.state ?? "open");
  const [reason, setReason] = useState("");
  const p = `corr-${entry.id}`;
  const fields: FieldMap = {
    title: { id: `${p}-title`, label: t("entryTitle") },
    body: { id: `${p}-body`, label: t("entryBody") },
    state: { id: `${p}-state`, label: t("state") },
    reason: { id: `${p}-reason`, label: t("reason") },
  };
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!reason.trim()) {
      f.show([{ field: "reason", message: t("reason") }], null);
      return;
    }
    await run(async () => {
      await api.post(`/api/crisis/log/${entry.id}/versions`, {
        title: title.trim() || undefined,
        body,
        state: entry.kind === "action" ? state : undefined,
        reason: reason.trim(),
      });
      onDone();
    });
  }
  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${p}-h`}>
      <h4 id={`${p}-h`}>{t("correction", { title: entry.title })}</h4>
      <FormErrors form={f} fields={fields} />
      <TextField
        id={fields.title.id}
        label={t("entryTitle")}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextArea
        id={fields.body.id}
        label={t("entryBody")}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      {entry.kind === "action" && (
        <SelectField
          id={fields.state.id}
          label={t("state")}
          value={state}
          onChange={(e) => setState(e.target.value as ActionState)}
        >
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`states.${s}`)}
            </option>
          ))}
        </SelectField>
      )}
      <TextField
        id={fields.reason.id}
        label={t("reason")}
        required
        value={reason}
        error={f.errorFor("reason")}
        onChange={(e) => setReason(e.target.value)}
      />
      <FormActions>
        <button type="submit" className="button" disabled={busy}>
          {t("saveCorrection")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("cancel")}
        </button>
      </FormActions>
    </form>
  );
}
