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
  let simple = totalUnder * w.under;
  // and each person-day costs at least 1² in the fairness sum. Leaving a need uncovered to avoid
  // these costs saves at most person + fairness, so the bound holds while under is the larger.
  if (w.under >= w.person + w.fairness) simple += maxCovered * w.person + sumCovered * w.fairness;
  const lowerBound =
    Math.max(simple, coverBound(p, need, qualifiedAvailable, unavoidableUnder, anyPost, unavailable)) +
    unavoidableRequests(p, anyPost, unavailable);
  return { errors, warnings, lowerBound, unavoidableUnder, qualifiedAvailable };
}

/** Least value of person·N + fairness·Σd² over N people sharing T on-site days (each 1..maxD days,
 * N at most `people`): the days spread evenly, N found by bisection (the cost is convex in N).
 * Non-decreasing in T. Infinity when T days cannot be worked. */
export function peopleCost(
  T: number,
  maxD: number,
  people: number,
  person: number,
  fairness: number,
): number {
  if (T === 0) return 0;
  const lo0 = Math.ceil(T / Math.max(1, maxD));
  const hi0 = Math.min(T, people);
  if (lo0 > hi0) return Number.POSITIVE_INFINITY;
  const g = (n: number) => {
    const q = Math.floor(T / n);
    const r = T - q * n;
    return person * n + fairness * (r * (q + 1) * (q + 1) + (n - r) * q * q);
  };
  let lo = lo0;
  let hi = hi0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (g(mid + 1) < g(mid)) lo = mid + 1;
    else hi = mid;
  }
  return g(lo);
}

/**
 * Cover, people, fairness, home site and teams together. A roster that fills T of the coverable
 * person-days pays (total need − T)·under for the rest; it has at least T on-site person-days,
 * shared by N people, which costs at least peopleCost(T); and on each (day, post) the people
 * beyond those based on that site (or on none) work away from home — at most one fewer per need
 * left uncovered. The bound is the least of these sums over every T.
 */
function coverBound(
  p: RelaisProblem,
  need: Int32Array,
  qualifiedAvailable: Int32Array,
  unavoidableUnder: number[],
  anyPost: boolean[],
  unavailable: Uint8Array[],
): number {
  const w = p.weights;
  const D = p.days;
  const P = p.posts.length;
  let totalNeed = 0;
  let capped = 0; // Σ min(need, qualified available): what cover per (day, post) allows
  for (let i = 0; i < D * P; i++) {
    totalNeed += need[i];
    capped += Math.min(need[i], qualifiedAvailable[i]);
  }
  let coverable = 0; // with one post per person a day as well
  for (let d = 0; d < D; d++) {
    let dayNeed = 0;
    for (let q = 0; q < P; q++) dayNeed += need[d * P + q];
    coverable += dayNeed - unavoidableUnder[d];
  }
  coverable = Math.min(coverable, capped);
  const eligible = p.agents.filter((_, a) => anyPost[a]);
  const maxD = eligible.reduce((m, a) => Math.max(m, Math.min(a.maxDays, D)), 0);
  // Away from home: per (day, post), need beyond the qualified available people of that site.
  let awayMin = 0;
  if (w.away > 0) {
    const home = new Int32Array(D * P);
    p.agents.forEach((agent, a) => {
      if (!anyPost[a]) return;
      for (let q = 0; q < P; q++) {
        const post = p.posts[q];
        if (agent.homeSite >= 0 && agent.homeSite !== post.site) continue;
        if (!isQualified(agent, post)) continue;
        for (let d = 0; d < D; d++) if (!unavailable[a][d]) home[d * P + q]++;
      }
    });
    for (let i = 0; i < D * P; i++)
      awayMin += Math.max(0, Math.min(need[i], qualifiedAvailable[i]) - home[i]);
  }
  // Teams: at most `largest` members of one team on site, so a (day, site) with L people holds at
  // least ceil((L − people without a team) / largest) teams — every one beyond the first mixes —
  // and a day with L people on site has at least that many teams present. One need left uncovered
  // removes at most one from each count.
  let mixMin = 0;
  let teamDaysMin = 0;
  const sizes = new Int32Array(p.teams.length);
  let teamless = 0;
  for (const agent of eligible) {
    if (agent.team >= 0 && agent.team < sizes.length) sizes[agent.team]++;
    else teamless++;
  }
  const largest = sizes.reduce((m, x) => Math.max(m, x), 0);
  if (largest > 0 && (w.teamMix > 0 || w.teamDay > 0)) {
    const S = p.sites.length;
    for (let d = 0; d < D; d++) {
      const load = new Int32Array(S);
      for (let q = 0; q < P; q++)
        load[p.posts[q].site] += Math.min(need[d * P + q], qualifiedAvailable[d * P + q]);
      let day = 0;
      for (let s2 = 0; s2 < S; s2++) {
        day += load[s2];
        mixMin += Math.max(0, Math.ceil(Math.max(0, load[s2] - teamless) / largest) - 1);
      }
      teamDaysMin += Math.ceil(Math.max(0, day - teamless) / largest);
    }
  }
  let best = Number.POSITIVE_INFINITY;
  for (let T = 0; T <= coverable; T++) {
    const people = peopleCost(T, maxD, eligible.length, w.person, w.fairness);
    if (!Number.isFinite(people)) break;
    const uncovered = capped - T;
    const cost =
      (totalNeed - T) * w.under +
      people +
      w.away * Math.max(0, awayMin - uncovered) +
      w.teamMix * Math.max(0, mixMin - uncovered) +
      w.teamDay * Math.max(0, teamDaysMin - uncovered);
    if (cost < best) best = cost;
  }
  return Number.isFinite(best) ? best : 0;
}

/** "Be on site" wishes of agents who cannot come that day, and "stay home" wishes on cells locked
 * on site: no roster honours them. */
function unavoidableRequests(p: RelaisProblem, anyPost: boolean[], unavailable: Uint8Array[]): number {
  const lockedOn = new Set(p.locks.filter((l) => l.post !== OFF).map((l) => `${l.agent}:${l.day}`));
  let sum = 0;
  for (const r of p.requests) {
    if (r.agent < 0 || r.agent >= p.agents.length || r.day < 0 || r.day >= p.days) continue;
    const cannot = r.on
      ? !anyPost[r.agent] || unavailable[r.agent][r.day] === 1
      : lockedOn.has(`${r.agent}:${r.day}`);
    if (cannot) sum += r.weight * p.weights.request;
  }
  return sum;
}
