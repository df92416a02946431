// The report as Markdown (download and e-mail body). Pure: figures in, text out.
import type { ReportFigures } from "./figures.js";
import {
  COVERAGE_LABELS,
  formatDateTime,
  formatDay,
  formatDelta,
  formatInt,
  formatPct,
  frenchSpacing,
  STATE_LABELS,
  STATUS_LABELS,
} from "./format.js";

export interface ReportMeta {
  number: number | null;
  comment: string;
  frozenAt: string | null;
}

/** Neutralises Markdown in user text (titles, names) so it shows as typed. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]#|<>])/g, "\\$1").replace(/\r?\n/g, " ");
}

export function reportTitle(f: ReportFigures, meta: Pick<ReportMeta, "number">): string {
  const num = meta.number === null ? "(brouillon)" : `n°${"\u00a0"}${meta.number}`;
  return `Bilan ${num} au ${formatDateTime(f.asOf, f.timezone)}`;
}

export function renderMarkdown(f: ReportFigures, meta: ReportMeta): string {
  const out: string[] = [];
  const tz = f.timezone;
  out.push(`# ${reportTitle(f, meta)}`, "", `**${md(f.orgName)}**`, "");
  if (f.activation) {
    out.push(
      `PCA activé le ${formatDateTime(f.activation.startedAt, tz)} — scénario « ${md(f.activation.scenarioName)} », niveau ${f.activation.level}.`,
      "",
    );
  } else out.push("Aucune activation du PCA en cours à cette date.", "");
  if (meta.comment.trim()) out.push("## Commentaire", "", frenchSpacing(meta.comment.trim()), "");

  out.push("## Effectifs", "");
  out.push(`- Effectif : ${formatInt(f.headcount)} agents`);
  out.push(`- En activité : ${formatInt(f.working)} (dont ${formatPct(f.teleworkShare)} en télétravail)`);
  out.push(`- Agents mobilisés sur le PCA : ${formatInt(f.underPlan)}`);
  out.push(`- Agents équipés pour télétravailler : ${formatInt(f.equipped.current)}`, "");
  out.push("| Situation | Agents |", "|---|---:|");
  for (const [k, n] of Object.entries(f.byStatus)) out.push(`| ${STATUS_LABELS[k] ?? k} | ${formatInt(n)} |`);
  out.push("");

  out.push("## Activités essentielles", "");
  out.push("| Statut | Activités |", "|---|---:|");
  for (const [k, n] of Object.entries(f.activities.byStatus))
    out.push(`| ${COVERAGE_LABELS[k]} | ${formatInt(n)} |`);
  out.push("");
  if (f.activities.notCovered.length > 0) {
    out.push("Activités non couvertes :", "");
    for (const a of f.activities.notCovered) {
      out.push(
        `- ${md(a.name)} (${md(a.serviceName)}) : ${formatInt(a.available)} disponibles pour ${formatInt(a.required)} requis`,
      );
    }
    out.push("");
  }
  if (f.activities.atRisk.length > 0) {
    out.push("Activités à risque (aucune marge) :", "");
    for (const a of f.activities.atRisk) out.push(`- ${md(a.name)} (${md(a.serviceName)})`);
    out.push("");
  }

  out.push("## Équipement pour le télétravail", "", "| Jour | Agents équipés |", "|---|---:|");
  const curve = f.equipped.curve;
  const step = Math.max(1, Math.ceil(curve.length / 15));
  curve.forEach((p, i) => {
    if (i % step === 0 || i === curve.length - 1) out.push(`| ${formatDay(p.day)} | ${formatInt(p.count)} |`);
  });
  out.push("");

  const since = f.previous
    ? `depuis le bilan n° ${f.previous.number} (${formatDateTime(f.previous.asOf, tz)})`
    : "";
  out.push(`## Décisions ${since}`.trimEnd(), "");
  if (f.decisions.length === 0) out.push("Aucune.");
  for (const d of f.decisions) out.push(`- ${formatDateTime(d.occurredAt, tz)} — ${md(d.title)}`);
  out.push("", `## Actions ${since}`.trimEnd(), "");
  if (f.actions.length === 0) out.push("Aucune.");
  for (const a of f.actions)
    out.push(
      `- ${md(a.title)} — ${md(a.owner ?? "")}, échéance ${formatDay(a.dueOn ?? f.day)} (${STATE_LABELS[a.state ?? "open"]})`,
    );
  out.push("", "## Actions ouvertes", "");
  if (f.openActions.length === 0) out.push("Aucune.");
  const overdue = new Set(f.overdueActions.map((a) => a.entryId));
  for (const a of f.openActions) {
    const late = overdue.has(a.entryId) ? " **EN RETARD**" : "";
    out.push(`- ${md(a.title)} — ${md(a.owner ?? "")}, échéance ${formatDay(a.dueOn ?? f.day)}${late}`);
  }
  out.push("");

  if (f.previous) {
    out.push(
      `## Évolution depuis le bilan n° ${f.previous.number}`,
      "",
      "| Indicateur | Précédent | Actuel | Écart |",
      "|---|---:|---:|---:|",
    );
    for (const c of f.changes)
      out.push(
        `| ${c.label} | ${formatInt(c.previous)} | ${formatInt(c.current)} | ${formatDelta(c.delta)} |`,
      );
    out.push("");
  }
  out.push(
    meta.frozenAt
      ? `_Bilan figé le ${formatDateTime(meta.frozenAt, tz)}._`
      : "_Brouillon : les chiffres peuvent encore être recalculés._",
    "",
  );
  return out.join("\n").replace(/ :/g, "\u00a0:").replace(/n° /g, "n°\u00a0");
}
