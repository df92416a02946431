// Quarantined messages of the user's services, with the reason: a manager releases one into the
// queue (it becomes a request like the others) or discards it with a reason (kept, closed).
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api, type Page } from "../../api/client";
import { nameOf, useReference } from "../../api/reference";
import { useUser } from "../../auth";
import { Checkbox, ErrorSummary, FormActions, TextField, useFormErrors } from "../../components/forms";
import { ErrorAlert, formatDate, Loading, Notice, PageTitle, Pagination, useLoad } from "../../components/ui";
import { Dialog } from "./Dialog";
import { NS } from "./i18n";
import type { RequestListItem } from "./types";

const LIMIT = 50;
const DECIDERS = ["admin", "pca_manager", "service_manager"];

export function QuarantinePage() {
  const { t } = useTranslation(NS);
  const user = useUser();
  const ref = useReference(["services"]);
  const [all, setAll] = useState(false);
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    (signal) =>
      api.get<Page<RequestListItem>>(
        "/api/requests",
        { quarantined: true, open: all ? undefined : true, limit: LIMIT, offset },
        signal,
      ),
    [all, offset],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [discarding, setDiscarding] = useState<RequestListItem | null>(null);
  const canDecide = DECIDERS.includes(user.role);

  async function release(r: RequestListItem) {
    setNotice(null);
    setError(null);
    try {
      await api.post(`/api/requests/${r.id}/release`, {});
      setNotice(t("released", { reference: r.reference }));
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <PageTitle title={t("quarantineTitle")}>{t("quarantineTitle")}</PageTitle>
      <p>{t("quarantineIntro")}</p>
      <Notice message={notice} />
      <ErrorAlert error={error} />
      <Checkbox
        id="qt-all"
        label={t("quarantineShowDiscarded")}
        checked={all}
        onChange={(v) => {
          setOffset(0);
          setAll(v);
        }}
      />
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <div className="table-scroll">
            <table>
              <caption>{t("quarantineCaption", { count: list.data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reference")}</th>
                  <th scope="col">{t("receivedAt")}</th>
                  <th scope="col">{t("channel")}</th>
                  <th scope="col">{t("subject")}</th>
                  <th scope="col">{t("service")}</th>
                  <th scope="col">{t("quarantineReason")}</th>
                  {canDecide && <th scope="col">{t("actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {list.data.items.length === 0 && (
                  <tr>
                    <td colSpan={canDecide ? 7 : 6}>{t("quarantineEmpty")}</td>
                  </tr>
                )}
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/demandes/${r.id}`}>{r.reference}</Link>
                      {r.status === "closed" && <span className="badge"> ({t("discardedState")})</span>}
                    </th>
                    <td>{formatDate(r.createdAt, true)}</td>
                    <td>{t(`channels.${r.channel}`)}</td>
                    <td>
                      {r.subject || t("noSubject")}
                      {r.requesterName && <span className="badge"> — {r.requesterName}</span>}
                    </td>
                    <td>{nameOf(ref.data?.services, r.serviceId)}</td>
                    <td>{r.quarantineReason}</td>
                    {canDecide && (
                      <td>
                        <button
                          type="button"
                          aria-label={t("releaseNamed", { reference: r.reference })}
                          onClick={() => void release(r)}
                        >
                          {t("release")}
                        </button>{" "}
                        {r.status !== "closed" && (
                          <button
                            type="button"
                            className="button-secondary"
                            aria-label={t("discardNamed", { reference: r.reference })}
                            onClick={() => setDiscarding(r)}
                          >
                            {t("discard")}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            total={list.data.total}
            limit={LIMIT}
            offset={offset}
            onChange={setOffset}
            label={t("pagination")}
          />
        </>
      )}
      <Dialog
        open={discarding !== null}
        title={t("discardTitle", { reference: discarding?.reference ?? "" })}
        onClose={() => setDiscarding(null)}
      >
        {discarding && (
          <DiscardForm
            request={discarding}
            onCancel={() => setDiscarding(null)}
            onDone={() => {
              setNotice(t("discarded", { reference: discarding.reference }));
              setDiscarding(null);
              list.reload();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function DiscardForm({
  request,
  onCancel,
  onDone,
}: {
  request: RequestListItem;
  onCancel(): void;
  onDone(): void;
}) {
  const { t } = useTranslation(NS);
  const [reason, setReason] = useState("");
  const form = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 3) {
      form.show([{ field: "reason", message: t("reasonMin") }], null);
      return;
    }
    form.clear();
    try {
      await api.post(`/api/requests/${request.id}/discard`, { reason: reason.trim() });
      onDone();
    } catch (err) {
      form.fromError(err);
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <p>{t("discardText")}</p>
      <ErrorSummary
        message={form.message}
        errors={form.errors}
        fieldIds={() => "qt-reason"}
        labels={() => t("discardReason")}
        focusKey={form.focusKey}
      />
      <TextField
        id="qt-reason"
        label={t("discardReason")}
        hint={t("discardReasonHint")}
        required
        autoFocus
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={form.errorFor("reason")}
      />
      <FormActions>
        <button type="submit">{t("discardConfirm")}</button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("cancel")}
        </button>
      </FormActions>
    </form>
  );
}
