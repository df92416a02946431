import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { useAuth } from "../auth";
import { type FieldMap, FormErrors, TextField, useFormErrors, useSubmit } from "../components/forms";
import { Loading, PageTitle } from "../components/ui";

export function SignInPage() {
  const { t } = useTranslation();
  const { user, signIn, expired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const form = useFormErrors();
  const { busy, run } = useSubmit(form);
  const titleRef = useRef(false);

  useEffect(() => {
    if (!titleRef.current) {
      titleRef.current = true;
      document.getElementById("page-title")?.focus();
    }
  }, []);

  if (user === undefined) return <Loading />;
  if (user) return <Navigate to={from === "/connexion" ? "/" : from} replace />;

  const fields: FieldMap = {
    email: { id: "signin-email", label: t("signIn.email") },
    password: { id: "signin-password", label: t("signIn.password") },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs = [];
    if (!email.trim()) errs.push({ field: "email", message: t("form.required") });
    if (!password) errs.push({ field: "password", message: t("form.required") });
    if (errs.length) return form.show(errs, null);
    await run(async () => {
      await signIn(email.trim(), password);
      void navigate(from === "/connexion" ? "/" : from, { replace: true });
    });
  }

  return (
    <main id="main" className="sign-in" tabIndex={-1}>
      <div className="sign-in-box">
        <p className="brand-name">{t("app.name")}</p>
        <PageTitle title={t("signIn.title")}>{t("signIn.title")}</PageTitle>
        <p>{t("signIn.intro")}</p>
        {expired && (
          <p className="alert alert-info" role="status">
            {t("signIn.expired")}
          </p>
        )}
        <FormErrors form={form} fields={fields} />
        <form onSubmit={submit} noValidate>
          <TextField
            id="signin-email"
            label={t("signIn.email")}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={form.errorFor("email")}
          />
          <TextField
            id="signin-password"
            label={t("signIn.password")}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={form.errorFor("password")}
          />
          <button type="submit" disabled={busy}>
            {busy ? t("signIn.submitting") : t("signIn.submit")}
          </button>
        </form>
      </div>
    </main>
  );
}
