// One on-call line's rotations and overrides, edited from the on-call page. Managers of the line
// add, change and delete rotations; anyone may declare themself as taking over a period, managers
// may set it for someone else. An override that overlaps another is refused by the server with a
// French message naming the other one, shown in the form's error summary.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, getAll } from "../../api/client";
import type { Agent } from "../../api/types";
import { useUser } from "../../auth";
import {
  type FieldMap,
  FormActions,
  FormErrors,
  Options,
  SelectField,
  TextField,
  useFormErrors,
} from "../../components/forms";
import { ErrorAlert, formatDate, Loading, Notice, useLoad } from "../../components/ui";
import { NS } from "./i18n";
import { LineForm } from "./LineForm";
import { RotationForm, type RotationInput } from "./RotationForm";
import type { LineDetail, Restriction, RotationView } from "./types";

const MANAGERS = ["admin", "pca_manager", "service_manager"];

export function LineEditor({
  lineId,
  services,
  onChanged,
}: {
  lineId: string;
  services: { id: string; name: string }[];
  onChanged(): void;
}) {
  const { t } = useTranslation(NS);
  const user = useUser();
  const line = useLoad(
    (signal) => api.get<LineDetail>(`/api/oncall/lines/${lineId}`, undefined, signal),
    [lineId],
  );
  const agents = useLoad(
    () =>
      getAll<Agent>("/api/agents").then((list) =>
        list.map((a) => ({ id: a.id, name: `${a.firstName} ${a.lastName}` })),
      ),
    [],
  );
  const [editing, setEditing] = useState<RotationView | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const isManager = MANAGERS.includes(user.role);

  const changed = (next: LineDetail, message: string) => {
    line.setData(next);
    setNotice(message);
    setError(null);
    onChanged();
  };

  async function saveRotation(input: RotationInput) {
    const next =
      editing && editing !== "new"
        ? await api.patch<LineDetail>(`/api/oncall/lines/${lineId}/rotations/${editing.id}`, input)
        : await api.post<LineDetail>(`/api/oncall/lines/${lineId}/rotations`, input);
    setEditing(null);
    changed(next, t("rotationSaved"));
  }

  async function run(p: Promise<LineDetail>, message: string) {
    setNotice(null);
    try {
      changed(await p, message);
    } catch (err) {
      setError(err);
    }
  }

  const people = agents.data ?? [];
  const l = line.data;
  return (
    <div>
      {line.loading && !l && <Loading />}
      <ErrorAlert error={line.error} />
      <Notice message={notice} />
      <ErrorAlert error={error} />
      {l && (
        <>
          {isManager && (
            <details className="panel">
              <summary>{t("lineEditTitle")}</summary>
              <LineForm
                line={l}
                services={services}
                onSaved={() => {
                  line.reload();
                  onChanged();
                }}
              />
            </details>
          )}
          <section aria-labelledby="oc-rotations">
            <h3 id="oc-rotations">{t("rotations")}</h3>
            {!isManager && <p>{t("managersOnly")}</p>}
            {l.rotations.length === 0 && <p>{t("noRotations")}</p>}
            <ul className="plain-list">
              {l.rotations.map((r) => (
                <li key={r.id} className="panel">
                  <h4>{r.name}</h4>
                  <p>
                    {t("rotationSummary", {
                      start: formatDate(r.startDate),
                      time: r.handoffTime,
                      days: r.turnDays,
                      restriction: restrictionText(r.restriction, t),
                    })}
                  </p>
                  <p>{t("members")} :</p>
                  <ol>
                    {r.participants.map((p) => (
                      <li key={p.agentId}>{p.name}</li>
                    ))}
                  </ol>
                  {isManager && (
                    <p>
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={t("editRotation", { name: r.name })}
                        onClick={() => setEditing(r)}
                      >
                        {t("edit")}
                      </button>{" "}
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={t("deleteRotation", { name: r.name })}
                        onClick={() =>
                          void run(
                            api.delete<LineDetail>(`/api/oncall/lines/${lineId}/rotations/${r.id}`),
                            t("rotationDeleted"),
                          )
                        }
                      >
                        {t("delete")}
                      </button>
                    </p>
                  )}
                </li>
              ))}
            </ul>
            {isManager &&
              (editing ? (
                <RotationForm
                  key={editing === "new" ? "new" : editing.id}
                  rotation={editing === "new" ? null : editing}
                  people={people}
                  onSave={saveRotation}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <button type="button" onClick={() => setEditing("new")}>
                  {t("newRotation")}
                </button>
              ))}
          </section>
          <section aria-labelledby="oc-overrides">
            <h3 id="oc-overrides">{t("overrides")}</h3>
            {l.overrides.length === 0 ? (
              <p>{t("noOverrides")}</p>
            ) : (
              <div className="table-scroll">
                <table>
                  <caption>{t("overridesCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("person")}</th>
                      <th scope="col">{t("from")}</th>
                      <th scope="col">{t("to")}</th>
                      <th scope="col">{t("overrideReason")}</th>
                      <th scope="col">{t("actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {l.overrides.map((o) => (
                      <tr key={o.id}>
                        <th scope="row">{o.agent?.name ?? "?"}</th>
                        <td>{formatDate(o.start, true)}</td>
                        <td>{formatDate(o.end, true)}</td>
                        <td>{o.reason}</td>
                        <td>
                          {(isManager || o.agent?.agentId === user.agentId) && (
                            <button
                              type="button"
                              className="button-secondary"
                              aria-label={t("cancelOverride", { name: o.agent?.name ?? "?" })}
                              onClick={() =>
                                void run(
                                  api.delete<LineDetail>(`/api/oncall/lines/${lineId}/overrides/${o.id}`),
                                  t("overrideDeleted"),
                                )
                              }
                            >
                              {t("cancelShort")}
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <OverrideForm
              lineId={lineId}
              people={
                isManager
                  ? people
                  : user.agentId
                    ? [{ id: user.agentId, name: user.displayName || user.email }]
                    : []
              }
              defaultAgentId={isManager ? "" : (user.agentId ?? "")}
              onSaved={(next) => changed(next, t("overrideSaved"))}
            />
          </section>
        </>
      )}
    </div>
  );
}

export function restrictionText(
  r: Restriction,
  t: (k: string, o?: Record<string, unknown>) => string,
): string {
  if (r.kind === "always") return t("restrictionText.always");
  return t(`restrictionText.${r.kind}`, {
    days: r.days.map((d) => t(`days.${d}`)).join(", "),
    start: r.start,
    end: r.end,
  });
}

function OverrideForm({
  lineId,
  people,
  defaultAgentId,
  onSaved,
}: {
  lineId: string;
  people: { id: string; name: string }[];
  defaultAgentId: string;
  onSaved(next: LineDetail): void;
}) {
  const { t } = useTranslation(NS);
  const [agentId, setAgentId] = useState(defaultAgentId);
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [reason, setReason] = useState("");
  const form = useFormErrors();
  const fields: FieldMap = {
    agentId: { id: "ov-agent", label: t("overrideWho") },
    start: { id: "ov-start", label: t("overrideStart") },
    end: { id: "ov-end", label: t("overrideEnd") },
    reason: { id: "ov-reason", label: t("overrideReason") },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = [];
    if (!agentId) problems.push({ field: "agentId", message: t("required") });
    const s = start ? new Date(start) : null;
    const en = end ? new Date(end) : null;
    if (!s || Number.isNaN(s.getTime())) problems.push({ field: "start", message: t("required") });
    if (!en || Number.isNaN(en.getTime())) problems.push({ field: "end", message: t("required") });
    else if (s && en <= s) problems.push({ field: "end", message: t("endBeforeStart") });
    if (problems.length) {
      form.show(problems, null);
      return;
    }
    form.clear();
    try {
      const next = await api.post<LineDetail>(`/api/oncall/lines/${lineId}/overrides`, {
        agentId,
        start: s!.toISOString(),
        end: en!.toISOString(),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setStart("");
      setEnd("");
      setReason("");
      onSaved(next);
    } catch (err) {
      form.fromError(err);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="ov-title" className="panel">
      <h4 id="ov-title">{t("newOverride")}</h4>
      <p className="hint">{t("newOverrideIntro")}</p>
      <FormErrors form={form} fields={fields} />
      <SelectField
        id="ov-agent"
        label={t("overrideWho")}
        required
        value={agentId}
        onChange={(e) => setAgentId(e.target.value)}
        error={form.errorFor("agentId")}
      >
        <Options items={people} empty={t("choose")} />
      </SelectField>
      <TextField
        id="ov-start"
        type="datetime-local"
        label={t("overrideStart")}
        required
        value={start}
        onChange={(e) => setStart(e.target.value)}
        error={form.errorFor("start")}
      />
      <TextField
        id="ov-end"
        type="datetime-local"
        label={t("overrideEnd")}
        required
        value={end}
        onChange={(e) => setEnd(e.target.value)}
        error={form.errorFor("end")}
      />
      <TextField
        id="ov-reason"
        label={t("overrideReason")}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={form.errorFor("reason")}
      />
      <FormActions>
        <button type="submit">{t("saveOverride")}</button>
      </FormActions>
    </form>
  );
}
