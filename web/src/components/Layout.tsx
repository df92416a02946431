// App shell: skip link, header (organisation, user, sign-out), main navigation, and the page.
// Focus moves to the page's h1 after each navigation so screen-reader users hear the new page.
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, useLocation } from "react-router-dom";
import type { Role } from "../api/types";
import { useAuth, useUser } from "../auth";

export interface NavItem {
  to: string;
  /** i18n key of the label */
  label: string;
  end?: boolean;
  roles?: Role[];
  children?: NavItem[];
}

/** The main navigation. New capabilities add their entry here (e.g. the crisis cell). */
export const NAV: NavItem[] = [
  { to: "/", label: "nav.dashboard", end: true },
  {
    to: "/plan",
    label: "nav.plan",
    children: [
      { to: "/plan/sites", label: "nav.sites" },
      { to: "/plan/services", label: "nav.services" },
      { to: "/plan/activites", label: "nav.activities" },
      { to: "/plan/competences", label: "nav.skills" },
      { to: "/plan/applications", label: "nav.applications" },
    ],
  },
  { to: "/agents", label: "nav.agents" },
  {
    to: "/demandes",
    label: "requests:navGroup",
    children: [
      { to: "/demandes", label: "requests:navQueue", end: true },
      {
        to: "/demandes/quarantaine",
        label: "requests:quarantineTitle",
        roles: ["admin", "pca_manager", "service_manager"],
      },
      {
        to: "/demandes/reponses",
        label: "requests:answersTitle",
        roles: ["admin", "pca_manager", "service_manager"],
      },
      { to: "/demandes/regles", label: "requests:rulesTitle", roles: ["admin", "pca_manager"] },
      { to: "/demandes/lexique", label: "requests:lexiconTitle", roles: ["admin", "pca_manager"] },
      { to: "/demandes/reglages", label: "requests:settingsTitle", roles: ["admin", "pca_manager"] },
    ],
  },
  { to: "/astreintes", label: "oncall:title" },
  {
    to: "/materiel",
    label: "nav.equipment",
    roles: ["admin", "pca_manager", "crisis_cell", "service_manager"],
  },
  { to: "/roulements", label: "roster:title", roles: ["admin", "pca_manager", "service_manager"] },
  { to: "/mon-planning", label: "roster:myTitle" },
  { to: "/resilience", label: "resilience:title", roles: ["admin", "pca_manager", "crisis_cell"] },
  { to: "/crise", label: "crisis:nav", roles: ["admin", "pca_manager", "crisis_cell", "service_manager"] },
  { to: "/audit", label: "nav.audit", roles: ["admin"] },
];

function visible(item: NavItem, role: Role): boolean {
  return !item.roles || item.roles.includes(role);
}

export function Layout() {
  const { t } = useTranslation();
  const { org, signOut } = useAuth();
  const user = useUser();
  const location = useLocation();
  const first = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each navigation
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const id = window.setTimeout(() => document.getElementById("page-title")?.focus(), 0);
    return () => window.clearTimeout(id);
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t("app.name")}</span>
          {org && <span className="org-name">{org.name}</span>}
        </div>
        <div className="user-box">
          <span>
            {t("app.signedInAs", { name: user.displayName || user.email })}{" "}
            <span className="role">({t(`roles.${user.role}`)})</span>
          </span>
          <button type="button" className="button-secondary" onClick={() => void signOut()}>
            {t("app.signOut")}
          </button>
        </div>
      </header>
      <nav className="main-nav" aria-label={t("nav.label")}>
        <ul>
          {NAV.filter((i) => visible(i, user.role)).map((item) =>
            item.children ? (
              <li key={item.to} className="nav-group">
                <span className="nav-group-label" id={`nav-group-${item.to.slice(1)}`}>
                  {t(item.label)}
                </span>
                <ul aria-labelledby={`nav-group-${item.to.slice(1)}`}>
                  {item.children
                    .filter((c) => visible(c, user.role))
                    .map((c) => (
                      <li key={c.to}>
                        <NavLink to={c.to} end={c.end}>
                          {t(c.label)}
                        </NavLink>
                      </li>
                    ))}
                </ul>
              </li>
            ) : (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {t(item.label)}
                </NavLink>
              </li>
            ),
          )}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </>
  );
}
