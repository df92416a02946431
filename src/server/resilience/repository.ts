// Reads the organisation as the resilience engine needs it: agents with skills, telework and
// equipment, activities with their minimums, modes, skills and applications.
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

export async function loadOrganisation(db: Kysely<DB>, orgId: string, today: string) {
  const [agents, agentSkills, activities, activitySkills, activityApps, sites, loans, equipment, services] =
    await Promise.all([
      db
        .selectFrom("agents")
        .select(["id", "first_name", "last_name", "service_id", "site_id", "team", "can_telework"])
        .where("org_id", "=", orgId)
        .where("archived_at", "is", null)
        .execute(),
      db
        .selectFrom("agent_skills as s")
        .innerJoin("agents as a", "a.id", "s.agent_id")
        .select(["s.agent_id", "s.skill_id"])
        .where("a.org_id", "=", orgId)
        .execute(),
      db
        .selectFrom("activities")
        .select([
          "id",
          "name",
          "service_id",
          "site_id",
          "criticality",
          "max_interruption_hours",
          "min_on_site",
          "min_remote",
          "modes",
          "equipment_kinds",
        ])
        .where("org_id", "=", orgId)
        .where("archived_at", "is", null)
        .execute(),
      db
        .selectFrom("activity_skills as s")
        .innerJoin("activities as a", "a.id", "s.activity_id")
        .select(["s.activity_id", "s.skill_id"])
        .where("a.org_id", "=", orgId)
        .execute(),
      db
        .selectFrom("activity_applications as x")
        .innerJoin("activities as a", "a.id", "x.activity_id")
        .select(["x.activity_id", "x.application_id"])
        .where("a.org_id", "=", orgId)
        .execute(),
      db
        .selectFrom("sites")
        .select(["id", "name"])
        .where("org_id", "=", orgId)
        .where("archived_at", "is", null)
        .orderBy("name")
        .execute(),
      db
        .selectFrom("equipment_loans as l")
        .innerJoin("equipment as e", "e.id", "l.equipment_id")
        .select(["l.agent_id", "e.kind"])
        .where("l.org_id", "=", orgId)
        .where("l.lent_on", "<=", today)
        .where((eb) => eb.or([eb("l.returned_on", "is", null), eb("l.returned_on", ">", today)]))
        .execute(),
      db
        .selectFrom("equipment")
        .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
        .where("org_id", "=", orgId)
        .where("archived_at", "is", null)
        .groupBy("kind")
        .execute(),
      db.selectFrom("services").select(["id", "name"]).where("org_id", "=", orgId).execute(),
    ]);
  const skills = await db.selectFrom("skills").select(["id", "name"]).where("org_id", "=", orgId).execute();
  return {
    agents,
    agentSkills,
    activities,
    activitySkills,
    activityApps,
    sites,
    loans,
    equipment,
    services,
    skills,
  };
}

export type Organisation = Awaited<ReturnType<typeof loadOrganisation>>;
