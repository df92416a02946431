import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../api/client";
import type { Site } from "../api/types";
import { canEditPlan, useUser } from "../auth";
import {
  type FieldMap,
  FormErrors,
  SaveCancelActions,
  TextField,
  useFormErrors,
  useSubmit,
} from "../components/forms";
import { ErrorAlert, Loading, Notice, PageTitle, Pagination, useLoad } from "../components/ui";

const LIMIT = 50;

export function SitesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const editable = canEditPlan(user);
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [archived, setArchived] = useState(false);
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<Site | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const list = useLoad(
    (signal) => api.get<Page<Site>>("/api/sites", { q: search, archived, limit: LIMIT, offset }, signal),
    [search, archived, offset],
  );

  async function toggleArchive(site: Site) {
    setActionError(null);
    try {
      await api.post(`/api/sites/${site.id}/${site.archived ? "restore" : "archive"}`);
      setNotice(t(site.archived ? "sites.restored" : "sites.archivedNotice", { name: site.name }));
      list.reload();
    } catch (err) {
      setActionError(err);
    }
  }

  return (
    <>
      <PageTitle title={t("sites.title")}>{t("sites.title")}</PageTitle>
      <p>{t("sites.intro")}</p>
      <Notice message={notice} />
      <ErrorAlert error={actionError} />
      {editable && editing === null && (
        <p>
          <button type="button" onClick={() => setEditing("new")}>
            {t("sites.new")}
          </button>
        </p>
      )}
      {editing !== null && (
        <SiteForm
          site={editing === "new" ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(s, created) => {
            setEditing(null);
            setNotice(t(created ? "sites.created" : "sites.updated", { name: s.name }));
            list.reload();
          }}
        />
      )}
      <form
        className="filters"
        aria-label={t("sites.searchLabel")}
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setSearch(q);
        }}
      >
        <div className="field">
          <label htmlFor="sites-q">{t("common.search")}</label>
          <input id="sites-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field checkbox">
          <input
            id="sites-archived"
            type="checkbox"
            checked={archived}
            onChange={(e) => {
              setOffset(0);
              setArchived(e.target.checked);
            }}
          />
          <label htmlFor="sites-archived">{t("common.showArchived")}</label>
        </div>
        <button type="submit">{t("common.applyFilters")}</button>
      </form>
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <table>
            <caption>{t("sites.caption", { count: list.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sites.name")}</th>
                <th scope="col">{t("sites.address")}</th>
                <th scope="col" className="num">
                  {t("sites.capacity")}
                </th>
                {editable && <th scope="col">{t("common.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.length === 0 && (
                <tr>
                  <td colSpan={editable ? 4 : 3}>{t("common.empty")}</td>
                </tr>
              )}
              {list.data.items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  <td>{s.address}</td>
                  <td className="num">{s.capacity}</td>
                  {editable && (
                    <td className="actions">
                      <button type="button" className="button-secondary" onClick={() => setEditing(s)}>
                        {t("common.edit")}
                        <span className="visually-hidden"> {s.name}</span>
                      </button>
                      <button
                        type="button"
                        className="button-secondary"
                        onClick={() => void toggleArchive(s)}
                      >
                        {s.archived ? t("common.restore") : t("common.archive")}
                        <span className="visually-hidden"> {s.name}</span>
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
            label={t("sites.pagination")}
          />
        </>
      )}
    </>
  );
}

function SiteForm({
  site,
  onCancel,
  onSaved,
}: {
  site: Site | null;
  onCancel(): void;
  onSaved(site: Site, created: boolean): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(site?.name ?? "");
  const [address, setAddress] = useState(site?.address ?? "");
  const [capacity, setCapacity] = useState(site ? String(site.capacity) : "");
  const form = useFormErrors();
  const { busy, run } = useSubmit(form);
  const fields: FieldMap = {
    name: { id: "site-name", label: t("sites.name") },
    address: { id: "site-address", label: t("sites.address") },
    capacity: { id: "site-capacity", label: t("sites.capacity") },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs = [];
    if (!name.trim()) errs.push({ field: "name", message: t("form.required") });
    const cap = Number(capacity);
    if (capacity.trim() === "") errs.push({ field: "capacity", message: t("form.required") });
    else if (!Number.isInteger(cap) || cap < 0)
      errs.push({ field: "capacity", message: t("form.nonNegativeInt") });
    if (errs.length) return form.show(errs, null);
    await run(async () => {
      const body = { name: name.trim(), address: address.trim(), capacity: cap };
      const saved = site
        ? await api.patch<Site>(`/api/sites/${site.id}`, body)
        : await api.post<Site>("/api/sites", body);
      onSaved(saved, !site);
    });
  }

  return (
    <section className="panel" aria-labelledby="site-form-title">
      <h2 id="site-form-title">{site ? t("sites.editTitle", { name: site.name }) : t("sites.new")}</h2>
      <p className="hint">{t("form.requiredHelp")}</p>
      <FormErrors form={form} fields={fields} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="site-name"
          label={t("sites.name")}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={form.errorFor("name")}
          maxLength={200}
        />
        <TextField
          id="site-address"
          label={t("sites.address")}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          error={form.errorFor("address")}
          maxLength={500}
        />
        <TextField
          id="site-capacity"
          label={t("sites.capacity")}
          hint={t("sites.capacityHint")}
          required
          type="number"
          inputMode="numeric"
          min={0}
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          error={form.errorFor("capacity")}
        />
        <SaveCancelActions busy={busy} onCancel={onCancel} />
      </form>
    </section>
  );
}
