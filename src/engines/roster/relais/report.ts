// Remaining violations of a roster in words, each with the reason it could not be met:
// "mardi 14 : Accueil (Site B) — 1 agent qualifié manquant : …".
import { dayWords, isQualified, OFF, type RelaisProblem, type RelaisRoster } from "./model.js";

export interface RelaisViolation {
  kind: "under" | "over" | "request";
  day: number;
  post: number | null;
  agent: number | null;
  count: number;
  message: string;
  reason: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export function describeViolations(p: RelaisProblem, roster: RelaisRoster): RelaisViolation[] {
  const out: RelaisViolation[] = [];
  const D = p.days;
  const P = p.posts.length;
  const need = new Int32Array(D * P);
  for (const n of p.needs) need[n.day * P + n.post] += n.count;
  const assigned = new Int32Array(D * P);
  const siteLoad = new Int32Array(D * p.sites.length);
  const days = new Int32Array(p.agents.length);
  for (let a = 0; a < p.agents.length; a++)
    for (let d = 0; d < D; d++) {
      const v = roster[a][d];
      if (v === OFF) continue;
      assigned[d * P + v]++;
      siteLoad[d * p.sites.length + p.posts[v].site]++;
      days[a]++;
    }
  const unavailable = p.agents.map((a) => new Set(a.unavailable));
  const locked = new Set(p.locks.map((l) => `${l.agent}:${l.day}`));
  for (let d = 0; d < D; d++)
    for (let q = 0; q < P; q++) {
      const gap = need[d * P + q] - assigned[d * P + q];
      if (gap === 0) continue;
      const post = p.posts[q];
      const where = `${dayWords(p.startDate, d)} : ${post.label}`;
      if (gap < 0) {
        out.push({
          kind: "over",
          day: d,
          post: q,
          agent: null,
          count: -gap,
          message: `${where} — ${plural(-gap, "personne", "personnes")} de plus que le besoin`,
          reason: "présence en surnombre, gardée pour l'équilibre des équipes ou des verrous",
        });
        continue;
      }
      // Why: count the qualified people and what keeps each of them away.
      let qualified = 0;
      let absent = 0;
      let elsewhere = 0;
      let atLimit = 0;
      let lockedOff = 0;
      for (let a = 0; a < p.agents.length; a++) {
        const agent = p.agents[a];
        if (agent.neverOnSite || !isQualified(agent, post)) continue;
        qualified++;
        if (unavailable[a].has(d)) absent++;
        else if (roster[a][d] !== OFF) elsewhere++;
        else if (locked.has(`${a}:${d}`)) lockedOff++;
        else atLimit++;
      }
      const capacity = p.sites[post.site].capacity;
      const full = siteLoad[d * p.sites.length + post.site] >= capacity;
      let reason: string;
      if (qualified === 0) reason = "aucun agent ne détient les compétences requises";
      else if (qualified === absent)
        reason = `aucun agent qualifié disponible ce jour (${plural(absent, "absent ou indisponible", "absents ou indisponibles")})`;
      else if (qualified - absent < need[d * P + q])
        reason = `seulement ${plural(qualified - absent, "agent qualifié disponible", "agents qualifiés disponibles")} ce jour (${absent} absent${absent > 1 ? "s" : ""} ou indisponible${absent > 1 ? "s" : ""})`;
      else if (full) reason = `le site est à sa capacité (${capacity} personnes)`;
      else {
        const parts: string[] = [];
        if (elsewhere > 0) parts.push(`${elsewhere} déjà affecté${elsewhere > 1 ? "s" : ""} ailleurs`);
        if (atLimit > 0)
          parts.push(`${atLimit} au maximum de jours sur site (consécutifs ou sur la période)`);
        if (lockedOff > 0) parts.push(`${lockedOff} verrouillé${lockedOff > 1 ? "s" : ""} hors site`);
        if (absent > 0) parts.push(`${absent} indisponible${absent > 1 ? "s" : ""}`);
        reason = `agents qualifiés : ${parts.join(", ")}`;
      }
      out.push({
        kind: "under",
        day: d,
        post: q,
        agent: null,
        count: gap,
        message: `${where} — ${plural(gap, "agent qualifié manquant", "agents qualifiés manquants")}`,
        reason,
      });
    }
  for (const r of p.requests) {
    const on = roster[r.agent][r.day] !== OFF;
    if (on === r.on) continue;
    out.push({
      kind: "request",
      day: r.day,
      post: null,
      agent: r.agent,
      count: 1,
      message: `${dayWords(p.startDate, r.day)} : ${p.agents[r.agent].name} — souhait ${r.on ? "de venir sur site" : "de ne pas venir sur site"} non respecté`,
      reason: r.on
        ? days[r.agent] >= p.agents[r.agent].maxDays
          ? "maximum de jours sur site atteint"
          : "pas de besoin correspondant à ses compétences ce jour-là"
        : "sa présence est nécessaire pour couvrir un besoin",
    });
  }
  const order = { under: 0, request: 1, over: 2 };
  return out.sort((x, y) => order[x.kind] - order[y.kind] || x.day - y.day);
}
