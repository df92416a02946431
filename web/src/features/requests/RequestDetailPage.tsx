// One request for staff: summary, requester (as allowed), history (messages, replies, internal
// notes), reply to the requester (e-mail through the outbox, saved answers), notes, status,
// assignment, move, merge into another request; quarantine and review reasons shown at the top.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { api, type Page } from "../../api/client";
import { nameOf, useReference } from "../../api/reference";
import { useUser } from "../../auth";
import {
  ErrorSummary,
  FormActions,
  Options,
  SelectField,
  TextArea,
  TextField,
  useFormErrors,
} from "../../components/forms";
import { ErrorAlert, formatDate, Loading, Notice, PageTitle, useLoad } from "../../components/ui";
import { NS } from "./i18n";
import { MergeForm } from "./MergeForm";
import { FlagList } from "./QueuePage";
import { PRIORITIES, type RequestDetail, type SavedAnswer, STATUSES, type Status } from "./types";

export function RequestDetailPage() {
  const { t } = useTranslation(NS);
  const { id = "" } = useParams();
  const user = useUser();
  const ref = useReference(["services"]);
  const detail = useLoad((signal) => api.get<RequestDetail>(`/api/requests/${id}`, undefined, signal), [id]);
  // Only administrators may list accounts: others assign the request to themselves.
  const users = useLoad(
    (signal) =>
      user.role === "admin"
        ? api
            .get<Page<{ id: string; displayName: string; email: string; disabled: boolean }>>(
              "/api/users",
              { limit: 500 },
              signal,
            )
            .then((p) => p.items.filter((u) => !u.disabled))
        : Promise.resolve([]),
    [user.role],
  );
  const userName = (uid: string | null) => {
    if (!uid) return t("nobody");
    if (uid === user.id) return t("me");
    const u = users.data?.find((x) => x.id === uid);
    return u ? u.displayName || u.email : t("someone");
  };
  const serviceId = detail.data?.serviceId;
  const answers = useLoad(
    (signal) =>
      serviceId
        ? api
            .get<Page<SavedAnswer>>("/api/saved-answers", { serviceId }, signal)
            .then((p) => p.items)
            .catch(() => [] as SavedAnswer[])
        : Promise.resolve([] as SavedAnswer[]),
    [serviceId],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const r = detail.data;
  const title = r ? t("detailTitle", { reference: r.reference }) : t("queueTitle");

  async function act(p: Promise<RequestDetail | unknown>, message: string, reload = false) {
    setActionError(null);
    setNotice(null);
    try {
      const next = await p;
      if (reload || !next || typeof next !== "object" || !("messages" in next)) detail.reload();
      else detail.setData(next as RequestDetail);
      setNotice(message);
      return true;
    } catch (err) {
      setActionError(err);
      return false;
    }
  }

  return (
    <>
      <p>
        <Link to="/demandes">{t("back")}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      {detail.loading && !r && <Loading />}
      <ErrorAlert error={detail.error} />
      <Notice message={notice} />
      <ErrorAlert error={actionError} />
      {r && (
        <>
          {(r.quarantineReason || r.reviewReason || r.mergedInto) && (
            <div className="alert alert-info">
              {r.quarantineReason && (
                <p>
                  <strong>{t("inQuarantine", { reason: r.quarantineReason })}</strong>{" "}
                  <Link to="/demandes/quarantaine">{t("quarantineLink")}</Link>
                </p>
              )}
              {r.reviewReason && <p>{t("toReview", { reason: r.reviewReason })}</p>}
              {r.mergedInto && (
                <p>
                  {t("mergedIntoStaff")} <Link to={`/demandes/${r.mergedInto}`}>{t("mergedIntoOpen")}</Link>
                </p>
              )}
            </div>
          )}
          <section aria-labelledby="rd-summary">
            <h2 id="rd-summary">{t("summary")}</h2>
            {r.urgent && (
              <div className="alert alert-error">
                <p>
                  <strong>{t("urgent")}</strong>
                </p>
                <FlagList flags={r.flags} />
              </div>
            )}
            <dl className="details">
              <dt>{t("subject")}</dt>
              <dd>{r.subject}</dd>
              <dt>{t("status")}</dt>
              <dd>{t(`statuses.${r.status}`)}</dd>
              <dt>{t("priority")}</dt>
              <dd>{t(`priorities.${r.priority}`)}</dd>
              <dt>{t("due")}</dt>
              <dd>
                {formatDate(r.dueAt, true)}
                {r.overdue && <strong className="crit crit-1"> ({t("overdue")})</strong>}
              </dd>
              <dt>{t("service")}</dt>
              <dd>{nameOf(ref.data?.services, r.serviceId)}</dd>
              <dt>{t("channel")}</dt>
              <dd>{t(`channels.${r.channel}`)}</dd>
              <dt>{t("category")}</dt>
              <dd>{r.category ?? t("noContact")}</dd>
              <dt>{t("rule")}</dt>
              <dd>{r.rule?.name ?? t("noRule")}</dd>
              <dt>{t("assigned")}</dt>
              <dd>{userName(r.assignedTo)}</dd>
              <dt>{t("createdAt")}</dt>
              <dd>{formatDate(r.createdAt, true)}</dd>
              {r.merged.length > 0 && (
                <>
                  <dt>{t("duplicates")}</dt>
                  <dd>
                    <ul className="plain-list">
                      {r.merged.map((m) => (
                        <li key={m.id}>
                          <Link to={`/demandes/${m.id}`}>{m.reference}</Link>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
            </dl>
          </section>
          <section aria-labelledby="rd-requester">
            <h2 id="rd-requester">{t("requester")}</h2>
            {r.requester.visible ? (
              <dl className="details">
                <dt>{t("name")}</dt>
                <dd>{r.requester.name || t("noContact")}</dd>
                <dt>{t("email")}</dt>
                <dd>{r.requester.email || t("noContact")}</dd>
                <dt>{t("phone")}</dt>
                <dd>{r.requester.phone || t("noContact")}</dd>
                <dt>{t("address")}</dt>
                <dd>{r.requester.address || t("noContact")}</dd>
                <dt>{t("number")}</dt>
                <dd>{r.requester.number || t("noContact")}</dd>
                <dt>{t("consentGiven")}</dt>
                <dd>{r.consent ? t("yes") : t("no")}</dd>
              </dl>
            ) : (
              <p>{t("hiddenContact")}</p>
            )}
          </section>
          <section aria-labelledby="rd-message">
            <h2 id="rd-message">{t("originalMessage")}</h2>
            <p style={{ whiteSpace: "pre-wrap" }}>{r.message}</p>
          </section>
          {r.attachments.length > 0 && (
            <section aria-labelledby="rd-attachments">
              <h2 id="rd-attachments">{t("attachments")}</h2>
              <ul className="plain-list">
                {r.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/api/requests/${r.id}/attachments/${a.id}`} download={a.filename}>
                      {a.filename}
                    </a>{" "}
                    <span className="badge">
                      ({t("attachmentSize", { size: Math.max(1, Math.ceil(a.size / 1024)) })})
                    </span>
                    {a.quarantineReason && (
                      <strong className="crit crit-1">
                        {" "}
                        {t("attachmentQuarantined", { reason: a.quarantineReason })}
                      </strong>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="rd-history">
            <h2 id="rd-history">{t("history")}</h2>
            {r.messages.length === 0 && <p>{t("noHistory")}</p>}
            <ol className="plain-list">
              {r.messages.map((m) => (
                <li key={m.id} className="panel">
                  <h3>
                    {t(`kinds.${m.kind}`)} <span className="badge">— {formatDate(m.createdAt, true)}</span>
                  </h3>
                  <p style={{ whiteSpace: "pre-wrap" }}>{m.body}</p>
                </li>
              ))}
            </ol>
          </section>
          <ReplyForm
            answers={answers.data ?? []}
            onSend={(body, status) =>
              act(api.post(`/api/requests/${r.id}/replies`, { body, status }), t("replied"))
            }
          />
          <NoteForm onSend={(body) => act(api.post(`/api/requests/${r.id}/notes`, { body }), t("noted"))} />
          <section aria-labelledby="rd-manage">
            <h2 id="rd-manage">{t("manage")}</h2>
            <StatusForm
              key={`${r.status}-${r.priority}`}
              request={r}
              onSave={(body) => act(api.patch(`/api/requests/${r.id}`, body), t("updated"))}
            />
            {users.data && users.data.length > 0 ? (
              <AssignForm
                key={r.assignedTo ?? "none"}
                current={r.assignedTo}
                users={users.data.map((u) => ({ id: u.id, name: u.displayName || u.email }))}
                onSave={(assignedTo) => act(api.patch(`/api/requests/${r.id}`, { assignedTo }), t("updated"))}
              />
            ) : (
              <p>
                {r.assignedTo === user.id ? (
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() =>
                      void act(api.patch(`/api/requests/${r.id}`, { assignedTo: null }), t("updated"))
                    }
                  >
                    {t("unassign")}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() =>
                      void act(api.patch(`/api/requests/${r.id}`, { assignedTo: user.id }), t("updated"))
                    }
                  >
                    {t("assignMe")}
                  </button>
                )}
              </p>
            )}
            <MoveForm
              services={(ref.data?.services ?? []).filter((s) => s.id !== r.serviceId)}
              onMove={(serviceId, reason) =>
                act(api.post(`/api/requests/${r.id}/move`, { serviceId, reason }), t("moved"), true)
              }
            />
            {!r.mergedInto && (
              <MergeForm
                request={r}
                onMerge={(into) =>
                  act(
                    api.post(`/api/requests/${r.id}/merge`, { intoId: into.id }),
                    t("merged", { reference: into.reference }),
                    true,
                  )
                }
              />
            )}
          </section>
        </>
      )}
    </>
  );
}

function ReplyForm({
  answers,
  onSend,
}: {
  answers: SavedAnswer[];
  onSend(body: string, status: Status): Promise<boolean>;
}) {
  const { t } = useTranslation(NS);
  const [body, setBody] = useState("");
  const [answerId, setAnswerId] = useState("");
  const [inserted, setInserted] = useState<string | null>(null);
  function insert() {
    const a = answers.find((x) => x.id === answerId);
    if (!a) return;
    setBody((b) => (b.trim() ? `${b.trimEnd()}\n\n${a.body}` : a.body));
    setInserted(t("savedAnswerInserted", { title: a.title }));
    document.getElementById("rd-reply-body")?.focus();
  }
  const [status, setStatus] = useState<Status>("waiting_requester");
  const form = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) {
      form.show([{ field: "body", message: t("required") }], null);
      return;
    }
    form.clear();
    if (await onSend(body, status)) {
      setBody("");
      setAnswerId("");
      setInserted(null);
    }
  }
  return (
    <section aria-labelledby="rd-reply">
      <h2 id="rd-reply">{t("reply")}</h2>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary
          message={form.message}
          errors={form.errors}
          fieldIds={() => "rd-reply-body"}
          labels={() => t("replyBody")}
          focusKey={form.focusKey}
        />
        {answers.length > 0 && (
          <div className="inline-form">
            <SelectField
              id="rd-reply-saved"
              label={t("savedAnswer")}
              hint={t("savedAnswerHint")}
              value={answerId}
              onChange={(e) => setAnswerId(e.target.value)}
            >
              <option value="">{t("savedAnswerChoose")}</option>
              {answers.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}
                </option>
              ))}
            </SelectField>
            <button type="button" className="button-secondary" disabled={!answerId} onClick={insert}>
              {t("savedAnswerUse")}
            </button>
          </div>
        )}
        <p className="visually-hidden" role="status">
          {inserted}
        </p>
        <TextArea
          id="rd-reply-body"
          label={t("replyBody")}
          hint={t("replyHint")}
          required
          rows={5}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          error={form.errorFor("body")}
        />
        <SelectField
          id="rd-reply-status"
          label={t("statusAfter")}
          value={status}
          onChange={(e) => setStatus(e.target.value as Status)}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </SelectField>
        <FormActions>
          <button type="submit">{t("sendReply")}</button>
        </FormActions>
      </form>
    </section>
  );
}

function NoteForm({ onSend }: { onSend(body: string): Promise<boolean> }) {
  const { t } = useTranslation(NS);
  const [body, setBody] = useState("");
  return (
    <section aria-labelledby="rd-note">
      <h2 id="rd-note">{t("note")}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) void onSend(body).then((ok) => ok && setBody(""));
        }}
      >
        <TextArea
          id="rd-note-body"
          label={t("noteBody")}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <FormActions>
          <button type="submit" className="button-secondary">
            {t("addNote")}
          </button>
        </FormActions>
      </form>
    </section>
  );
}

function StatusForm({
  request,
  onSave,
}: {
  request: RequestDetail;
  onSave(body: { status: Status; priority: string }): Promise<boolean>;
}) {
  const { t } = useTranslation(NS);
  const [status, setStatus] = useState<Status>(request.status);
  const [priority, setPriority] = useState<string>(request.priority);
  return (
    <form
      className="inline-form"
      aria-label={t("changeStatus")}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave({ status, priority });
      }}
    >
      <SelectField
        id="rd-status"
        label={t("status")}
        value={status}
        onChange={(e) => setStatus(e.target.value as Status)}
      >
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`statuses.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="rd-priority"
        label={t("priority")}
        value={priority}
        onChange={(e) => setPriority(e.target.value)}
      >
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {t(`priorities.${p}`)}
          </option>
        ))}
      </SelectField>
      <button type="submit">{t("save")}</button>
    </form>
  );
}

function MoveForm({
  services,
  onMove,
}: {
  services: { id: string; name: string }[];
  onMove(serviceId: string, reason: string): Promise<boolean>;
}) {
  const { t } = useTranslation(NS);
  const [serviceId, setServiceId] = useState("");
  const [reason, setReason] = useState("");
  const form = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const list = [];
    if (!serviceId) list.push({ field: "serviceId", message: t("required") });
    if (reason.trim().length < 3) list.push({ field: "reason", message: t("required") });
    if (list.length) {
      form.show(list, null);
      return;
    }
    form.clear();
    if (await onMove(serviceId, reason)) setReason("");
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="rd-move">
      <h3 id="rd-move">{t("move")}</h3>
      <ErrorSummary
        message={form.message}
        errors={form.errors}
        fieldIds={(f) => (f === "serviceId" ? "rd-move-service" : "rd-move-reason")}
        labels={(f) => (f === "serviceId" ? t("moveTo") : t("reason"))}
        focusKey={form.focusKey}
      />
      <SelectField
        id="rd-move-service"
        label={t("moveTo")}
        required
        value={serviceId}
        onChange={(e) => setServiceId(e.target.value)}
        error={form.errorFor("serviceId")}
      >
        <Options items={services} empty={t("categoryChoose")} />
      </SelectField>
      <TextField
        id="rd-move-reason"
        label={t("reason")}
        required
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={form.errorFor("reason")}
      />
      <FormActions>
        <button type="submit" className="button-secondary">
          {t("doMove")}
        </button>
      </FormActions>
    </form>
  );
}

function AssignForm({
  current,
  users,
  onSave,
}: {
  current: string | null;
  users: { id: string; name: string }[];
  onSave(assignedTo: string | null): Promise<boolean>;
}) {
  const { t } = useTranslation(NS);
  const [value, setValue] = useState(current ?? "");
  return (
    <form
      className="inline-form"
      aria-label={t("assign")}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(value || null);
      }}
    >
      <SelectField
        id="rd-assign"
        label={t("assigned")}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      >
        <Options items={users} empty={t("nobody")} />
      </SelectField>
      <button type="submit">{t("assign")}</button>
    </form>
  );
}
