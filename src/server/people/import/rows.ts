// From a read table to agent rows: column mapping (French headers, overridable) and per-row
// validation with French reasons. Pure: the service passes what the organisation already has.
import { errors } from "../../http/errors.js";
import {
  clean,
  nameKey,
  type Parsed,
  parseBoolean,
  parseDate,
  parseEmail,
  parseList,
  parsePercent,
  parsePhone,
} from "./fields.js";
import type { Cell, Table } from "./table.js";

export const IMPORT_FIELDS = [
  "staffNumber",
  "lastName",
  "firstName",
  "direction",
  "service",
  "site",
  "jobTitle",
  "hiredOn",
  "workTimePct",
  "canTelework",
  "travelAuthorisation",
  "neverOnSite",
  "team",
  "phone",
  "email",
  "skills",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type Mapping = Record<ImportField, string | null>;

/** Header names HR software writes, compared with nameKey (no case, accents or punctuation). */
const SYNONYMS: Record<ImportField, string[]> = {
  staffNumber: ["matricule", "n matricule", "no matricule", "numero matricule", "numero agent", "id agent"],
  lastName: ["nom", "nom de famille", "nom usuel", "nom d usage"],
  firstName: ["prenom", "prenom usuel"],
  direction: ["direction", "pole"],
  service: ["service", "unite", "service d affectation", "affectation"],
  site: ["site", "lieu de travail", "site d affectation", "batiment", "residence administrative"],
  jobTitle: ["fonction", "poste", "intitule du poste", "emploi", "metier"],
  hiredOn: ["date d entree", "date entree", "date d arrivee", "date d embauche", "entree"],
  workTimePct: ["temps de travail", "quotite", "quotite de travail", "taux d activite", "temps partiel"],
  canTelework: ["teletravail possible", "teletravail", "teletravaillable", "eligible teletravail"],
  travelAuthorisation: ["autorisation de deplacement", "attestation de deplacement", "deplacement autorise"],
  neverOnSite: ["jamais sur site", "jamais en presentiel"],
  team: ["equipe", "roulement", "brigade"],
  phone: ["telephone professionnel", "telephone", "tel", "tel professionnel", "telephone pro", "portable"],
  email: ["courriel professionnel", "courriel", "e mail", "email", "mail", "adresse e mail", "adresse mail"],
  skills: ["competences", "competence", "savoir faire"],
};

export const FIELD_LABELS: Record<ImportField, string> = {
  staffNumber: "Matricule",
  lastName: "Nom",
  firstName: "Prénom",
  direction: "Direction",
  service: "Service",
  site: "Site",
  jobTitle: "Fonction",
  hiredOn: "Date d'entrée",
  workTimePct: "Temps de travail",
  canTelework: "Télétravail possible",
  travelAuthorisation: "Autorisation de déplacement",
  neverOnSite: "Jamais sur site",
  team: "Équipe",
  phone: "Téléphone professionnel",
  email: "Courriel professionnel",
  skills: "Compétences",
};

/** Columns found by name, then the caller's overrides (a header name, or null to ignore a field). */
export function resolveMapping(headers: readonly string[], overrides: Partial<Mapping> = {}): Mapping {
  const keys = headers.map(nameKey);
  const mapping = {} as Mapping;
  const used = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    const i = keys.findIndex((k, idx) => !used.has(idx) && SYNONYMS[field].includes(k));
    mapping[field] = i >= 0 ? headers[i] : null;
    if (i >= 0) used.add(i);
  }
  const problems: { field: string; message: string }[] = [];
  for (const [field, header] of Object.entries(overrides)) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) {
      problems.push({ field: `mapping.${field}`, message: `champ inconnu (${IMPORT_FIELDS.join(", ")})` });
      continue;
    }
    if (header === null || header === undefined || header === "") {
      mapping[field as ImportField] = null;
      continue;
    }
    const i = keys.indexOf(nameKey(header));
    if (i < 0)
      problems.push({ field: `mapping.${field}`, message: `colonne « ${header} » absente du fichier` });
    else mapping[field as ImportField] = headers[i];
  }
  if (problems.length > 0) {
    throw errors.validation(
      `Correspondance des colonnes invalide : ${problems[0].field} — ${problems[0].message}. Colonnes du fichier : ${headers.join(", ")}.`,
      problems,
    );
  }
  const missing = (["staffNumber", "lastName", "firstName"] as const).filter((f) => mapping[f] === null);
  if (mapping.service === null && mapping.direction === null) missing.push("service" as never);
  if (missing.length > 0) {
    const labels = missing.map((f) => FIELD_LABELS[f as ImportField]);
    throw errors.validation(
      `Colonne(s) obligatoire(s) introuvable(s) : ${labels.join(", ")}. Colonnes du fichier : ${headers.join(", ")}. Renommez l'en-tête ou indiquez la correspondance (option mapping).`,
      missing.map((f) => ({ field: `mapping.${f}`, message: "colonne introuvable" })),
    );
  }
  return mapping;
}

export interface Reason {
  code: string;
  field: ImportField;
  message: string;
}

export interface RowReport {
  row: number;
  staffNumber: string;
  reasons: Reason[];
}

