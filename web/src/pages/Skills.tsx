// Skills and applications: two small catalogues of the plan with the same page.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../api/client";
import { canEditPlan, useUser } from "../auth";
import {
  type FieldMap,
  FormErrors,
  SaveCancelActions,
  TextArea,
  TextField,
  useFormErrors,
  useSubmit,
} from "../components/forms";
import { ErrorAlert, Loading, Notice, PageTitle, Pagination, useLoad } from "../components/ui";

interface CatalogItem {
  id: string;
  name: string;
  description?: string;
  archived: boolean;
}

const LIMIT = 100;

export function SkillsPage() {
  return <CatalogPage kind="skills" />;
}

export function ApplicationsPage() {
  return <CatalogPage kind="applications" />;
}

function CatalogPage({ kind }: { kind: "skills" | "applications" }) {
  const { t } = useTranslation();
  const user = useUser();
  const editable = canEditPlan(user);
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [archived, setArchived] = useState(false);
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<CatalogItem | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const list = useLoad(
    (signal) =>
      api.get<Page<CatalogItem>>(`/api/${kind}`, { q: search, archived, limit: LIMIT, offset }, signal),
    [kind, search, archived, offset],
  );
  const withDescription = kind === "applications";

  async function toggleArchive(item: CatalogItem) {
    setActionError(null);
    try {
      await api.post(`/api/${kind}/${item.id}/${item.archived ? "restore" : "archive"}`);
      setNotice(t(item.archived ? "catalog.restored" : "catalog.archivedNotice", { name: item.name }));
      list.reload();
    } catch (err) {
      setActionError(err);
    }
  }

  return (
    <>
      <PageTitle title={t(`${kind}.title`)}>{t(`${kind}.title`)}</PageTitle>
      <p>{t(`${kind}.intro`)}</p>
      <Notice message={notice} />
      <ErrorAlert error={actionError} />
      {editable && editing === null && (
        <p>
          <button type="button" onClick={() => setEditing("new")}>
            {t(`${kind}.new`)}
          </button>
        </p>
      )}
      {editing !== null && (
        <CatalogForm
          kind={kind}
          item={editing === "new" ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(item, created) => {
            setEditing(null);
            setNotice(t(created ? "catalog.created" : "catalog.updated", { name: item.name }));
            list.reload();
          }}
        />
      )}
      <form
        className="filters"
        aria-label={t(`${kind}.searchLabel`)}
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setSearch(q);
        }}
      >
        <div className="field">
          <label htmlFor={`${kind}-q`}>{t("common.search")}</label>
          <input id={`${kind}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field checkbox">
          <input
            id={`${kind}-archived`}
            type="checkbox"
            checked={archived}
            onChange={(e) => {
              setOffset(0);
              setArchived(e.target.checked);
            }}
          />
          <label htmlFor={`${kind}-archived`}>{t("common.showArchived")}</label>
        </div>
        <button type="submit">{t("common.applyFilters")}</button>
      </form>
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <table>
            <caption>{t(`${kind}.caption`, { count: list.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("catalog.name")}</th>
                {withDescription && <th scope="col">{t("catalog.description")}</th>}
                {editable && <th scope="col">{t("common.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.length === 0 && (
                <tr>
                  <td colSpan={1 + (withDescription ? 1 : 0) + (editable ? 1 : 0)}>{t("common.empty")}</td>
                </tr>
              )}
              {list.data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.name}</th>
                  {withDescription && <td>{item.description}</td>}
                  {editable && (
                    <td className="actions">
                      <button type="button" className="button-secondary" onClick={() => setEditing(item)}>
                        {t("common.edit")}
                        <span className="visually-hidden"> {item.name}</span>
                      </button>
                      <button
                        type="button"
                        className="button-secondary"
                        onClick={() => void toggleArchive(item)}
                      >
                        {item.archived ? t("common.restore") : t("common.archive")}
                        <span className="visually-hidden"> {item.name}</span>
                      </button>
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
            label={t("common.paginationOf", { what: t(`${kind}.title`) })}
          />
        </>
      )}
    </>
  );
}

function CatalogForm({
  kind,
  item,
  onCancel,
  onSaved,
}: {
  kind: "skills" | "applications";
  item: CatalogItem | null;
  onCancel(): void;
  onSaved(item: CatalogItem, created: boolean): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(item?.name ?? "");
  const [description, setDescription] = useState(item?.description ?? "");
  const form = useFormErrors();
  const { busy, run } = useSubmit(form);
  const withDescription = kind === "applications";
  const fields: FieldMap = {
    name: { id: `${kind}-name`, label: t("catalog.name") },
    description: { id: `${kind}-description`, label: t("catalog.description") },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return form.show([{ field: "name", message: t("form.required") }], null);
    await run(async () => {
      const body = withDescription
        ? { name: name.trim(), description: description.trim() }
        : { name: name.trim() };
      const saved = item
        ? await api.patch<CatalogItem>(`/api/${kind}/${item.id}`, body)
        : await api.post<CatalogItem>(`/api/${kind}`, body);
      onSaved(saved, !item);
    });
  }

  return (
    <section className="panel" aria-labelledby={`${kind}-form-title`}>
      <h2 id={`${kind}-form-title`}>
        {item ? t("catalog.editTitle", { name: item.name }) : t(`${kind}.new`)}
      </h2>
      <p className="hint">{t("form.requiredHelp")}</p>
      <FormErrors form={form} fields={fields} />
      <form onSubmit={submit} noValidate>
        <TextField
          id={`${kind}-name`}
          label={t("catalog.name")}
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={form.errorFor("name")}
        />
        {withDescription && (
          <TextArea
            id={`${kind}-description`}
            label={t("catalog.description")}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={form.errorFor("description")}
          />
        )}
        <SaveCancelActions busy={busy} onCancel={onCancel} />
      </form>
    </section>
  );
}
