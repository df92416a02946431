// Merging a duplicate: find the main request (by reference or words), choose it, confirm in a
// dialog. The duplicate is closed and points at the main request.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../../api/client";
import { ErrorSummary, FormActions, TextField, useFormErrors } from "../../components/forms";
import { formatDate } from "../../components/ui";
import { Dialog } from "./Dialog";
import { NS } from "./i18n";
import type { RequestDetail, RequestListItem } from "./types";

export function MergeForm({
  request,
  onMerge,
}: {
  request: RequestDetail;
  onMerge(into: RequestListItem): Promise<boolean>;
}) {
  const { t } = useTranslation(NS);
  const [q, setQ] = useState("");
  const [results, setResults] = useState<RequestListItem[] | null>(null);
  const [chosen, setChosen] = useState("");
  const [confirming, setConfirming] = useState(false);
  const form = useFormErrors();
  const main = results?.find((r) => r.id === chosen);

  async function search(e: FormEvent) {
    e.preventDefault();
    if (!q.trim()) {
      form.show([{ field: "q", message: t("required") }], null);
      return;
    }
    form.clear();
    try {
      const page = await api.get<Page<RequestListItem>>("/api/requests", { q: q.trim(), limit: 20 });
      const list = page.items.filter((r) => r.id !== request.id && !r.mergedInto);
      setResults(list);
      setChosen(list.length === 1 ? list[0]!.id : "");
    } catch (err) {
      form.fromError(err);
    }
  }

  return (
    <section aria-labelledby="rd-merge">
      <h3 id="rd-merge">{t("merge")}</h3>
      <p>{t("mergeIntro")}</p>
      <form noValidate onSubmit={(e) => void search(e)}>
        <ErrorSummary
          message={form.message}
          errors={form.errors}
          fieldIds={() => "rd-merge-q"}
          labels={() => t("mergeSearch")}
          focusKey={form.focusKey}
        />
        <TextField
          id="rd-merge-q"
          label={t("mergeSearch")}
          hint={t("mergeSearchHint")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          error={form.errorFor("q")}
        />
        <FormActions>
          <button type="submit" className="button-secondary">
            {t("mergeFind")}
          </button>
        </FormActions>
      </form>
      {results && (
        <div role="status">
          {results.length === 0 ? (
            <p>{t("mergeNoResult")}</p>
          ) : (
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                if (main) setConfirming(true);
              }}
            >
              <fieldset className="field">
                <legend>{t("mergeResults")}</legend>
                {results.map((r) => (
                  <div className="checkbox" key={r.id}>
                    <input
                      type="radio"
                      id={`rd-merge-${r.id}`}
                      name="rd-merge-into"
                      value={r.id}
                      checked={chosen === r.id}
                      onChange={() => setChosen(r.id)}
                    />
                    <label htmlFor={`rd-merge-${r.id}`}>
                      {r.reference} — {r.subject || t("noContact")} ({t(`statuses.${r.status}`)},{" "}
                      {formatDate(r.createdAt, true)})
                    </label>
                  </div>
                ))}
              </fieldset>
              <FormActions>
                <button type="submit" className="button-secondary" disabled={!main}>
                  {t("mergeDo")}
                </button>
              </FormActions>
              {!main && <p className="hint">{t("mergeChoose")}</p>}
            </form>
          )}
        </div>
      )}
      <Dialog open={confirming} title={t("mergeConfirmTitle")} onClose={() => setConfirming(false)}>
        <p>{t("mergeConfirmText", { duplicate: request.reference, main: main?.reference ?? "" })}</p>
        <FormActions>
          <button
            type="button"
            onClick={() => {
              if (!main) return;
              void onMerge(main).then((ok) => {
                setConfirming(false);
                if (ok) setResults(null);
              });
            }}
          >
            {t("mergeConfirm")}
          </button>
          <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
            {t("cancel")}
          </button>
        </FormActions>
      </Dialog>
    </section>
  );
}
