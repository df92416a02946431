// Seeded generator of Relais problems for tests and the benchmark: sites, posts with 1–2 skills,
// agents in teams with 1–3 skills, some absences and "never on site", needs every day.
import { Rng } from "../rng.js";
import {
  DEFAULT_WEIGHTS,
  type RelaisAgent,
  type RelaisNeed,
  type RelaisPost,
  type RelaisProblem,
} from "./model.js";

export interface GenerateOptions {
  agents: number;
  days: number;
  /** Posts (needs per day). */
  posts: number;
  sites: number;
  skills: number;
  teamSize: number;
  /** Mean people per need. */
  perNeed: number;
  seed: number;
  absenceRate?: number;
}

export function generateRelais(o: GenerateOptions): RelaisProblem {
  const rng = new Rng(o.seed);
  const skills = Array.from({ length: o.skills }, (_, i) => `compétence ${i + 1}`);
  const sites = Array.from({ length: o.sites }, (_, i) => ({
    id: `S${i}`,
    name: `Site ${String.fromCharCode(65 + i)}`,
    capacity: 0,
  }));
  const posts: RelaisPost[] = Array.from({ length: o.posts }, (_, i) => {
    const a = rng.int(o.skills);
    const b = rng.int(o.skills);
    return {
      id: `P${i}`,
      label: `activité ${i + 1} (${sites[i % o.sites].name})`,
      site: i % o.sites,
      skills: rng.int(3) === 0 && a !== b ? [a, b] : [a],
    };
  });
  const teams = Array.from({ length: Math.ceil(o.agents / o.teamSize) }, (_, i) => `Équipe ${i + 1}`);
  const agents: RelaisAgent[] = Array.from({ length: o.agents }, (_, i) => {
    const own = new Set<number>();
    const k = 1 + rng.int(3);
    for (let j = 0; j < k; j++) own.add(rng.int(o.skills));
    const unavailable: number[] = [];
    for (let d = 0; d < o.days; d++) if (rng.float() < (o.absenceRate ?? 0.05)) unavailable.push(d);
    return {
      id: `A${i}`,
      name: `Agent ${i + 1}`,
      skills: [...own],
      homeSite: rng.int(o.sites),
      team: Math.floor(i / o.teamSize),
      neverOnSite: rng.float() < 0.02,
      unavailable,
      maxConsecutive: 5,
      maxDays: Math.ceil((o.days * 5) / 7),
    };
  });
  const needs: RelaisNeed[] = [];
  const perDay = new Array<number>(o.sites).fill(0);
  const counts = posts.map(() => 1 + rng.int(2 * o.perNeed - 1));
  for (let d = 0; d < o.days; d++)
    posts.forEach((post, q) => {
      needs.push({ post: q, day: d, count: counts[q] });
      if (d === 0) perDay[post.site] += counts[q];
    });
  sites.forEach((s, i) => {
    s.capacity = Math.ceil(perDay[i] * 1.3) + 2;
  });
  return {
    startDate: "2025-03-03",
    days: o.days,
    sites,
    posts,
    skills,
    teams,
    agents,
    needs,
    requests: [],
    locks: [],
    previous: null,
    weights: { ...DEFAULT_WEIGHTS },
  };
}
