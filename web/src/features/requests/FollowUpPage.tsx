// The requester's private follow-up page: the request, the exchanges (own messages and staff
// replies, never internal notes) and a form to add a message.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { api } from "../../api/client";
import { ErrorSummary, FormActions, TextArea, useFormErrors, useSubmit } from "../../components/forms";
import { ErrorAlert, formatDate, Loading, Notice, PageTitle, useLoad } from "../../components/ui";
import { NS } from "./i18n";
import { PublicShell } from "./PublicShell";
import type { PublicRequestView } from "./types";

export function FollowUpPage() {
  const { t } = useTranslation(NS);
  const { token = "" } = useParams();
  const view = useLoad(
    (signal) =>
      api.raw<PublicRequestView>("GET", `/api/public/requests/${encodeURIComponent(token)}`, {
        signal,
        allowUnauthenticated: true,
      }),
    [token],
  );
  const [text, setText] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const form = useFormErrors();
  const { busy, run } = useSubmit(form);

  async function send(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    if (!text.trim()) {
      form.show([{ field: "message", message: t("required") }], null);
      return;
    }
    form.clear();
    await run(async () => {
      const next = await api.post<PublicRequestView>(
        `/api/public/requests/${encodeURIComponent(token)}/messages`,
        { message: text },
        { allowUnauthenticated: true },
      );
      view.setData(next);
      setText("");
      setNotice(t("added"));
    });
  }

  const r = view.data;
  const title = r ? t("followTitle", { reference: r.reference }) : t("followTitleShort");
  return (
    <PublicShell>
      <PageTitle title={title}>{title}</PageTitle>
      {view.loading && !r && <Loading />}
      <ErrorAlert error={view.error} />
      {r && (
        <>
          {r.mergedInto && <p className="alert alert-info">{t("mergedInto", { reference: r.mergedInto })}</p>}
          <dl className="details">
            <dt>{t("status")}</dt>
            <dd>{r.statusLabel}</dd>
            {r.category && (
              <>
                <dt>{t("category")}</dt>
                <dd>{r.category}</dd>
              </>
            )}
            <dt>{t("sentOn")}</dt>
            <dd>{formatDate(r.createdAt, true)}</dd>
            <dt>{t("updatedOn")}</dt>
            <dd>{formatDate(r.updatedAt, true)}</dd>
          </dl>
          <h2>{t("yourRequest")}</h2>
          <p className="message-body" style={{ whiteSpace: "pre-wrap" }}>
            {r.message}
          </p>
          {r.attachments.length > 0 && (
            <p>
              {t("attachments")} : {r.attachments.map((a) => a.filename).join(", ")}
            </p>
          )}
          <h2>{t("exchanges")}</h2>
          {r.messages.length === 0 && <p>{t("noExchanges")}</p>}
          <ol className="plain-list">
            {r.messages.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: messages have no id in the public view
              <li key={i} className="panel">
                <h3>
                  {m.from === "staff" ? t("fromStaff") : t("fromYou")}{" "}
                  <span className="badge">— {formatDate(m.createdAt, true)}</span>
                </h3>
                <p style={{ whiteSpace: "pre-wrap" }}>{m.body}</p>
                {m.attachments.length > 0 && (
                  <p>
                    {t("attachments")} : {m.attachments.map((a) => a.filename).join(", ")}
                  </p>
                )}
              </li>
            ))}
          </ol>
          <Notice message={notice} />
          <form noValidate onSubmit={(e) => void send(e)} aria-labelledby="fu-add-title">
            <h2 id="fu-add-title">{t("addMessage")}</h2>
            <ErrorSummary
              message={form.message}
              errors={form.errors}
              fieldIds={(f) => (f === "message" ? "fu-message" : null)}
              labels={() => t("newMessage")}
              focusKey={form.focusKey}
            />
            <TextArea
              id="fu-message"
              label={t("newMessage")}
              required
              rows={4}
              maxLength={10000}
              value={text}
              onChange={(e) => setText(e.target.value)}
              error={form.errorFor("message")}
            />
            <FormActions>
              <button type="submit" disabled={busy}>
                {t("addSend")}
              </button>
            </FormActions>
          </form>
        </>
      )}
    </PublicShell>
  );
}
