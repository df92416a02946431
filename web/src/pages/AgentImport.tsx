// HR import: choose a CSV/XLSX export, preview (per-row report of rejected rows), choose between
// all-or-nothing and keeping the valid rows, then commit and read the summary.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ApiError, api } from "../api/client";
import { ErrorSummary, FormActions, useFormErrors } from "../components/forms";
import { PageTitle } from "../components/ui";

type OnError = "abort" | "skip";

interface RowIssue {
  field?: string | null;
  column?: string | null;
  message: string;
}

interface ReportRow {
  row: number;
  staffNumber?: string | null;
  name?: string | null;
  errors?: RowIssue[];
  reasons?: string[];
  message?: string;
}

interface PreviewRow {
  row: number;
  staffNumber?: string;
  lastName?: string;
  firstName?: string;
  service?: string;
  site?: string | null;
  action?: "create" | "update" | string;
}

export interface ImportReport {
  mode?: string;
  committed?: boolean;
  total?: number;
  totalRows?: number;
  valid?: number;
  validRows?: number;
  created?: number;
  updated?: number;
  skipped?: number;
  rejected?: ReportRow[] | number;
  rejectedRows?: ReportRow[];
  errors?: ReportRow[];
  rows?: PreviewRow[];
  preview?: PreviewRow[];
  mapping?: Record<string, string | null>;
}

function rejectedList(r: ImportReport): ReportRow[] {
  if (Array.isArray(r.rejected)) return r.rejected;
  return r.rejectedRows ?? r.errors ?? [];
}

function reasonsOf(row: ReportRow): string[] {
  if (row.errors?.length)
    return row.errors.map((e) => (e.column || e.field ? `${e.column ?? e.field} : ${e.message}` : e.message));
  if (row.reasons?.length) return row.reasons;
  return row.message ? [row.message] : [];
}

function totals(r: ImportReport) {
  const rejected = rejectedList(r).length;
  const total = r.total ?? r.totalRows ?? (r.valid ?? r.validRows ?? 0) + rejected;
  const valid = r.valid ?? r.validRows ?? total - rejected;
  return { total, valid, rejected };
}

export function AgentImportPage() {
  const { t } = useTranslation();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [onError, setOnError] = useState<OnError>("abort");
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
    data.append("file", file, file.name);
    setBusy(mode);
    try {
      const report = await api.upload<ImportReport>("/api/agents/import", data);
      form.clear();
      return report;
    } catch (err) {
      if (err instanceof ApiError && err.details.some((d) => d.row !== undefined)) {
        // All-or-nothing refused because of rejected rows: show the report of those rows.
        const rows = err.details
          .filter((d) => d.row !== undefined)
          .map((d) => ({ row: d.row!, errors: [{ field: d.field, message: d.message }] }));
        form.show([], err.message);
        setPreview({ rejected: mergeRows(rows) });
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

  const p = preview ? totals(preview) : null;
  const rejected = preview ? rejectedList(preview) : [];
  const previewRows = preview ? (preview.rows ?? preview.preview ?? []) : [];
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
              onChange={() => setOnError("abort")}
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
          {rejected.length > 0 && (
            <table>
              <caption>{t("import.rejectedCaption", { count: rejected.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.row")}</th>
                  <th scope="col">{t("import.staffNumber")}</th>
                  <th scope="col">{t("import.reasons")}</th>
                </tr>
              </thead>
              <tbody>
                {rejected.map((r) => (
                  <tr key={r.row}>
                    <th scope="row">{r.row}</th>
                    <td>{r.staffNumber || t("common.none")}</td>
                    <td>
                      <ul className="plain-list">
                        {reasonsOf(r).map((m) => (
                          <li key={m}>{m}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
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
                  <th scope="col">{t("import.action")}</th>
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
                    <td>{r.action ? t(`import.actions.${r.action}`, { defaultValue: r.action }) : ""}</td>
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
              created: result.created ?? 0,
              updated: result.updated ?? 0,
              rejected:
                rejectedList(result).length || (typeof result.skipped === "number" ? result.skipped : 0),
            })}
          </p>
          <p>
            <Link to="/agents">{t("import.toAgents")}</Link>
          </p>
        </section>
      )}
    </>
  );
}

function mergeRows(rows: ReportRow[]): ReportRow[] {
  const byRow = new Map<number, ReportRow>();
  for (const r of rows) {
    const existing = byRow.get(r.row);
    if (existing) existing.errors = [...(existing.errors ?? []), ...(r.errors ?? [])];
    else byRow.set(r.row, { ...r, errors: [...(r.errors ?? [])] });
  }
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}
