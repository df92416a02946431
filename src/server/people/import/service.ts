// HR import: read the file, map the columns, validate every row, then (commit) write all valid
// rows in one transaction with batched upserts keyed by staff number. Preview writes nothing.
// onError=abort (default): any rejected row → nothing written, 422 with the report.
// onError=skip: valid rows written, rejected rows reported.
// Unknown services are rejected (services are the plan's skeleton); unknown sites are rejected
// unless createMissingSites=true; unknown skills are created. Agents absent from the file are left
// untouched; an archived agent present in the file is restored (the HR export lists current staff).
import type { Insertable, Kysely } from "kysely";
import { writeAudit } from "../../audit/repository.js";
import type { AgentsTable, DB } from "../../db/schema.js";
import { errors } from "../../http/errors.js";
import type { Ctx } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { canWriteOrgWide } from "../../shared/scope.js";
import { orgTimezone } from "../days.js";
import { LOCAL_NUMBERING, nameKey } from "./fields.js";
import * as repo from "./repository.js";
import { type AgentRow, IMPORT_FIELDS, type Mapping, resolveMapping, validateRows } from "./rows.js";
import type { ImportOptions, ImportReport } from "./schema.js";
import { readTable } from "./table.js";

export interface ImportFile {
  buffer: Buffer;
  fileName: string;
}

export type ImportOutcome = { ok: true; report: ImportReport } | { ok: false; report: ImportReport };

/** Import columns → agents table columns, for the fields that live on the agent row. */
const COLUMN_OF = {
  lastName: "last_name",
  firstName: "first_name",
  jobTitle: "job_title",
  hiredOn: "hired_on",
  workTimePct: "work_time_pct",
  canTelework: "can_telework",
  travelAuthorisation: "travel_authorisation",
  neverOnSite: "never_on_site",
  team: "team",
  phone: "phone",
  email: "email",
} as const;

type Named = { id: string; name: string };

export async function importAgents(
  ctx: Ctx,
  file: ImportFile,
  options: ImportOptions,
): Promise<ImportOutcome> {
  if (!canWriteOrgWide(ctx.user)) throw errors.forbidden();
  const mode = options.mode ?? "preview";
  const onError = options.onError ?? "abort";
  const table = await readTable(file.buffer, file.fileName, options.sheet);
  const mapping = resolveMapping(table.headers, options.mapping ?? {});
  const orgId = ctx.user.orgId;

  const run = async (db: Kysely<DB>): Promise<ImportOutcome> => {
    const [services, sites, skills, timezone] = await Promise.all([
      repo.loadServices(db, orgId),
      repo.loadSites(db, orgId),
      repo.loadSkills(db, orgId),
      orgTimezone(db, orgId),
    ]);
    const byKey = (list: Named[]) => new Map(list.map((x) => [nameKey(x.name), x]));
    const siteMap = byKey(sites);
    const newSites: { id: string; org_id: string; name: string }[] = [];
    const { rows, rejected } = validateRows(table, mapping, {
      services: byKey(services),
      localPhone: LOCAL_NUMBERING[timezone],
      site(name) {
        const found = siteMap.get(nameKey(name));
        if (found || !options.createMissingSites) return found ?? null;
        const created = { id: newId(), name };
        siteMap.set(nameKey(name), created);
        newSites.push({ id: created.id, org_id: orgId, name });
        return created;
      },
    });

    // Skills: existing ones by name (case and accents ignored), the others created.
    const skillMap = byKey(skills);
    const newSkills: { id: string; org_id: string; name: string }[] = [];
    const skillIdsOf = (row: AgentRow): string[] | undefined =>
      row.skills?.map((name) => {
        const key = nameKey(name);
        let s = skillMap.get(key);
        if (!s) {
          s = { id: newId(), name };
          skillMap.set(key, s);
          newSkills.push({ id: s.id, org_id: orgId, name });
        }
        return s.id;
      });

    const plan = await planWrites(db, orgId, rows, mapping, skillIdsOf);
    const report: ImportReport = {
      mode,
      committed: false,
      fileName: file.fileName,
      format: table.format,
      encoding: table.encoding,
      separator: table.separator,
      sheet: table.sheet,
      headers: table.headers,
      mapping,
      unmappedColumns: table.headers.filter((h) => h !== "" && !Object.values(mapping).includes(h)),
      rows: table.rows.length,
      accepted: rows.length,
      rejected: rejected.length,
      created: plan.created,
      updated: plan.updated,
      unchanged: plan.unchanged,
      skillsCreated: newSkills.map((s) => s.name),
      sitesCreated: newSites.map((s) => s.name),
      sample: rows.slice(0, 20).map(sampleOf),
      errors: rejected.sort((a, b) => a.row - b.row),
    };
    if (mode === "preview") return { ok: true, report };
    if (rejected.length > 0 && onError === "abort") return { ok: false, report };

    await repo.insertNamed(db, "sites", newSites);
    await repo.insertNamed(db, "skills", newSkills);
    const ids = await repo.upsertAgents(db, plan.upserts, plan.updateColumns);
    if (plan.skills) {
      const pairs: { agent_id: string; skill_id: string }[] = [];
      const clear: string[] = [];
      for (const [staffNumber, skillIds] of plan.skills) {
        const agentId = ids.get(staffNumber);
        if (!agentId) continue;
        if (plan.existing.has(staffNumber)) clear.push(agentId);
        for (const skill_id of skillIds) pairs.push({ agent_id: agentId, skill_id });
      }
      await repo.replaceAgentSkills(db, clear, pairs);
    }
    report.committed = true;
    await writeAudit(db, {
      orgId,
      userId: ctx.user.id,
      action: "import",
      entity: "agent",
      after: {
        fileName: file.fileName,
        format: table.format,
        onError,
        rows: report.rows,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
        rejectedRows: report.errors.map((e) => e.row),
        skillsCreated: report.skillsCreated,
        sitesCreated: report.sitesCreated,
      },
      ip: ctx.ip,
    });
    return { ok: true, report };
  };

  if (mode === "preview") return run(ctx.db);
  return ctx.db.transaction().execute(run);
}

