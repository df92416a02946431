// Secondary navigation between the crisis-cell pages, and the status labels with their icon.
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { useUser } from "../../auth";
import { NS } from "./i18n";
import type { CoverageStatus } from "./types";

export function CrisisNav() {
  const { t } = useTranslation(NS);
  const user = useUser();
  const all: [string, string][] = [
    ["/crise", t("home")],
    ["/crise/activites", t("board")],
    ["/crise/main-courante", t("log")],
    ["/crise/bilans", t("reports")],
  ];
  const links = user.role === "service_manager" ? all.filter(([to]) => to === "/crise/main-courante") : all;
  return (
    <nav className="crisis-nav" aria-label={t("subnav")}>
      <ul className="plain-list crisis-tabs">
        {links.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} end>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const ICONS: Record<CoverageStatus, string> = {
  covered: "✔",
  at_risk: "⚠",
  not_covered: "✖",
  suspended: "⏸",
};

/** Status as an icon (hidden from assistive tech) followed by its text: never colour alone. */
export function StatusBadge({ status }: { status: CoverageStatus }) {
  const { t } = useTranslation(NS);
  return (
    <span className={`crisis-status crisis-status-${status}`}>
      <span aria-hidden="true">{ICONS[status]} </span>
      {t(`status.${status}`)}
    </span>
  );
}

/** 'YYYY-MM-DDTHH:MM' from a datetime-local input → ISO string (undefined if empty). */
export function localToIso(v: string): string | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
