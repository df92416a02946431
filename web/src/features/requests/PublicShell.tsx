// Shell of the public pages (no account): skip link, header with the app name, main, footer.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t("app.name")}</span>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </>
  );
}
