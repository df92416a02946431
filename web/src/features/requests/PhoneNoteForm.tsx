// A phone call noted from the queue in a few keystrokes: caller, contact, what they say, category.
// The request is routed and triaged like the others (POST /api/requests); the result says where it
// went and whether it is urgent, with a link to it.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../../api/client";
import {
  Checkbox,
  type FieldMap,
  FormActions,
  FormErrors,
  Options,
  SelectField,
  TextArea,
  TextField,
  useFormErrors,
  useSubmit,
} from "../../components/forms";
import { NS } from "./i18n";
import { CATEGORIES, type RequestDetail } from "./types";

export function PhoneNoteForm({
  services,
  onCreated,
}: {
  services: { id: string; name: string }[];
  onCreated(): void;
}) {
  const { t } = useTranslation(NS);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [message, setMessage] = useState("");
  const [category, setCategory] = useState("");
  const [serviceId, setServiceId] = useState("");
  const [consent, setConsent] = useState(false);
  const [created, setCreated] = useState<RequestDetail | null>(null);
  const form = useFormErrors();
  const { busy, run } = useSubmit(form);
  const formRef = useRef<HTMLFormElement>(null);
  const fields: FieldMap = {
    "requester/name": { id: "pn-name", label: t("caller") },
    "requester/phone": { id: "pn-phone", label: t("callerPhone") },
    "requester/email": { id: "pn-email", label: t("callerEmail") },
    message: { id: "pn-message", label: t("phoneText") },
    category: { id: "pn-category", label: t("phoneCategory") },
    serviceId: { id: "pn-service", label: t("phoneService") },
  };

  useEffect(() => {
    if (open) document.getElementById("pn-name")?.focus();
  }, [open]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!message.trim()) {
      form.show([{ field: "message", message: t("required") }], null);
      return;
    }
    form.clear();
    await run(async () => {
      const requester = {
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
      };
      const r = await api.post<RequestDetail>("/api/requests", {
        message: message.trim(),
        ...(category ? { category: t(`categories.${category}`) } : {}),
        ...(serviceId ? { serviceId } : {}),
        ...(Object.keys(requester).length > 0 ? { requester } : {}),
        consent,
      });
      setCreated(r);
      setName("");
      setPhone("");
      setEmail("");
      setMessage("");
      setCategory("");
      setServiceId("");
      setConsent(false);
      onCreated();
      document.getElementById("pn-name")?.focus();
    });
  }

  const serviceName = (id: string) => services.find((s) => s.id === id)?.name ?? "";

  return (
    <section aria-labelledby="pn-title" className="panel">
      <h2 id="pn-title">{t("phoneTitle")}</h2>
      <div role="status">
        {created && (
          <p className={created.urgent ? "alert alert-error" : "alert alert-success"}>
            {created.urgent
              ? t("phoneCreatedUrgent", {
                  reference: created.reference,
                  flags: created.flags.map((f) => t(`flags.${f.code}`, { defaultValue: f.code })).join(", "),
                  service: serviceName(created.serviceId),
                })
              : t("phoneCreated", {
                  reference: created.reference,
                  priority: t(`priorities.${created.priority}`).toLowerCase(),
                  service: serviceName(created.serviceId),
                })}{" "}
            <Link to={`/demandes/${created.id}`}>
              {t("phoneOpenCreated", { reference: created.reference })}
            </Link>
          </p>
        )}
      </div>
      <button
        type="button"
        className="button-secondary"
        aria-expanded={open}
        aria-controls="pn-form"
        onClick={() => setOpen((o) => !o)}
      >
        {open ? t("phoneClose") : t("phoneOpen")}
      </button>
      <form id="pn-form" ref={formRef} noValidate hidden={!open} onSubmit={(e) => void submit(e)}>
        <p className="hint">{t("phoneIntro")}</p>
        <FormErrors form={form} fields={fields} />
        <TextField
          id="pn-name"
          label={t("caller")}
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={form.errorFor("requester/name")}
        />
        <TextField
          id="pn-phone"
          label={t("callerPhone")}
          type="tel"
          autoComplete="off"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={form.errorFor("requester/phone")}
        />
        <TextField
          id="pn-email"
          label={t("callerEmail")}
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={form.errorFor("requester/email")}
        />
        <TextArea
          id="pn-message"
          label={t("phoneText")}
          required
          rows={4}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              formRef.current?.requestSubmit();
            }
          }}
          error={form.errorFor("message")}
        />
        <SelectField
          id="pn-category"
          label={t("phoneCategory")}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          error={form.errorFor("category")}
        >
          <option value="">{t("categoryChoose")}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="pn-service"
          label={t("phoneService")}
          value={serviceId}
          onChange={(e) => setServiceId(e.target.value)}
          error={form.errorFor("serviceId")}
        >
          <Options items={services} empty={t("phoneServiceAuto")} />
        </SelectField>
        <Checkbox id="pn-consent" label={t("phoneConsent")} checked={consent} onChange={setConsent} />
        <FormActions>
          <button type="submit" disabled={busy}>
            {t("phoneSave")}
          </button>
        </FormActions>
      </form>
    </section>
  );
}
