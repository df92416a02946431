// Public request form (no account): category, message, contact details, consent, a honeypot
// hidden from people and assistive technologies. Answers with the reference and the private
// follow-up link.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { api } from "../../api/client";
import {
  Checkbox,
  ErrorSummary,
  type FieldError,
  FormActions,
  SelectField,
  TextArea,
  TextField,
  useFormErrors,
  useSubmit,
} from "../../components/forms";
import { PageTitle } from "../../components/ui";
import { NS } from "./i18n";
import { PublicShell } from "./PublicShell";
import { CATEGORIES, type PublicAnswer } from "./types";

const FIELDS = ["org", "category", "message", "name", "email", "phone", "address", "number", "consent"];

export function PublicRequestPage() {
  const { t } = useTranslation(NS);
  const params = useParams();
  const [search] = useSearchParams();
  const fixedOrg = params.org ?? search.get("org") ?? "";
  const [org, setOrg] = useState(fixedOrg);
  const [category, setCategory] = useState("");
  const [message, setMessage] = useState("");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [address, setAddress] = useState("");
  const [number, setNumber] = useState("");
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState("");
  const [answer, setAnswer] = useState<PublicAnswer | null>(null);
  const form = useFormErrors();
  const { busy, run } = useSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const list: FieldError[] = [];
    if (!org.trim()) list.push({ field: "org", message: t("required") });
    if (!message.trim()) list.push({ field: "message", message: t("required") });
    if (!email.trim() && !phone.trim()) list.push({ field: "email", message: t("contactRequired") });
    if (!consent) list.push({ field: "consent", message: t("consentRequired") });
    if (list.length > 0) {
      form.show(list, null);
      return;
    }
    form.clear();
    await run(async () => {
      const res = await api.post<PublicAnswer>(
        "/api/public/requests",
        {
          org: org.trim(),
          category: category ? t(`categories.${category}`) : undefined,
          message,
          name: name || undefined,
          email: email || undefined,
          phone: phone || undefined,
          address: address || undefined,
          number: number || undefined,
          consent,
          website: website || undefined,
        },
        { allowUnauthenticated: true },
      );
      setAnswer(res);
      window.setTimeout(() => document.getElementById("page-title")?.focus(), 0);
    });
  }

  if (answer) {
    const link = new URL(answer.followUpUrl, window.location.origin).toString();
    return (
      <PublicShell>
        <PageTitle title={t("sentTitle")}>{t("sentTitle")}</PageTitle>
        <div className="alert alert-success" role="status">
          <p>{answer.message}</p>
        </div>
        <dl className="details">
          <dt>{t("reference")}</dt>
          <dd>
            <strong>{answer.reference}</strong>
          </dd>
          <dt>{t("followLink")}</dt>
          <dd>
            <code>{link}</code>
          </dd>
        </dl>
        <p>{t("followKeep")}</p>
        <p>
          <Link to={answer.followUpUrl}>{t("openFollow")}</Link>
        </p>
        <p>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setAnswer(null);
              setMessage("");
              setConsent(false);
            }}
          >
            {t("another")}
          </button>
        </p>
      </PublicShell>
    );
  }

  return (
    <PublicShell>
      <PageTitle title={t("publicTitle")}>{t("publicTitle")}</PageTitle>
      <p>{t("publicIntro")}</p>
      <form noValidate onSubmit={(e) => void submit(e)} className="wide-form">
        <ErrorSummary
          message={form.message}
          errors={form.errors}
          fieldIds={(f) => (FIELDS.includes(f) ? `pr-${f}` : null)}
          labels={(f) => (FIELDS.includes(f) ? t(f === "consent" ? "consent" : f) : f)}
          focusKey={form.focusKey}
        />
        {!fixedOrg && (
          <TextField
            id="pr-org"
            label={t("org")}
            hint={t("orgHint")}
            required
            value={org}
            onChange={(e) => setOrg(e.target.value)}
            error={form.errorFor("org")}
          />
        )}
        <SelectField
          id="pr-category"
          label={t("category")}
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
        <TextArea
          id="pr-message"
          label={t("message")}
          hint={t("messageHint")}
          required
          rows={6}
          maxLength={10000}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          error={form.errorFor("message")}
        />
        <fieldset className="field" aria-describedby="pr-contact-hint">
          <legend>{t("contact")}</legend>
          <p className="hint" id="pr-contact-hint">
            {t("contactHint")}
          </p>
          <TextField
            id="pr-name"
            label={t("name")}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={form.errorFor("name")}
          />
          <TextField
            id="pr-email"
            label={t("email")}
            hint={t("emailHint")}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={form.errorFor("email")}
          />
          <TextField
            id="pr-phone"
            label={t("phone")}
            type="tel"
            autoComplete="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            error={form.errorFor("phone")}
          />
          <TextField
            id="pr-address"
            label={t("address")}
            autoComplete="street-address"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            error={form.errorFor("address")}
          />
          <TextField
            id="pr-number"
            label={t("number")}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            error={form.errorFor("number")}
          />
        </fieldset>
        {/* Honeypot: not displayed, so neither people nor assistive technologies meet it. */}
        <div style={{ display: "none" }}>
          <label htmlFor="pr-website">{t("honeypot")}</label>
          <input
            id="pr-website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(e) => setWebsite(e.target.value)}
          />
        </div>
        <Checkbox id="pr-consent" label={t("consent")} checked={consent} onChange={setConsent} />
        {form.errorFor("consent") && (
          <p className="field-error" id="pr-consent-error">
            {form.errorFor("consent")}
          </p>
        )}
        <FormActions>
          <button type="submit" disabled={busy}>
            {busy ? t("sending") : t("send")}
          </button>
        </FormActions>
      </form>
    </PublicShell>
  );
}
