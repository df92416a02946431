// HR import: choose a CSV/XLSX export, preview (per-row report of rejected rows), choose between
// all-or-nothing and keeping the valid rows, then commit and read the summary.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ApiError, api } from "../api/client";
import { Checkbox, ErrorSummary, FormActions, useFormErrors } from "../components/forms";
import { PageTitle } from "../components/ui";

type OnError = "abort" | "skip";

interface Reason {
  code?: string;
  field: string;
  message: string;
}

interface RowReport {
  row: number;
  staffNumber: string;
  reasons: Reason[];
}

interface SampleRow {
  row: number;
  staffNumber: string;
  lastName: string;
  firstName: string;
  service: string;
  site?: string | null;
  jobTitle?: string;
  canTelework?: boolean;
}

/** The import report (src/server/people/import/schema.ts). */
export interface ImportReport {
  mode: string;
  committed: boolean;
  fileName: string;
  format: string;
  rows: number;
  accepted: number;
  rejected: number;
  created: number;
  updated: number;
  unchanged: number;
  skillsCreated: string[];
  sitesCreated: string[];
  sample: SampleRow[];
  errors: RowReport[];
  unmappedColumns?: string[];
}

export function AgentImportPage() {
  const { t } = useTranslation();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [onError, setOnError] = useState<OnError>("abort");
  const [createSites, setCreateSites] = useState(false);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<"preview" | "commit" | null>(null);
  const form = useFormErrors();
  const reportRef = useRef<HTMLHeadingElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (preview) reportRef.current?.focus();
  }, [preview]);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  async function send(mode: "preview" | "commit"): Promise<ImportReport | null> {
    if (!file) {
      form.show([{ field: "file", message: t("import.fileRequired") }], null);
      return null;
    }
    const data = new FormData();
    data.append("mode", mode);
    data.append("onError", onError);
    data.append("createMissingSites", String(createSites));
    data.append("file", file, file.name);
    setBusy(mode);
    try {
      const report = await api.upload<ImportReport>("/api/agents/import", data);
      form.clear();
      return report;
    } catch (err) {
      const report =
        err instanceof ApiError ? (err.body as { report?: ImportReport } | null)?.report : undefined;
      if (report) {
        // All-or-nothing refused because of rejected rows: nothing was saved; show the report.
        form.show([], err instanceof ApiError ? err.message : null);
        setResult(null);
        setPreview(report);
        return null;
      }
      form.fromError(err);
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function doPreview(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    setPreview(null);
    const r = await send("preview");
    if (r) setPreview(r);
  }

  async function doCommit() {
    const r = await send("commit");
    if (r) {
      setResult(r);
      setPreview(null);
    }
  }

  const p = preview ? { total: preview.rows, valid: preview.accepted, rejected: preview.rejected } : null;
  const rejected = preview?.errors ?? [];
  const previewRows = preview?.sample ?? [];
  const canCommit = p !== null && p.valid > 0 && (onError === "skip" || p.rejected === 0);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/agents">{t("agents.backToList")}</Link>
      </p>
      <PageTitle title={t("import.title")}>{t("import.title")}</PageTitle>
      <p>{t("import.intro")}</p>
      <ul>
        <li>{t("import.formatCsv")}</li>
        <li>{t("import.formatXlsx")}</li>
        <li>{t("import.formatUpdate")}</li>
      </ul>
      <ErrorSummary
        message={form.message}
        errors={form.errors}
        fieldIds={(f) => (f === "file" ? "import-file" : null)}
        labels={(f) => (f === "file" ? t("import.file") : f)}
        focusKey={form.focusKey}
      />
      <form onSubmit={doPreview} noValidate className="panel">
        <div className={`field${form.errorFor("file") ? " has-error" : ""}`}>
          <label htmlFor="import-file">
            {t("import.file")}
            <span className="required"> {t("form.requiredMark")}</span>
          </label>
          <p className="hint" id="import-file-hint">
            {t("import.fileHint")}
          </p>
          {form.errorFor("file") && (
            <p className="field-error" id="import-file-error">
              {form.errorFor("file")}
            </p>
          )}
          <input
            ref={fileRef}
            id="import-file"
            name="file"
            type="file"
            required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={form.errorFor("file") ? true : undefined}
            aria-describedby={`import-file-hint${form.errorFor("file") ? " import-file-error" : ""}`}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
              setResult(null);
            }}
          />
        </div>
        <fieldset className="field">
          <legend>{t("import.onErrorLegend")}</legend>
          <div className="radio">
            <input
              type="radio"
              id="import-onerror-abort"
              name="onError"
              value="abort"
              checked={onError === "abort"}
              onChange={() => {
                setOnError("abort");
                setResult(null);
              }}
              aria-describedby="import-onerror-abort-hint"
            />
            <label htmlFor="import-onerror-abort">{t("import.onErrorAbort")}</label>
            <p className="hint" id="import-onerror-abort-hint">
              {t("import.onErrorAbortHint")}
            </p>
          </div>
          <div className="radio">
            <input
              type="radio"
              id="import-onerror-skip"
              name="onError"
              value="skip"
              checked={onError === "skip"}
              onChange={() => setOnError("skip")}
              aria-describedby="import-onerror-skip-hint"
            />
            <label htmlFor="import-onerror-skip">{t("import.onErrorSkip")}</label>
            <p className="hint" id="import-onerror-skip-hint">
              {t("import.onErrorSkipHint")}
            </p>
          </div>
        </fieldset>
        <Checkbox
          id="import-create-sites"
          label={t("import.createSites")}
          hint={t("import.createSitesHint")}
          checked={createSites}
          onChange={(v) => {
            setCreateSites(v);
            setPreview(null);
          }}
        />
        <FormActions>
          <button type="submit" disabled={busy !== null}>
            {busy === "preview" ? t("import.previewing") : t("import.preview")}
          </button>
        </FormActions>
      </form>

      {preview && p && (
        <section aria-labelledby="import-report-title" className="report">
          <h2 id="import-report-title" tabIndex={-1} ref={reportRef}>
            {t("import.reportTitle")}
          </h2>
          <p>{t("import.reportSummary", { total: p.total, valid: p.valid, rejected: p.rejected })}</p>
          {rejected.length > 0 && <RejectedTable rows={rejected} />}
          {previewRows.length > 0 && (
            <table>
              <caption>{t("import.validCaption", { shown: previewRows.length, count: p.valid })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.row")}</th>
                  <th scope="col">{t("import.staffNumber")}</th>
                  <th scope="col">{t("import.name")}</th>
                  <th scope="col">{t("import.service")}</th>
                  <th scope="col">{t("import.site")}</th>
                  <th scope="col">{t("import.jobTitle")}</th>
                </tr>
              </thead>
              <tbody>
                {previewRows.map((r) => (
                  <tr key={r.row}>
                    <th scope="row">{r.row}</th>
                    <td>{r.staffNumber}</td>
                    <td>{[r.lastName, r.firstName].filter(Boolean).join(" ")}</td>
                    <td>{r.service}</td>
                    <td>{r.site}</td>
                    <td>{r.jobTitle ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.rejected > 0 && onError === "abort" && (
            <p className="alert alert-info">{t("import.abortBlocked")}</p>
          )}
          {canCommit && (
            <FormActions>
              <button type="button" disabled={busy !== null} onClick={() => void doCommit()}>
                {busy === "commit"
                  ? t("import.committing")
                  : onError === "skip"
                    ? t("import.commitValid", { count: p.valid })
                    : t("import.commitAll", { count: p.valid })}
              </button>
            </FormActions>
          )}
        </section>
      )}

      {result && (
        <section aria-labelledby="import-result-title" className="report">
          <h2 id="import-result-title" tabIndex={-1} ref={resultRef}>
            {t("import.resultTitle")}
          </h2>
          <p className="alert alert-success">
            {t("import.resultSummary", {
              created: result.created,
              updated: result.updated,
              unchanged: result.unchanged,
              rejected: result.rejected,
            })}
          </p>
          {result.sitesCreated.length > 0 && (
            <p>{t("import.sitesCreated", { names: result.sitesCreated.join(", ") })}</p>
          )}
          {result.skillsCreated.length > 0 && (
            <p>{t("import.skillsCreated", { names: result.skillsCreated.join(", ") })}</p>
          )}
          {result.errors.length > 0 && <RejectedTable rows={result.errors} />}
          <p>
            <Link to="/agents">{t("import.toAgents")}</Link>
          </p>
        </section>
      )}
    </>
  );
}

function RejectedTable({ rows }: { rows: RowReport[] }) {
  const { t } = useTranslation();
  return (
    <table>
      <caption>{t("import.rejectedCaption", { count: rows.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("import.row")}</th>
          <th scope="col">{t("import.staffNumber")}</th>
          <th scope="col">{t("import.reasons")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.row}>
            <th scope="row">{r.row}</th>
            <td>{r.staffNumber || t("common.none")}</td>
            <td>
              <ul className="plain-list">
                {r.reasons.map((m) => (
                  <li key={`${m.field}-${m.message}`}>{m.message}</li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