interface Plan {
  created: number;
  updated: number;
  unchanged: number;
  upserts: Insertable<AgentsTable>[];
  updateColumns: repo.AgentColumn[];
  /** staff number → skill ids, for created and updated agents, when the file has a skills column. */
  skills: Map<string, string[]> | null;
  existing: Set<string>;
}

/** Compares each valid row with the stored agent: created, updated or unchanged (nothing to write). */
async function planWrites(
  db: Kysely<DB>,
  orgId: string,
  rows: AgentRow[],
  mapping: Mapping,
  skillIdsOf: (row: AgentRow) => string[] | undefined,
): Promise<Plan> {
  const hasSkills = mapping.skills !== null;
  const { agents, skillsByAgent } = await repo.loadExistingAgents(db, orgId, hasSkills);
  const byStaff = new Map(agents.map((a) => [a.staff_number, a]));
  const updateColumns: repo.AgentColumn[] = ["last_name", "first_name", "service_id"];
  if (mapping.site !== null) updateColumns.push("site_id");
  for (const [field, column] of Object.entries(COLUMN_OF)) {
    if (field !== "lastName" && field !== "firstName" && mapping[field as keyof Mapping] !== null) {
      updateColumns.push(column);
    }
  }
  const plan: Plan = {
    created: 0,
    updated: 0,
    unchanged: 0,
    upserts: [],
    updateColumns,
    skills: hasSkills ? new Map() : null,
    existing: new Set(),
  };
  for (const row of rows) {
    const before = byStaff.get(row.staffNumber);
    const values: Insertable<AgentsTable> = {
      id: before?.id ?? newId(),
      org_id: orgId,
      staff_number: row.staffNumber,
      last_name: row.lastName,
      first_name: row.firstName,
      service_id: row.serviceId,
      site_id: row.siteId !== undefined ? row.siteId : (before?.site_id ?? null),
      job_title: row.jobTitle ?? before?.job_title ?? "",
      hired_on: row.hiredOn !== undefined ? row.hiredOn : (before?.hired_on ?? null),
      work_time_pct: row.workTimePct ?? before?.work_time_pct ?? 100,
      can_telework: row.canTelework ?? before?.can_telework ?? false,
      travel_authorisation: row.travelAuthorisation ?? before?.travel_authorisation ?? false,
      never_on_site: row.neverOnSite ?? before?.never_on_site ?? false,
      team: row.team !== undefined ? row.team : (before?.team ?? null),
      phone: row.phone !== undefined ? row.phone : (before?.phone ?? null),
      email: row.email !== undefined ? row.email : (before?.email ?? null),
    };
    const skillIds = skillIdsOf(row);
    if (!before) {
      plan.created++;
      plan.upserts.push(values);
      if (plan.skills && skillIds) plan.skills.set(row.staffNumber, skillIds);
      continue;
    }
    const sameRow =
      !before.archived &&
      updateColumns.every((c) => (values[c] ?? null) === ((before as Record<string, unknown>)[c] ?? null));
    const sameSkills = !skillIds || sameSet(skillIds, skillsByAgent.get(before.id) ?? []);
    if (sameRow && sameSkills) {
      plan.unchanged++;
      continue;
    }
    plan.updated++;
    plan.existing.add(row.staffNumber);
    plan.upserts.push(values);
    if (plan.skills && skillIds) plan.skills.set(row.staffNumber, skillIds);
  }
  return plan;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(b);
  return a.every((x) => s.has(x));
}

function sampleOf(r: AgentRow): ImportReport["sample"][number] {
  const out: ImportReport["sample"][number] = {
    row: r.row,
    staffNumber: r.staffNumber,
    lastName: r.lastName,
    firstName: r.firstName,
    service: r.serviceName,
  };
  if (r.siteName !== undefined) out.site = r.siteName;
  for (const f of IMPORT_FIELDS) {
    if (f === "site" || f === "service" || f === "direction") continue;
    const v = r[f as keyof AgentRow];
    if (v !== undefined && !(f in out)) (out as Record<string, unknown>)[f] = v;
  }
  return out;
}
