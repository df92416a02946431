// Independent evaluator of a Relais roster: plain, slow, obvious code that shares nothing with the
// search's incremental state, so that it catches the search's mistakes. Every hard rule and every
// soft term of the score is computed here from scratch.
import { dayWords, isQualified, OFF, type RelaisProblem, type RelaisRoster } from "./model.js";

export interface RelaisHardViolation {
  rule:
    | "shape"
    | "unknown_post"
    | "unqualified"
    | "unavailable"
    | "capacity"
    | "consecutive"
    | "max_days"
    | "lock";
  agent: number | null;
  day: number | null;
  message: string;
}

export const TERM_NAMES = [
  "under",
  "over",
  "person",
  "teamMix",
  "teamDay",
  "fairness",
  "request",
  "change",
  "away",
] as const;
export type TermName = (typeof TERM_NAMES)[number];

export interface RelaisEvaluation {
  hard: RelaisHardViolation[];
  /** Weighted value of each soft term. */
  terms: Record<TermName, number>;
  /** Unweighted counts behind each term (missing people, distinct people, ...). */
  counts: Record<TermName, number>;
  score: number;
}

export function checkHard(p: RelaisProblem, roster: RelaisRoster): RelaisHardViolation[] {
  const out: RelaisHardViolation[] = [];
  if (roster.length !== p.agents.length || roster.some((row) => row.length !== p.days)) {
    return [{ rule: "shape", agent: null, day: null, message: "Le planning n'a pas la bonne taille." }];
  }
  for (let a = 0; a < p.agents.length; a++) {
    const agent = p.agents[a];
    const unavailable = new Set(agent.unavailable);
    let run = 0;
    let total = 0;
    for (let d = 0; d < p.days; d++) {
      const v = roster[a][d];
      if (v === OFF) {
        run = 0;
        continue;
      }
      const where = `${dayWords(p.startDate, d)} : ${agent.name}`;
      if (!Number.isInteger(v) || v < 0 || v >= p.posts.length) {
        out.push({ rule: "unknown_post", agent: a, day: d, message: `${where} — poste inconnu.` });
        continue;
      }
      const post = p.posts[v];
      if (!isQualified(agent, post))
        out.push({
          rule: "unqualified",
          agent: a,
          day: d,
          message: `${where} — non qualifié pour ${post.label}.`,
        });
      if (agent.neverOnSite || unavailable.has(d))
        out.push({ rule: "unavailable", agent: a, day: d, message: `${where} — indisponible ce jour.` });
      run++;
      total++;
      if (run === agent.maxConsecutive + 1)
        out.push({
          rule: "consecutive",
          agent: a,
          day: d,
          message: `${where} — plus de ${agent.maxConsecutive} jours de suite sur site.`,
        });
    }
    if (total > agent.maxDays)
      out.push({
        rule: "max_days",
        agent: a,
        day: null,
        message: `${agent.name} — ${total} jours sur site pour un maximum de ${agent.maxDays}.`,
      });
  }
  for (let d = 0; d < p.days; d++) {
    const load = new Array<number>(p.sites.length).fill(0);
    for (let a = 0; a < p.agents.length; a++) {
      const v = roster[a][d];
      if (v >= 0 && v < p.posts.length) load[p.posts[v].site]++;
    }
    p.sites.forEach((site, s) => {
      if (load[s] > site.capacity)
        out.push({
          rule: "capacity",
          agent: null,
          day: d,
          message: `${dayWords(p.startDate, d)} : ${site.name} — ${load[s]} personnes pour une capacité de ${site.capacity}.`,
        });
    });
  }
  for (const lock of p.locks) {
    if (roster[lock.agent][lock.day] !== lock.post)
      out.push({
        rule: "lock",
        agent: lock.agent,
        day: lock.day,
        message: `${dayWords(p.startDate, lock.day)} : ${p.agents[lock.agent].name} — case verrouillée modifiée.`,
      });
  }
  return out;
}

export function evaluate(p: RelaisProblem, roster: RelaisRoster): RelaisEvaluation {
  const hard = checkHard(p, roster);
  const counts: Record<TermName, number> = {
    under: 0,
    over: 0,
    person: 0,
    teamMix: 0,
    teamDay: 0,
    fairness: 0,
    request: 0,
    change: 0,
    away: 0,
  };
  if (hard.some((h) => h.rule === "shape")) return { hard, terms: { ...counts }, counts, score: Number.NaN };
  const onPost = (a: number, d: number) => {
    const v = roster[a][d];
    return v >= 0 && v < p.posts.length ? v : OFF;
  };
  // Cover: needs per (day, post); assignments to a post without a need are all over-cover.
  const need = new Map<string, number>();
  for (const n of p.needs) need.set(`${n.day}:${n.post}`, (need.get(`${n.day}:${n.post}`) ?? 0) + n.count);
  const assigned = new Map<string, number>();
  for (let a = 0; a < p.agents.length; a++)
    for (let d = 0; d < p.days; d++) {
      const v = onPost(a, d);
      if (v !== OFF) assigned.set(`${d}:${v}`, (assigned.get(`${d}:${v}`) ?? 0) + 1);
    }
  for (const key of new Set([...need.keys(), ...assigned.keys()])) {
    const diff = (assigned.get(key) ?? 0) - (need.get(key) ?? 0);
    if (diff < 0) counts.under += -diff;
    else counts.over += diff;
  }
  // People, fairness, home site, requests, changes.
  for (let a = 0; a < p.agents.length; a++) {
    let days = 0;
    for (let d = 0; d < p.days; d++) {
      const v = onPost(a, d);
      if (v === OFF) continue;
      days++;
      const home = p.agents[a].homeSite;
      if (home >= 0 && p.posts[v].site !== home) counts.away++;
    }
    if (days > 0) counts.person++;
    counts.fairness += days * days;
  }
  let requestPenalty = 0;
  for (const r of p.requests) {
    const on = onPost(r.agent, r.day) !== OFF;
    if (on !== r.on) {
      counts.request++;
      requestPenalty += r.weight;
    }
  }
  if (p.previous)
    for (let a = 0; a < p.agents.length; a++)
      for (let d = 0; d < p.days; d++) if (roster[a][d] !== p.previous[a][d]) counts.change++;
  // Teams: distinct teams per (day, site) beyond the first; (team, day) pairs with someone on site.
  for (let d = 0; d < p.days; d++) {
    const teamsAt = p.sites.map(() => new Set<number>());
    const teamsToday = new Set<number>();
    for (let a = 0; a < p.agents.length; a++) {
      const v = onPost(a, d);
      const t = p.agents[a].team;
      if (v === OFF || t < 0) continue;
      teamsAt[p.posts[v].site].add(t);
      teamsToday.add(t);
    }
    for (const set of teamsAt) counts.teamMix += Math.max(0, set.size - 1);
    counts.teamDay += teamsToday.size;
  }
  const w = p.weights;
  const terms: Record<TermName, number> = {
    under: counts.under * w.under,
    over: counts.over * w.over,
    person: counts.person * w.person,
    teamMix: counts.teamMix * w.teamMix,
    teamDay: counts.teamDay * w.teamDay,
    fairness: counts.fairness * w.fairness,
    request: requestPenalty * w.request,
    change: counts.change * w.change,
    away: counts.away * w.away,
  };
  const score = TERM_NAMES.reduce((s, k) => s + terms[k], 0);
  return { hard, terms, counts, score };
}
