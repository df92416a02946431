// The report as PDF (pdfkit): A4, the organisation's name and the report's date on every page,
// "Page n / N" at the foot, French typography, and charts drawn as vector graphics (bars and a
// curve), never as images. Standard PDF fonts: text is mapped to their Windows-1252 repertoire.
import type { ReportFigures } from "../../../engines/bilan/figures.js";
import {
  COVERAGE_LABELS,
  formatDateTime,
  formatDay,
  formatDelta,
  formatInt,
  formatPct,
  formatShortDay,
  frenchSpacing,
  STATE_LABELS,
  STATUS_LABELS,
} from "../../../engines/bilan/format.js";
import { reportTitle } from "../../../engines/bilan/markdown.js";

const WIN1252_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Text the standard fonts can show: narrow spaces become no-break spaces, arrows and minus signs
 * their nearest Windows-1252 glyphs, anything else outside the repertoire a question mark. */
export function pdfText(s: string): string {
  return s
    .replace(/[\u202f\u2009\u2007]/g, "\u00a0")
    .replace(/\u2212/g, "–")
    .replace(/→/g, "»")
    .replace(/[\u2018\u2019]/g, "’")
    .replace(/[^\u0020-\u00ff\n]/gu, (c) => (WIN1252_EXTRA.has(c) ? c : "?"));
}

const COLORS = {
  text: "#1b1b1b",
  muted: "#555555",
  line: "#bbbbbb",
  on_site: "#000091",
  telework: "#2f7d32",
  on_call: "#6a6af4",
  sick: "#c9191e",
  isolated: "#e4794a",
  childcare: "#b7a73f",
  special_leave: "#a558a0",
  off: "#929292",
  unknown: "#dddddd",
  covered: "#2f7d32",
  at_risk: "#d98500",
  not_covered: "#c9191e",
  suspended: "#929292",
} as const;

const MARGIN = 50;
const LIST_LIMIT = 60;

