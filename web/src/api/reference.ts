// Reference lists used by forms and filters (services, sites, skills, applications).
import { useLoad } from "../components/ui";
import { getAll } from "./client";
import type { Application, Service, Site, Skill } from "./types";

export interface Reference {
  services: Service[];
  sites: Site[];
  skills: Skill[];
  applications: Application[];
}

async function safe<T>(p: Promise<T[]>): Promise<T[]> {
  try {
    return await p;
  } catch {
    return [];
  }
}

export function useReference(which: (keyof Reference)[] = ["services", "sites", "skills", "applications"]) {
  const key = which.join(",");
  return useLoad<Reference>(async () => {
    const [services, sites, skills, applications] = await Promise.all([
      which.includes("services") ? safe(getAll<Service>("/api/services")) : Promise.resolve([]),
      which.includes("sites") ? safe(getAll<Site>("/api/sites")) : Promise.resolve([]),
      which.includes("skills") ? safe(getAll<Skill>("/api/skills")) : Promise.resolve([]),
      which.includes("applications") ? safe(getAll<Application>("/api/applications")) : Promise.resolve([]),
    ]);
    const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, "fr");
    return {
      services: services.sort(byName),
      sites: sites.sort(byName),
      skills: skills.sort(byName),
      applications: applications.sort(byName),
    };
  }, [key]);
}

export function nameOf(list: { id: string; name: string }[] | undefined, id: string | null | undefined) {
  if (!id || !list) return "";
  return list.find((x) => x.id === id)?.name ?? "";
}

/** Services in tree order with their depth (for indented selects and the tree view). */
export function serviceTree(services: Service[]): { service: Service; depth: number }[] {
  const children = new Map<string | null, Service[]>();
  const ids = new Set(services.map((s) => s.id));
  for (const s of services) {
    const parent = s.parentId && ids.has(s.parentId) ? s.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(s);
    children.set(parent, list);
  }
  const out: { service: Service; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const s of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, "fr"))) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      out.push({ service: s, depth });
      walk(s.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
