// A rotation edited as a form: its name, the people in order (move up, down, remove, add), the
// first day of the cycle, the handoff time, each person's turn length, and when it applies.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CheckboxGroup,
  type FieldMap,
  FormActions,
  FormErrors,
  SelectField,
  TextField,
  useFormErrors,
} from "../../components/forms";
import { NS } from "./i18n";
import type { Restriction, RotationView } from "./types";

export interface RotationInput {
  name: string;
  position: number;
  participants: string[];
  startDate: string;
  handoffTime: string;
  turnDays: number;
  restriction: Restriction;
}

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const DAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
const KINDS = ["always", "opening_hours", "outside_hours"] as const;

export function RotationForm({
  rotation,
  people,
  onSave,
  onCancel,
}: {
  rotation: RotationView | null;
  people: { id: string; name: string }[];
  onSave(input: RotationInput): Promise<unknown>;
  onCancel(): void;
}) {
  const { t } = useTranslation(NS);
  const r = rotation?.restriction;
  const [name, setName] = useState(rotation?.name ?? "");
  const [position, setPosition] = useState(String(rotation?.position ?? 0));
  const [members, setMembers] = useState<string[]>(rotation?.participants.map((p) => p.agentId) ?? []);
  const [toAdd, setToAdd] = useState("");
  const [startDate, setStartDate] = useState(rotation?.startDate ?? "");
  const [handoff, setHandoff] = useState(rotation?.handoffTime ?? "08:00");
  const [turnDays, setTurnDays] = useState(String(rotation?.turnDays ?? 7));
  const [kind, setKind] = useState<Restriction["kind"]>(r?.kind ?? "always");
  const [days, setDays] = useState<string[]>(
    r && r.kind !== "always" ? r.days.map(String) : ["1", "2", "3", "4", "5"],
  );
  const [openStart, setOpenStart] = useState(r && r.kind !== "always" ? r.start : "08:30");
  const [openEnd, setOpenEnd] = useState(r && r.kind !== "always" ? r.end : "17:30");
  const form = useFormErrors();
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? "?";
  const fields: FieldMap = {
    name: { id: "rot-name", label: t("rotationName") },
    position: { id: "rot-position", label: t("position") },
    participants: { id: "rot-add", label: t("membersLegend") },
    startDate: { id: "rot-start", label: t("startDate") },
    handoffTime: { id: "rot-handoff", label: t("handoffTime") },
    turnDays: { id: "rot-days", label: t("turnDays") },
    restriction: { id: "rot-kind", label: t("restriction") },
    "restriction/days": { id: "rot-open-days", label: t("openingDays") },
    "restriction/start": { id: "rot-open-start", label: t("openingStart") },
    "restriction/end": { id: "rot-open-end", label: t("openingEnd") },
  };
  const title = rotation ? t("editRotation", { name: rotation.name }) : t("newRotation");

  function move(i: number, by: number) {
    setMembers((m) => {
      const next = [...m];
      const j = i + by;
      if (j < 0 || j >= next.length) return m;
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = [];
    if (!name.trim()) problems.push({ field: "name", message: t("required") });
    if (members.length === 0) problems.push({ field: "participants", message: t("noMembers") });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) problems.push({ field: "startDate", message: t("required") });
    if (!HHMM.test(handoff)) problems.push({ field: "handoffTime", message: t("invalidTime") });
    const pos = Number(position);
    if (!/^\d+$/.test(position.trim()) || pos > 100)
      problems.push({ field: "position", message: t("numberRange", { min: 0, max: 100 }) });
    const n = Number(turnDays);
    if (!/^\d+$/.test(turnDays.trim()) || n < 1 || n > 366)
      problems.push({ field: "turnDays", message: t("numberRange", { min: 1, max: 366 }) });
    if (kind !== "always") {
      if (days.length === 0) problems.push({ field: "restriction/days", message: t("chooseDays") });
      if (!HHMM.test(openStart)) problems.push({ field: "restriction/start", message: t("invalidTime") });
      if (!HHMM.test(openEnd)) problems.push({ field: "restriction/end", message: t("invalidTime") });
    }
    if (problems.length) {
      form.show(problems, null);
      return;
    }
    form.clear();
    const restriction: Restriction =
      kind === "always" ? { kind } : { kind, days: days.map(Number).sort(), start: openStart, end: openEnd };
    try {
      await onSave({
        name: name.trim(),
        position: pos,
        participants: members,
        startDate,
        handoffTime: handoff,
        turnDays: n,
        restriction,
      });
    } catch (err) {
      form.fromError(err);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="rot-form-title" className="panel">
      <h3 id="rot-form-title">{title}</h3>
      <FormErrors form={form} fields={fields} />
      <TextField
        id="rot-name"
        label={t("rotationName")}
        required
        maxLength={200}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={form.errorFor("name")}
      />
      <TextField
        id="rot-position"
        label={t("position")}
        hint={t("positionHint")}
        inputMode="numeric"
        required
        value={position}
        onChange={(e) => setPosition(e.target.value)}
        error={form.errorFor("position")}
      />
      <fieldset className={`field${form.errorFor("participants") ? " has-error" : ""}`}>
        <legend>{t("membersLegend")}</legend>
        {form.errorFor("participants") && <p className="field-error">{form.errorFor("participants")}</p>}
        {members.length === 0 ? (
          <p>{t("noMembers")}</p>
        ) : (
          <ol>
            {members.map((id, i) => (
              <li key={id}>
                {nameOf(id)}{" "}
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={t("moveUp", { name: nameOf(id) })}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  {t("up")}
                </button>{" "}
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={t("moveDown", { name: nameOf(id) })}
                  disabled={i === members.length - 1}
                  onClick={() => move(i, 1)}
                >
                  {t("down")}
                </button>{" "}
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={t("removeMember", { name: nameOf(id) })}
                  onClick={() => setMembers((m) => m.filter((_, j) => j !== i))}
                >
                  {t("removeShort")}
                </button>
              </li>
            ))}
          </ol>
        )}
        <div className="inline-form">
          <SelectField
            id="rot-add"
            label={t("addMember")}
            value={toAdd}
            onChange={(e) => setToAdd(e.target.value)}
          >
            <option value="">{t("choose")}</option>
            {people
              .filter((p) => !members.includes(p.id))
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </SelectField>
          <button
            type="button"
            className="button-secondary"
            disabled={!toAdd}
            onClick={() => {
              setMembers((m) => [...m, toAdd]);
              setToAdd("");
            }}
          >
            {t("addMemberButton")}
          </button>
        </div>
      </fieldset>
      <TextField
        id="rot-start"
        type="date"
        label={t("startDate")}
        required
        value={startDate}
        onChange={(e) => setStartDate(e.target.value)}
        error={form.errorFor("startDate")}
      />
      <TextField
        id="rot-handoff"
        type="time"
        label={t("handoffTime")}
        required
        value={handoff}
        onChange={(e) => setHandoff(e.target.value)}
        error={form.errorFor("handoffTime")}
      />
      <TextField
        id="rot-days"
        label={t("turnDays")}
        inputMode="numeric"
        required
        value={turnDays}
        onChange={(e) => setTurnDays(e.target.value)}
        error={form.errorFor("turnDays")}
      />
      <SelectField
        id="rot-kind"
        label={t("restriction")}
        value={kind}
        onChange={(e) => setKind(e.target.value as Restriction["kind"])}
        error={form.errorFor("restriction")}
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`restrictionKinds.${k}`)}
          </option>
        ))}
      </SelectField>
      {kind !== "always" && (
        <>
          <CheckboxGroup
            id="rot-open-days"
            legend={t("openingDays")}
            options={DAYS.map((d) => ({ value: d, label: t(`days.${d}`) }))}
            value={days}
            onChange={setDays}
            error={form.errorFor("restriction/days")}
          />
          <TextField
            id="rot-open-start"
            type="time"
            label={t("openingStart")}
            value={openStart}
            onChange={(e) => setOpenStart(e.target.value)}
            error={form.errorFor("restriction/start")}
          />
          <TextField
            id="rot-open-end"
            type="time"
            label={t("openingEnd")}
            value={openEnd}
            onChange={(e) => setOpenEnd(e.target.value)}
            error={form.errorFor("restriction/end")}
          />
        </>
      )}
      <FormActions>
        <button type="submit">{t("saveRotation")}</button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("cancel")}
        </button>
      </FormActions>
    </form>
  );
}
