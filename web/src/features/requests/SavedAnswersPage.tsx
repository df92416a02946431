// Saved answers: the texts agents insert in replies. Managers create, edit, archive and bring
// them back; a common answer is offered to every service, a service's only to that service.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../../api/client";
import { nameOf, useReference } from "../../api/reference";
import { useUser } from "../../auth";
import {
  Checkbox,
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
import type { SavedAnswer } from "./types";

const MANAGER_ROLES = ["admin", "pca_manager", "service_manager"];

export function SavedAnswersPage() {
  const { t } = useTranslation(NS);
  const user = useUser();
  const ref = useReference(["services"]);
  const [archived, setArchived] = useState(false);
  const list = useLoad(
    (signal) =>
      api.get<Page<SavedAnswer>>("/api/saved-answers", archived ? { archived: true } : undefined, signal),
    [archived],
  );
  const [editing, setEditing] = useState<SavedAnswer | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const canWrite = MANAGER_ROLES.includes(user.role);

  async function toggleArchive(a: SavedAnswer) {
    setNotice(null);
    setError(null);
    try {
      await api.patch(`/api/saved-answers/${a.id}`, { archived: !a.archived });
      setNotice(t(a.archived ? "answerUnarchivedNotice" : "answerArchivedNotice", { title: a.title }));
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <PageTitle title={t("answersTitle")}>{t("answersTitle")}</PageTitle>
      <p>{t("answersIntro")}</p>
      {!canWrite && <p>{t("readOnly")}</p>}
      <Notice message={notice} />
      <ErrorAlert error={error} />
      <Checkbox id="sa-archived" label={t("answersShowArchived")} checked={archived} onChange={setArchived} />
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <div className="table-scroll">
          <table>
            <caption>{t("answersCaption", { count: list.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("answerTitle")}</th>
                <th scope="col">{t("answerService")}</th>
                <th scope="col">{t("answerBody")}</th>
                <th scope="col">{t("answerState")}</th>
                {canWrite && <th scope="col">{t("actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.length === 0 && (
                <tr>
                  <td colSpan={canWrite ? 5 : 4}>{t("answersEmpty")}</td>
                </tr>
              )}
              {list.data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.title}</th>
                  <td>{a.serviceId ? nameOf(ref.data?.services, a.serviceId) : t("answerCommon")}</td>
                  <td style={{ whiteSpace: "pre-wrap" }}>{a.body}</td>
                  <td>{a.archived ? t("answerArchived") : t("answerActive")}</td>
                  {canWrite && (
                    <td>
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={t("editNamed", { title: a.title })}
                        onClick={() => {
                          setEditing(a);
                          window.setTimeout(() => document.getElementById("sa-title")?.focus(), 0);
                        }}
                      >
                        {t("edit")}
                      </button>{" "}
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={t(a.archived ? "unarchiveNamed" : "archiveNamed", { title: a.title })}
                        onClick={() => void toggleArchive(a)}
                      >
                        {a.archived ? t("unarchive") : t("archive")}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && (
        <AnswerForm
          key={editing?.id ?? "new"}
          answer={editing}
          services={ref.data?.services ?? []}
          commonAllowed={user.role !== "service_manager"}
          defaultServiceId={user.role === "service_manager" ? (user.serviceId ?? "") : ""}
          onCancel={() => setEditing(null)}
          onSaved={(_a, created) => {
            setNotice(t(created ? "answerCreated" : "answerUpdated"));
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}

function AnswerForm({
  answer,
  services,
  commonAllowed,
  defaultServiceId,
  onCancel,
  onSaved,
}: {
  answer: SavedAnswer | null;
  services: { id: string; name: string }[];
  commonAllowed: boolean;
  defaultServiceId: string;
  onCancel(): void;
  onSaved(a: SavedAnswer, created: boolean): void;
}) {
  const { t } = useTranslation(NS);
  const [title, setTitle] = useState(answer?.title ?? "");
  const [body, setBody] = useState(answer?.body ?? "");
  const [serviceId, setServiceId] = useState(answer ? (answer.serviceId ?? "") : defaultServiceId);
  const form = useFormErrors();
  const labels: Record<string, string> = {
    title: t("answerTitle"),
    body: t("answerBody"),
    serviceId: t("answerService"),
  };
  const heading = answer ? t("answerEdit", { title: answer.title }) : t("answerNew");

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = [];
    if (!title.trim()) missing.push({ field: "title", message: t("required") });
    if (!body.trim()) missing.push({ field: "body", message: t("required") });
    if (missing.length) {
      form.show(missing, null);
      return;
    }
    form.clear();
    const payload = { title: title.trim(), body: body.trim(), serviceId: serviceId || null };
    try {
      const saved = answer
        ? await api.patch<SavedAnswer>(`/api/saved-answers/${answer.id}`, payload)
        : await api.post<SavedAnswer>("/api/saved-answers", payload);
      onSaved(saved, !answer);
      if (!answer) {
        setTitle("");
        setBody("");
      }
    } catch (err) {
      form.fromError(err);
    }
  }

  return (
    <section aria-labelledby="sa-form-title" className="panel">
      <h2 id="sa-form-title">{heading}</h2>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary
          message={form.message}
          errors={form.errors}
          fieldIds={(f) => (f in labels ? `sa-${f === "serviceId" ? "service" : f}` : null)}
          labels={(f) => labels[f] ?? f}
          focusKey={form.focusKey}
        />
        <TextField
          id="sa-title"
          label={t("answerTitle")}
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={form.errorFor("title")}
        />
        <TextArea
          id="sa-body"
          label={t("answerBody")}
          required
          rows={6}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          error={form.errorFor("body")}
        />
        <SelectField
          id="sa-service"
          label={t("answerService")}
          value={serviceId}
          onChange={(e) => setServiceId(e.target.value)}
          error={form.errorFor("serviceId")}
        >
          {(commonAllowed || serviceId === "") && <option value="">{t("answerCommon")}</option>}
          <Options items={services} />
        </SelectField>
        <FormActions>
          <button type="submit">{answer ? t("answerSave") : t("answerCreate")}</button>
          {answer && (
            <button type="button" className="button-secondary" onClick={onCancel}>
              {t("cancel")}
            </button>
          )}
        </FormActions>
      </form>
    </section>
  );
}