export async function renderPdf(
  f: ReportFigures,
  meta: { number: number | null; comment: string; frozenAt: string | null },
): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit"); // loaded on first use (start-up time)
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN + 20, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: pdfText(`${reportTitle(f, meta)} — ${f.orgName}`),
      Author: pdfText(f.orgName),
      Creator: "Relais",
    },
    lang: "fr-FR",
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const tz = f.timezone;
  const t = (s: string) => pdfText(frenchSpacing(s));
  const heading = (s: string) => {
    ensure(60);
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor(COLORS.on_site).text(t(s), MARGIN);
    doc.moveDown(0.3).font("Helvetica").fontSize(10).fillColor(COLORS.text);
  };
  const ensure = (h: number) => {
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };
  const line = (s: string, opts: { bold?: boolean; color?: string; indent?: number } = {}) => {
    ensure(14);
    doc
      .font(opts.bold ? "Helvetica-Bold" : "Helvetica")
      .fontSize(10)
      .fillColor(opts.color ?? COLORS.text)
      .text(t(s), MARGIN + (opts.indent ?? 0), doc.y, { width: width - (opts.indent ?? 0) });
  };

  // Title block.
  doc
    .font("Helvetica-Bold")
    .fontSize(18)
    .fillColor(COLORS.text)
    .text(t(reportTitle(f, meta)), MARGIN);
  doc.font("Helvetica").fontSize(11).fillColor(COLORS.muted).text(pdfText(f.orgName));
  if (f.activation) {
    doc.text(
      t(
        `PCA activé le ${formatDateTime(f.activation.startedAt, tz)} — scénario « ${f.activation.scenarioName} », niveau ${f.activation.level}`,
      ),
    );
  } else doc.text(t("Aucune activation du PCA en cours à cette date."));
  doc.fillColor(COLORS.text);

  // Key figures.
  const boxes: [string, string][] = [
    ["Effectif", formatInt(f.headcount)],
    ["En activité", formatInt(f.working)],
    ["En télétravail", formatPct(f.teleworkShare)],
    ["Mobilisés PCA", formatInt(f.underPlan)],
    ["Équipés", formatInt(f.equipped.current)],
  ];
  doc.moveDown(0.8);
  const boxW = (width - 4 * 8) / 5;
  const top = doc.y;
  boxes.forEach(([label, value], i) => {
    const x = MARGIN + i * (boxW + 8);
    doc.lineWidth(0.8).roundedRect(x, top, boxW, 48, 4).strokeColor(COLORS.line).stroke();
    doc
      .font("Helvetica-Bold")
      .fontSize(16)
      .fillColor(COLORS.on_site)
      .text(pdfText(value), x, top + 8, { width: boxW, align: "center" });
    doc
      .font("Helvetica")
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text(pdfText(label), x, top + 30, { width: boxW, align: "center" });
  });
  doc.y = top + 60;
  doc.x = MARGIN;

  if (meta.comment.trim()) {
    heading("Commentaire");
    line(meta.comment.trim());
  }

  // Headcount by status: horizontal bars.
  heading("Effectifs par situation");
  const statusEntries = Object.entries(f.byStatus);
  const maxStatus = Math.max(1, ...statusEntries.map(([, n]) => n));
  ensure(statusEntries.length * 16 + 10);
  const barX = MARGIN + 110;
  const barW = width - 110 - 60;
  for (const [k, n] of statusEntries) {
    const y = doc.y;
    doc
      .font("Helvetica")
      .fontSize(9)
      .fillColor(COLORS.text)
      .text(pdfText(STATUS_LABELS[k] ?? k), MARGIN, y + 1, { width: 105 });
    const w = (n / maxStatus) * barW;
    if (w > 0) doc.rect(barX, y, w, 11).fill(COLORS[k as keyof typeof COLORS] ?? COLORS.muted);
    doc.fillColor(COLORS.text).text(pdfText(formatInt(n)), barX + w + 4, y + 1, { width: 56 });
    doc.y = y + 16;
  }
  doc.x = MARGIN;

  // Activities by status: one stacked bar and the list of activities not covered.
  heading("Activités essentielles");
  const total = Math.max(1, f.activities.total);
  ensure(50);
  let x = MARGIN;
  const y0 = doc.y;
  for (const [k, n] of Object.entries(f.activities.byStatus)) {
    const w = (n / total) * width;
    if (w > 0) doc.rect(x, y0, w, 16).fill(COLORS[k as keyof typeof COLORS]);
    x += w;
  }
  doc.y = y0 + 22;
  line(
    Object.entries(f.activities.byStatus)
      .map(([k, n]) => `${COVERAGE_LABELS[k]} : ${formatInt(n)}`)
      .join("   ·   ")
      .replace(/·/g, "-"),
  );
  if (f.activities.notCovered.length > 0) {
    doc.moveDown(0.4);
    line("Activités non couvertes :", { bold: true, color: COLORS.not_covered });
    for (const a of f.activities.notCovered) {
      line(
        `– ${a.name} (${a.serviceName}) : ${formatInt(a.available)} disponibles pour ${formatInt(a.required)} requis`,
        { indent: 10 },
      );
    }
  }
  if (f.activities.atRisk.length > 0) {
    doc.moveDown(0.4);
    line("Activités à risque (aucune marge) :", { bold: true, color: COLORS.at_risk });
    for (const a of f.activities.atRisk) line(`– ${a.name} (${a.serviceName})`, { indent: 10 });
  }

  // Equipped to telework: cumulative curve.
  heading("Agents équipés pour télétravailler");
  const curve = f.equipped.curve;
  const chartH = 130;
  ensure(chartH + 30);
  const cx = MARGIN + 40;
  const cy = doc.y;
  const cw = width - 50;
  const maxC = Math.max(1, ...curve.map((p) => p.count));
  doc.lineWidth(0.5).strokeColor(COLORS.line);
  for (let g = 0; g <= 4; g++) {
    const gy = cy + chartH - (g / 4) * chartH;
    doc
      .moveTo(cx, gy)
      .lineTo(cx + cw, gy)
      .stroke();
    doc
      .font("Helvetica")
      .fontSize(7)
      .fillColor(COLORS.muted)
      .text(pdfText(formatInt(Math.round((g / 4) * maxC))), MARGIN, gy - 3, { width: 36, align: "right" });
  }
  if (curve.length > 0) {
    const px = (i: number) => cx + (curve.length === 1 ? cw / 2 : (i / (curve.length - 1)) * cw);
    const py = (n: number) => cy + chartH - (n / maxC) * chartH;
    doc.moveTo(px(0), py(curve[0].count));
    curve.forEach((p, i) => {
      if (i > 0) doc.lineTo(px(i), py(p.count));
    });
    doc.lineWidth(1.8).strokeColor(COLORS.telework).stroke();
    const step = Math.max(1, Math.ceil(curve.length / 8));
    curve.forEach((p, i) => {
      if (i % step === 0 || i === curve.length - 1) {
        doc
          .font("Helvetica")
          .fontSize(7)
          .fillColor(COLORS.muted)
          .text(formatShortDay(p.day), px(i) - 15, cy + chartH + 4, { width: 30, align: "center" });
      }
    });
  }
  doc.y = cy + chartH + 18;
  doc.x = MARGIN;
  line(`Au ${formatDay(f.day)} : ${formatInt(f.equipped.current)} agents équipés.`);

  const since = f.previous ? ` depuis le bilan n° ${f.previous.number}` : "";
  // Long lists are cut in the PDF (the page and the Markdown keep them whole).
  const capped = <T>(items: readonly T[]) => items.slice(0, LIST_LIMIT);
  const more = (n: number) => {
    if (n > LIST_LIMIT)
      line(`… et ${formatInt(n - LIST_LIMIT)} autres (voir Relais).`, { color: COLORS.muted });
  };
  heading(`Décisions${since}`);
  if (f.decisions.length === 0) line("Aucune.");
  for (const d of capped(f.decisions)) line(`– ${formatDateTime(d.occurredAt, tz)} : ${d.title}`);
  more(f.decisions.length);
  heading(`Actions${since}`);
  if (f.actions.length === 0) line("Aucune.");
  for (const a of capped(f.actions)) {
    const state = STATE_LABELS[a.state ?? "open"];
    line(`– ${a.title} — ${a.owner ?? ""}, échéance ${formatDay(a.dueOn ?? f.day)} (${state})`);
  }
  more(f.actions.length);
  heading(`Actions ouvertes (${f.openActions.length}, dont ${f.overdueActions.length} en retard)`);
  const overdue = new Set(f.overdueActions.map((a) => a.entryId));
  if (f.openActions.length === 0) line("Aucune.");
  // Overdue first: they are the ones the cell must see.
  const ordered = [...f.openActions].sort(
    (a, b) => Number(overdue.has(b.entryId)) - Number(overdue.has(a.entryId)),
  );
  for (const a of capped(ordered)) {
    const late = overdue.has(a.entryId);
    const text = `– ${a.title} — ${a.owner ?? ""}, échéance ${formatDay(a.dueOn ?? f.day)}${late ? " — EN RETARD" : ""}`;
    line(text, { color: late ? COLORS.not_covered : COLORS.text });
  }
  more(f.openActions.length);

  if (f.previous) {
    heading(`Évolution depuis le bilan n° ${f.previous.number} (${formatDateTime(f.previous.asOf, tz)})`);
    const cols = [MARGIN, MARGIN + 250, MARGIN + 330, MARGIN + 410];
    ensure(16);
    let ry = doc.y;
    doc.font("Helvetica-Bold").fontSize(9).fillColor(COLORS.text);
    for (const [i, h] of ["Indicateur", "Précédent", "Actuel", "Écart"].entries()) {
      doc.text(pdfText(h), cols[i], ry, { width: 80, align: i === 0 ? "left" : "right" });
    }
    doc.font("Helvetica");
    for (const c of f.changes) {
      ensure(14);
      ry = doc.y + 2;
      const color = c.delta === 0 ? COLORS.text : COLORS.on_site;
      doc.fillColor(COLORS.text).text(pdfText(c.label), cols[0], ry, { width: 240 });
      const rowEnd = doc.y;
      doc.text(pdfText(formatInt(c.previous)), cols[1], ry, { width: 80, align: "right" });
      doc.text(pdfText(formatInt(c.current)), cols[2], ry, { width: 80, align: "right" });
      doc.fillColor(color).text(pdfText(formatDelta(c.delta)), cols[3], ry, { width: 80, align: "right" });
      doc.y = Math.max(rowEnd, ry + 12);
    }
    doc.x = MARGIN;
    doc.fillColor(COLORS.text);
  }

  doc.moveDown(1);
  line(
    meta.frozenAt
      ? `Bilan figé le ${formatDateTime(meta.frozenAt, tz)}.`
      : "Brouillon : les chiffres peuvent encore être recalculés.",
    { color: COLORS.muted },
  );

  // Running header and footer on every page.
  const range = doc.bufferedPageRange();
  const header = pdfText(`${f.orgName} — ${reportTitle(f, meta)}`);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(8).fillColor(COLORS.muted);
    doc.text(header, MARGIN, 28, { width, align: "left", lineBreak: false });
    doc.text(pdfText(`Page ${i + 1} / ${range.count}`), MARGIN, doc.page.height - 40, {
      width,
      align: "center",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
