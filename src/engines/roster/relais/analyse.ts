// Before solving: what cannot possibly work (blocking errors with their reason), what will
// unavoidably stay uncovered (warnings), and a lower bound on the score that any roster must pay.
import { dayWords, isQualified, OFF, type RelaisProblem } from "./model.js";

export interface RelaisIssue {
  code:
    | "need_unmeetable"
    | "capacity_below_minimum"
    | "lock_conflict"
    | "lock_unqualified"
    | "lock_unavailable"
    | "lock_capacity"
    | "lock_consecutive"
    | "lock_max_days"
    | "lock_out_of_range"
    | "unavoidable_gap";
  message: string;
  day?: number;
  post?: number;
  agent?: number;
}

export interface RelaisAnalysis {
  /** Blocking: the period cannot be planned as it stands. */
  errors: RelaisIssue[];
  /** Needs that cannot be fully met whatever the roster (too few qualified people available). */
  warnings: RelaisIssue[];
  /** Score no roster can beat. */
  lowerBound: number;
  /** Missing people no roster can avoid, per day. */
  unavoidableUnder: number[];
  /** qualifiedAvailable[d * P + p]: agents able to take post p on day d. */
  qualifiedAvailable: Int32Array;
}

export function analyse(p: RelaisProblem): RelaisAnalysis {
  const errors: RelaisIssue[] = [];
  const warnings: RelaisIssue[] = [];
  const D = p.days;
  const P = p.posts.length;
  const unavailable = p.agents.map((a) => {
    const u = new Uint8Array(D);
    if (a.neverOnSite) u.fill(1);
    for (const d of a.unavailable) if (d >= 0 && d < D) u[d] = 1;
    return u;
  });
  const qualified = p.posts.map((post) =>
    p.agents.flatMap((a, i) => (!a.neverOnSite && isQualified(a, post) ? [i] : [])),
  );
  const need = new Int32Array(D * P);
  for (const n of p.needs) need[n.day * P + n.post] += n.count;
  const skillNames = (post: number) => p.posts[post].skills.map((s) => p.skills[s]).join(", ") || "aucune";

  // A need no agent can ever meet.
  for (let q = 0; q < P; q++) {
    let total = 0;
    for (let d = 0; d < D; d++) total += need[d * P + q];
    if (total > 0 && qualified[q].length === 0)
      errors.push({
        code: "need_unmeetable",
        post: q,
        message: `${p.posts[q].label} : aucun agent pouvant venir sur site ne détient les compétences requises (${skillNames(q)}).`,
      });
  }
  // Site capacity below the minimum needed on a day.
  for (let d = 0; d < D; d++) {
    const load = new Array<number>(p.sites.length).fill(0);
    for (let q = 0; q < P; q++) load[p.posts[q].site] += need[d * P + q];
    p.sites.forEach((site, s) => {
      if (load[s] > site.capacity)
        errors.push({
          code: "capacity_below_minimum",
          day: d,
          message: `${dayWords(p.startDate, d)} : ${site.name} — les besoins demandent ${load[s]} personnes sur site pour une capacité de ${site.capacity}.`,
        });
    });
  }
  // Locks that contradict each other or the hard rules.
  const lockAt = new Map<string, number>();
  const lockedOn = p.agents.map(() => new Uint8Array(D));
  const lockLoad = new Map<string, number>();
  for (const l of p.locks) {
    if (l.agent < 0 || l.agent >= p.agents.length || l.day < 0 || l.day >= D || l.post < OFF || l.post >= P) {
      errors.push({
        code: "lock_out_of_range",
        message: "Une case verrouillée est hors de la période ou du périmètre.",
      });
      continue;
    }
    const agent = p.agents[l.agent];
    const where = `${dayWords(p.startDate, l.day)} : ${agent.name}`;
    const key = `${l.agent}:${l.day}`;
    const before = lockAt.get(key);
    if (before !== undefined && before !== l.post) {
      errors.push({
        code: "lock_conflict",
        agent: l.agent,
        day: l.day,
        message: `${where} — deux verrous contradictoires sur la même journée.`,
      });
      continue;
    }
    if (before !== undefined) continue;
    lockAt.set(key, l.post);
    if (l.post === OFF) continue;
    const post = p.posts[l.post];
    if (!isQualified(agent, post))
      errors.push({
        code: "lock_unqualified",
        agent: l.agent,
        day: l.day,
        message: `${where} — verrouillé sur ${post.label} sans les compétences requises (${skillNames(l.post)}).`,
      });
    if (unavailable[l.agent][l.day])
      errors.push({
        code: "lock_unavailable",
        agent: l.agent,
        day: l.day,
        message: `${where} — verrouillé sur site alors qu'il est indisponible ce jour.`,
      });
    lockedOn[l.agent][l.day] = 1;
    const siteKey = `${l.day}:${post.site}`;
    lockLoad.set(siteKey, (lockLoad.get(siteKey) ?? 0) + 1);
  }
  for (const [key, n] of lockLoad) {
    const [d, s] = key.split(":").map(Number);
    if (n > p.sites[s].capacity)
      errors.push({
        code: "lock_capacity",
        day: d,
        message: `${dayWords(p.startDate, d)} : ${p.sites[s].name} — ${n} personnes verrouillées sur site pour une capacité de ${p.sites[s].capacity}.`,
      });
  }
  p.agents.forEach((agent, a) => {
    let run = 0;
    let total = 0;
    let reported = false;
    for (let d = 0; d < D; d++) {
      run = lockedOn[a][d] ? run + 1 : 0;
      total += lockedOn[a][d];
      if (run > agent.maxConsecutive && !reported) {
        reported = true;
        errors.push({
          code: "lock_consecutive",
          agent: a,
          day: d,
          message: `${agent.name} — les verrous imposent plus de ${agent.maxConsecutive} jours de suite sur site (jusqu'au ${dayWords(p.startDate, d)}).`,
        });
      }
    }
    if (total > agent.maxDays)
      errors.push({
        code: "lock_max_days",
        agent: a,
        message: `${agent.name} — ${total} jours verrouillés sur site pour un maximum de ${agent.maxDays} sur la période.`,
      });
  });

  // Unavoidable under-cover: per post (qualified people available that day) and per day (people
  // able to take at least one post, since one person covers one post a day).
  const qualifiedAvailable = new Int32Array(D * P);
  for (let q = 0; q < P; q++)
    for (const a of qualified[q])
      for (let d = 0; d < D; d++) if (!unavailable[a][d]) qualifiedAvailable[d * P + q]++;
  const anyPost = p.agents.map((a) => !a.neverOnSite && p.posts.some((post) => isQualified(a, post)));
  const unavoidableUnder: number[] = [];
  let totalUnder = 0;
  let maxCovered = 0;
  let sumCovered = 0;
  for (let d = 0; d < D; d++) {
    let perPost = 0;
    let total = 0;
    for (let q = 0; q < P; q++) {
      const n = need[d * P + q];
      total += n;
      const gap = n - qualifiedAvailable[d * P + q];
      if (gap > 0 && qualified[q].length > 0) {
        perPost += gap;
        warnings.push({
          code: "unavoidable_gap",
          day: d,
          post: q,
          message: `${dayWords(p.startDate, d)} : ${p.posts[q].label} — ${gap} agent${gap > 1 ? "s" : ""} qualifié${gap > 1 ? "s" : ""} manquant${gap > 1 ? "s" : ""} quoi qu'il arrive (${qualifiedAvailable[d * P + q]} disponible${qualifiedAvailable[d * P + q] > 1 ? "s" : ""} pour ${n}).`,
        });
      } else if (gap > 0) perPost += n;
    }
    let people = 0;
    for (let a = 0; a < p.agents.length; a++) if (anyPost[a] && !unavailable[a][d]) people++;
    const u = Math.max(perPost, total - people, 0);
    unavoidableUnder.push(u);
    totalUnder += u;
    maxCovered = Math.max(maxCovered, total - u);
    sumCovered += total - u;
  }
  const w = p.weights;
  // Every covered need is one person on site that day, so at least maxCovered distinct people
  // unless needs are left uncovered — which costs more when under >= person.
  let lowerBound = totalUnder * w.under;
  // and each person-day costs at least 1² in the fairness sum. Leaving a need uncovered to avoid
  // these costs saves at most person + fairness, so the bound holds while under is the larger.
  if (w.under >= w.person + w.fairness) lowerBound += maxCovered * w.person + sumCovered * w.fairness;
  return { errors, warnings, lowerBound, unavoidableUnder, qualifiedAvailable };
}
