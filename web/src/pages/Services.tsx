import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, getAll } from "../api/client";
import { serviceTree } from "../api/reference";
import type { Service } from "../api/types";
import { canEditPlan, useUser } from "../auth";
import {
  type FieldMap,
  FormErrors,
  SaveCancelActions,
  SelectField,
  TextField,
  useFormErrors,
  useSubmit,
} from "../components/forms";
import { ErrorAlert, Loading, Notice, PageTitle, useLoad } from "../components/ui";

export function ServicesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const editable = canEditPlan(user);
  const [archived, setArchived] = useState(false);
  const [editing, setEditing] = useState<Service | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const list = useLoad(() => getAll<Service>("/api/services", { archived }), [archived]);
  const active = useLoad(() => getAll<Service>("/api/services"), [notice]);

  async function toggleArchive(s: Service) {
    setActionError(null);
    try {
      await api.post(`/api/services/${s.id}/${s.archived ? "restore" : "archive"}`);
      setNotice(t(s.archived ? "services.restored" : "services.archivedNotice", { name: s.name }));
      list.reload();
    } catch (err) {
      setActionError(err);
    }
  }

  const tree = list.data ? serviceTree(list.data) : [];
  const ids = new Set(tree.map((n) => n.service.id));
  const childrenOf = (parentId: string | null) =>
    tree.filter(({ service: s }) =>
      parentId === null ? !s.parentId || !ids.has(s.parentId) : s.parentId === parentId,
    );
  const renderLevel = (parentId: string | null, depth: number): ReactNode => {
    const items = childrenOf(parentId);
    if (items.length === 0) return null;
    return (
      <ul className={depth === 0 ? "tree" : undefined}>
        {items.map(({ service: s }) => (
          <li key={s.id}>
            <div className="tree-node">
              <span className="tree-name">{s.name}</span>
              {s.mailbox && (
                <span className="tree-meta">
                  {t("services.mailbox")} : <a href={`mailto:${s.mailbox}`}>{s.mailbox}</a>
                </span>
              )}
              {s.phone && (
                <span className="tree-meta">
                  {t("services.phone")} : {s.phone}
                </span>
              )}
              {editable && (
                <span className="actions">
                  <button type="button" className="button-secondary" onClick={() => setEditing(s)}>
                    {t("common.edit")}
                    <span className="visually-hidden"> {s.name}</span>
                  </button>
                  <button type="button" className="button-secondary" onClick={() => void toggleArchive(s)}>
                    {s.archived ? t("common.restore") : t("common.archive")}
                    <span className="visually-hidden"> {s.name}</span>
                  </button>
                </span>
              )}
            </div>
            {renderLevel(s.id, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };

  return (
    <>
      <PageTitle title={t("services.title")}>{t("services.title")}</PageTitle>
      <p>{t("services.intro")}</p>
      <Notice message={notice} />
      <ErrorAlert error={actionError} />
      {editable && editing === null && (
        <p>
          <button type="button" onClick={() => setEditing("new")}>
            {t("services.new")}
          </button>
        </p>
      )}
      {editing !== null && (
        <ServiceForm
          service={editing === "new" ? null : editing}
          services={active.data ?? []}
          onCancel={() => setEditing(null)}
          onSaved={(s, created) => {
            setEditing(null);
            setNotice(t(created ? "services.created" : "services.updated", { name: s.name }));
            list.reload();
          }}
        />
      )}
      <div className="filters">
        <div className="field checkbox">
          <input
            id="services-archived"
            type="checkbox"
            checked={archived}
            onChange={(e) => setArchived(e.target.checked)}
          />
          <label htmlFor="services-archived">{t("common.showArchived")}</label>
        </div>
      </div>
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <section aria-labelledby="services-tree-title">
          <h2 id="services-tree-title">{t("services.treeTitle", { count: list.data.length })}</h2>
          {list.data.length === 0 ? <p>{t("common.empty")}</p> : renderLevel(null, 0)}
        </section>
      )}
    </>
  );
}

function ServiceForm({
  service,
  services,
  onCancel,
  onSaved,
}: {
  service: Service | null;
  services: Service[];
  onCancel(): void;
  onSaved(s: Service, created: boolean): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(service?.name ?? "");
  const [parentId, setParentId] = useState(service?.parentId ?? "");
  const [mailbox, setMailbox] = useState(service?.mailbox ?? "");
  const [phone, setPhone] = useState(service?.phone ?? "");
  const form = useFormErrors();
  const { busy, run } = useSubmit(form);
  const fields: FieldMap = {
    name: { id: "service-name", label: t("services.name") },
    parentId: { id: "service-parentId", label: t("services.parent") },
    mailbox: { id: "service-mailbox", label: t("services.mailbox") },
    phone: { id: "service-phone", label: t("services.phone") },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs = [];
    if (!name.trim()) errs.push({ field: "name", message: t("form.required") });
    if (mailbox.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mailbox.trim()))
      errs.push({ field: "mailbox", message: t("form.invalidEmail") });
    if (errs.length) return form.show(errs, null);
    await run(async () => {
      const body = {
        name: name.trim(),
        parentId: parentId || null,
        mailbox: mailbox.trim() || null,
        phone: phone.trim() || null,
      };
      const saved = service
        ? await api.patch<Service>(`/api/services/${service.id}`, body)
        : await api.post<Service>("/api/services", body);
      onSaved(saved, !service);
    });
  }

  const options = serviceTree(services).filter((n) => n.service.id !== service?.id);
  return (
    <section className="panel" aria-labelledby="service-form-title">
      <h2 id="service-form-title">
        {service ? t("services.editTitle", { name: service.name }) : t("services.new")}
      </h2>
      <p className="hint">{t("form.requiredHelp")}</p>
      <FormErrors form={form} fields={fields} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="service-name"
          label={t("services.name")}
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={form.errorFor("name")}
        />
        <SelectField
          id="service-parentId"
          label={t("services.parent")}
          value={parentId}
          onChange={(e) => setParentId(e.target.value)}
          error={form.errorFor("parentId")}
        >
          <option value="">{t("services.noParent")}</option>
          {options.map(({ service: s, depth }) => (
            <option key={s.id} value={s.id}>
              {`${"\u00a0\u00a0".repeat(depth)}${s.name}`}
            </option>
          ))}
        </SelectField>
        <TextField
          id="service-mailbox"
          label={t("services.mailbox")}
          type="email"
          hint={t("services.mailboxHint")}
          value={mailbox}
          onChange={(e) => setMailbox(e.target.value)}
          error={form.errorFor("mailbox")}
        />
        <TextField
          id="service-phone"
          label={t("services.phone")}
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={form.errorFor("phone")}
        />
        <SaveCancelActions busy={busy} onCancel={onCancel} />
      </form>
    </section>
  );
}
