import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api, type Page } from "../api/client";
import { type Agent, EQUIPMENT_KINDS, type Equipment } from "../api/types";
import { canEditPlan, canManagePeople, useUser } from "../auth";
import {
  type FieldMap,
  FormActions,
  FormErrors,
  SaveCancelActions,
  SelectField,
  TextField,
  useFormErrors,
  useSubmit,
} from "../components/forms";
import {
  ErrorAlert,
  formatDate,
  Loading,
  Notice,
  PageTitle,
  Pagination,
  todayIso,
  useLoad,
} from "../components/ui";

const LIMIT = 50;

/** Names of the agents holding the listed items (the list gives their ids). */
async function holderNames(items: Equipment[], signal: AbortSignal): Promise<Record<string, string>> {
  const ids = [...new Set(items.map((e) => e.loan?.agentId).filter((x): x is string => !!x))];
  const entries = await Promise.all(
    ids.map(async (id) => {
      try {
        const a = await api.get<Agent>(`/api/agents/${id}`, undefined, signal);
        return [id, `${a.lastName.toLocaleUpperCase("fr")} ${a.firstName}`] as const;
      } catch {
        return [id, ""] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

export function EquipmentPage() {
  const { t } = useTranslation();
  const user = useUser();
  const editable = canManagePeople(user);
  const [kind, setKind] = useState("");
  const [state, setState] = useState("");
  const [q, setQ] = useState("");
  const [filters, setFilters] = useState({ kind: "", state: "", q: "" });
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const [lending, setLending] = useState<Equipment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const list = useLoad(
    async (signal) => {
      const page = await api.get<Page<Equipment>>(
        "/api/equipment",
        {
          kind: filters.kind,
          available: filters.state === "" ? undefined : filters.state === "available",
          q: filters.q,
          limit: LIMIT,
          offset,
        },
        signal,
      );
      return { ...page, names: await holderNames(page.items, signal) };
    },
    [filters, offset],
  );

  async function giveBack(e: Equipment) {
    setActionError(null);
    try {
      await api.post(`/api/equipment/${e.id}/return`, { returnedOn: todayIso() });
      setNotice(t("equipment.returned", { label: e.label }));
      list.reload();
    } catch (err) {
      setActionError(err);
    }
  }

  return (
    <>
      <PageTitle title={t("equipment.title")}>{t("equipment.title")}</PageTitle>
      <p>{t("equipment.intro")}</p>
      <Notice message={notice} />
      <ErrorAlert error={actionError} />
      {canEditPlan(user) && !creating && (
        <p>
          <button type="button" onClick={() => setCreating(true)}>
            {t("equipment.new")}
          </button>
        </p>
      )}
      {creating && (
        <EquipmentForm
          onCancel={() => setCreating(false)}
          onSaved={(e) => {
            setCreating(false);
            setNotice(t("equipment.created", { label: e.label }));
            list.reload();
          }}
        />
      )}
      {lending && (
        <LendForm
          equipment={lending}
          onCancel={() => setLending(null)}
          onSaved={(name) => {
            setNotice(t("equipment.lent", { label: lending.label, name }));
            setLending(null);
            list.reload();
          }}
        />
      )}
      <form
        className="filters"
        aria-label={t("equipment.searchLabel")}
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setFilters({ kind, state, q });
        }}
      >
        <div className="field">
          <label htmlFor="eq-q">{t("common.search")}</label>
          <input id="eq-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="eq-kind">{t("equipment.kind")}</label>
          <select id="eq-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t("common.all")}</option>
            {EQUIPMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`equipmentKinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="eq-state">{t("equipment.state")}</label>
          <select id="eq-state" value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">{t("common.all")}</option>
            <option value="available">{t("equipment.available")}</option>
            <option value="lent">{t("equipment.lentState")}</option>
          </select>
        </div>
        <button type="submit">{t("common.applyFilters")}</button>
      </form>
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <table>
            <caption>{t("equipment.caption", { count: list.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("equipment.label")}</th>
                <th scope="col">{t("equipment.kind")}</th>
                <th scope="col">{t("equipment.assetTag")}</th>
                <th scope="col">{t("equipment.holder")}</th>
                {editable && <th scope="col">{t("common.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.length === 0 && (
                <tr>
                  <td colSpan={editable ? 5 : 4}>{t("common.empty")}</td>
                </tr>
              )}
              {list.data.items.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{e.label}</th>
                  <td>{t(`equipmentKinds.${e.kind}`)}</td>
                  <td>{e.assetTag ?? ""}</td>
                  <td>
                    {e.loan ? (
                      <>
                        <Link to={`/agents/${e.loan.agentId}`}>
                          {list.data?.names[e.loan.agentId] || t("equipment.anAgent")}
                        </Link>
                        {e.loan.lentOn && ` — ${t("equipment.lentOn", { date: formatDate(e.loan.lentOn) })}`}
                      </>
                    ) : (
                      t("equipment.available")
                    )}
                  </td>
                  {editable && (
                    <td className="actions">
                      {e.loan ? (
                        <button type="button" className="button-secondary" onClick={() => void giveBack(e)}>
                          {t("equipment.return")}
                          <span className="visually-hidden"> {e.label}</span>
                        </button>
                      ) : (
                        <button type="button" className="button-secondary" onClick={() => setLending(e)}>
                          {t("equipment.lend")}
                          <span className="visually-hidden"> {e.label}</span>
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination
            total={list.data.total}
            limit={LIMIT}
            offset={offset}
            onChange={setOffset}
            label={t("common.paginationOf", { what: t("equipment.title") })}
          />
        </>
      )}
    </>
  );
}

function EquipmentForm({ onCancel, onSaved }: { onCancel(): void; onSaved(e: Equipment): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState("");
  const [label, setLabel] = useState("");
  const [assetTag, setAssetTag] = useState("");
  const form = useFormErrors();
  const { busy, run } = useSubmit(form);
  const fields: FieldMap = {
    kind: { id: "eq-new-kind", label: t("equipment.kind") },
    label: { id: "eq-new-label", label: t("equipment.label") },
    assetTag: { id: "eq-new-assetTag", label: t("equipment.assetTag") },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs = [];
    if (!kind) errs.push({ field: "kind", message: t("form.required") });
    if (!label.trim()) errs.push({ field: "label", message: t("form.required") });
    if (errs.length) return form.show(errs, null);
    await run(async () => {
      const saved = await api.post<Equipment>("/api/equipment", {
        kind,
        label: label.trim(),
        assetTag: assetTag.trim() || null,
      });
      onSaved(saved);
    });
  }

  return (
    <section className="panel" aria-labelledby="eq-form-title">
      <h2 id="eq-form-title">{t("equipment.new")}</h2>
      <p className="hint">{t("form.requiredHelp")}</p>
      <FormErrors form={form} fields={fields} />
      <form onSubmit={submit} noValidate>
        <SelectField
          id="eq-new-kind"
          label={t("equipment.kind")}
          required
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          error={form.errorFor("kind")}
        >
          <option value="">{t("form.choose")}</option>
          {EQUIPMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`equipmentKinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="eq-new-label"
          label={t("equipment.label")}
          required
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          error={form.errorFor("label")}
        />
        <TextField
          id="eq-new-assetTag"
          label={t("equipment.assetTag")}
          hint={t("equipment.assetTagHint")}
          value={assetTag}
          onChange={(e) => setAssetTag(e.target.value)}
          error={form.errorFor("assetTag")}
        />
        <SaveCancelActions busy={busy} onCancel={onCancel} />
      </form>
    </section>
  );
}

function LendForm({
  equipment,
  onCancel,
  onSaved,
}: {
  equipment: Equipment;
  onCancel(): void;
  onSaved(agentName: string): void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [agents, setAgents] = useState<Agent[] | null>(null);
  const [agentId, setAgentId] = useState("");
  const [lentOn, setLentOn] = useState(todayIso());
  const form = useFormErrors();
  const { busy, run } = useSubmit(form);
  const fields: FieldMap = {
    agentId: { id: "lend-agent", label: t("equipment.agent") },
    lentOn: { id: "lend-date", label: t("equipment.lentOnLabel") },
  };

  async function search() {
    try {
      const page = await api.get<Page<Agent>>("/api/agents", { q, limit: 50 });
      setAgents(page.items);
      setAgentId(page.items[0]?.id ?? "");
    } catch (err) {
      form.fromError(err);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs = [];
    if (!agentId) errs.push({ field: "agentId", message: t("equipment.agentRequired") });
    if (!lentOn) errs.push({ field: "lentOn", message: t("form.required") });
    if (errs.length) return form.show(errs, null);
    await run(async () => {
      await api.post(`/api/equipment/${equipment.id}/lend`, { agentId, lentOn });
      const a = agents?.find((x) => x.id === agentId);
      onSaved(a ? `${a.firstName} ${a.lastName}` : "");
    });
  }

  return (
    <section className="panel" aria-labelledby="lend-title">
      <h2 id="lend-title">{t("equipment.lendTitle", { label: equipment.label })}</h2>
      <FormErrors form={form} fields={fields} />
      <div className="inline-form">
        <div className="field">
          <label htmlFor="lend-q">{t("equipment.findAgent")}</label>
          <input
            id="lend-q"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void search();
              }
            }}
          />
        </div>
        <button type="button" className="button-secondary" onClick={() => void search()}>
          {t("common.search")}
        </button>
      </div>
      <form onSubmit={submit} noValidate>
        <SelectField
          id="lend-agent"
          label={t("equipment.agent")}
          required
          value={agentId}
          onChange={(e) => setAgentId(e.target.value)}
          error={form.errorFor("agentId")}
          hint={agents === null ? t("equipment.searchFirst") : t("equipment.found", { count: agents.length })}
        >
          <option value="">{t("form.choose")}</option>
          {(agents ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {`${a.lastName.toLocaleUpperCase("fr")} ${a.firstName} (${a.staffNumber})`}
            </option>
          ))}
        </SelectField>
        <TextField
          id="lend-date"
          label={t("equipment.lentOnLabel")}
          type="date"
          required
          value={lentOn}
          onChange={(e) => setLentOn(e.target.value)}
          error={form.errorFor("lentOn")}
        />
        <FormActions>
          <button type="submit" disabled={busy}>
            {t("equipment.lend")}
          </button>
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </FormActions>
      </form>
    </section>
  );
}