/** A valid row; a field left undefined was not in the file and is left as it is on re-import. */
export interface AgentRow {
  row: number;
  staffNumber: string;
  lastName: string;
  firstName: string;
  serviceId: string;
  serviceName: string;
  siteId?: string | null;
  siteName?: string | null;
  jobTitle?: string;
  hiredOn?: string | null;
  workTimePct?: number;
  canTelework?: boolean;
  travelAuthorisation?: boolean;
  neverOnSite?: boolean;
  team?: string | null;
  phone?: string | null;
  email?: string | null;
  skills?: string[];
}

export interface Lookups {
  /** nameKey(service name) → id, non-archived services of the organisation. */
  services: Map<string, { id: string; name: string }>;
  /** Returns the site id for a name, or null when unknown (the caller may create it). */
  site(name: string): { id: string; name: string } | null;
  /** Local numbering of the organisation's territory (New Caledonia, Polynesia…). */
  localPhone?: { code: string; digits: number };
}

export function validateRows(
  table: Table,
  mapping: Mapping,
  lookups: Lookups,
): { rows: AgentRow[]; rejected: RowReport[] } {
  const col = {} as Record<ImportField, number>;
  for (const f of IMPORT_FIELDS) col[f] = mapping[f] === null ? -1 : table.headers.indexOf(mapping[f]!);
  const rows: AgentRow[] = [];
  const rejected: RowReport[] = [];
  const firstSeen = new Map<string, number>();

  table.rows.forEach((cells, i) => {
    const rowNumber = table.rowNumbers[i];
    const get = (f: ImportField): Cell => (col[f] < 0 ? null : (cells[col[f]] ?? null));
    const has = (f: ImportField) => col[f] >= 0;
    const reasons: Reason[] = [];
    const bad = (code: string, field: ImportField, message: string) => reasons.push({ code, field, message });
    const take = <T>(field: ImportField, p: Parsed<T>, code: string): T | undefined => {
      if (p.ok) return p.value;
      bad(code, field, `${FIELD_LABELS[field]} : ${p.message}.`);
      return undefined;
    };

    const staffNumber = clean(get("staffNumber"));
    if (staffNumber === "") bad("missing_staff_number", "staffNumber", "Matricule manquant.");
    else {
      const seen = firstSeen.get(staffNumber);
      if (seen !== undefined) {
        bad(
          "duplicate_staff_number",
          "staffNumber",
          `Matricule ${staffNumber} en double dans le fichier (déjà présent ligne ${seen}).`,
        );
      } else firstSeen.set(staffNumber, rowNumber);
    }
    const lastName = clean(get("lastName"));
    if (lastName === "") bad("missing_last_name", "lastName", "Nom manquant.");
    const firstName = clean(get("firstName"));
    if (firstName === "") bad("missing_first_name", "firstName", "Prénom manquant.");

    const serviceText = clean(get("service")) || clean(get("direction"));
    const service = serviceText === "" ? undefined : lookups.services.get(nameKey(serviceText));
    if (serviceText === "") bad("missing_service", "service", "Service manquant.");
    else if (!service) {
      const hint = closest(
        serviceText,
        [...lookups.services.values()].map((s) => s.name),
      );
      bad(
        "unknown_service",
        "service",
        `Service inconnu « ${serviceText} »${hint ? ` (vouliez-vous dire « ${hint} » ?)` : ""} : corrigez le nom ou créez d'abord le service.`,
      );
    }

    const out: AgentRow = {
      row: rowNumber,
      staffNumber,
      lastName,
      firstName,
      serviceId: service?.id ?? "",
      serviceName: service?.name ?? serviceText,
    };
    if (has("site")) {
      const siteText = clean(get("site"));
      if (siteText === "") {
        out.siteId = null;
        out.siteName = null;
      } else {
        const site = lookups.site(siteText);
        if (!site) {
          bad(
            "unknown_site",
            "site",
            `Site inconnu « ${siteText} » : créez le site, corrigez le nom, ou relancez l'import avec l'option createMissingSites=true.`,
          );
        } else {
          out.siteId = site.id;
          out.siteName = site.name;
        }
      }
    }
    if (has("jobTitle")) out.jobTitle = clean(get("jobTitle")).slice(0, 200);
    if (has("hiredOn")) out.hiredOn = take("hiredOn", parseDate(get("hiredOn")), "invalid_date");
    if (has("workTimePct")) {
      const pct = take("workTimePct", parsePercent(get("workTimePct")), "invalid_percentage");
      if (pct !== undefined) out.workTimePct = pct ?? 100;
    }
    for (const f of ["canTelework", "travelAuthorisation", "neverOnSite"] as const) {
      if (has(f)) out[f] = take(f, parseBoolean(get(f)), "invalid_boolean");
    }
    if (has("team")) out.team = clean(get("team")).slice(0, 100) || null;
    if (has("phone"))
      out.phone = take("phone", parsePhone(get("phone"), lookups.localPhone), "invalid_phone");
    if (has("email")) out.email = take("email", parseEmail(get("email")), "invalid_email");
    if (has("skills")) out.skills = parseList(get("skills")).map((s) => s.slice(0, 200));

    if (reasons.length > 0) rejected.push({ row: rowNumber, staffNumber, reasons });
    else rows.push(out);
  });
  return { rows, rejected };
}

/** The closest name within a small edit distance, to suggest a correction. */
export function closest(input: string, names: readonly string[]): string | null {
  const k = nameKey(input);
  let best: string | null = null;
  let bestD = Math.max(2, Math.floor(k.length / 5)) + 1;
  for (const n of names) {
    const d = editDistance(k, nameKey(n));
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
