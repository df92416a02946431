// Incremental search state: flat typed arrays and the score kept up to date cell by cell. `set`
// changes one cell and returns the score delta; `feasible` says whether a change keeps every hard
// rule (the search only makes feasible changes, so the roster is valid at every step).
import { isQualified, OFF, type RelaisProblem } from "./model.js";

export class RelaisState {
  readonly A: number;
  readonly D: number;
  readonly P: number;
  readonly S: number;
  readonly T: number;
  readonly cell: Int16Array;
  readonly locked: Uint8Array;
  /** 1 when the agent may be on site that day (available and not "never on site"). */
  readonly available: Uint8Array;
  /** qualifiedFor[a * P + p] = 1 when agent a holds every skill of post p. */
  readonly qualifiedFor: Uint8Array;
  /** Agents qualified (and not "never on site") for each post. */
  readonly qualified: Int32Array[];
  readonly postSite: Int32Array;
  readonly need: Int32Array;
  readonly assigned: Int32Array;
  readonly siteLoad: Int32Array;
  readonly capacity: Int32Array;
  readonly agentDays: Int32Array;
  readonly maxDays: Int32Array;
  readonly maxConsec: Int32Array;
  readonly team: Int32Array;
  readonly home: Int32Array;
  readonly teamMembers: Int32Array[];
  readonly teamSite: Int32Array;
  readonly teamsAt: Int32Array;
  readonly teamToday: Int32Array;
  readonly wantOn: Float64Array;
  readonly wantOff: Float64Array;
  readonly previous: Int16Array | null;
  /** On-site agents of each day, with their position for O(1) removal. */
  readonly onList: Int32Array[];
  readonly onCount: Int32Array;
  readonly onPos: Int32Array;
  readonly w: RelaisProblem["weights"];
  score = 0;

  constructor(readonly problem: RelaisProblem) {
    const p = problem;
    this.A = p.agents.length;
    this.D = p.days;
    this.P = p.posts.length;
    this.S = p.sites.length;
    this.T = p.teams.length;
    const { A, D, P, S, T } = this;
    this.w = p.weights;
    this.cell = new Int16Array(A * D).fill(OFF);
    this.locked = new Uint8Array(A * D);
    this.available = new Uint8Array(A * D);
    this.qualifiedFor = new Uint8Array(A * P);
    this.postSite = Int32Array.from(p.posts.map((x) => x.site));
    this.need = new Int32Array(D * P);
    this.assigned = new Int32Array(D * P);
    this.siteLoad = new Int32Array(D * S);
    this.capacity = Int32Array.from(p.sites.map((s) => s.capacity));
    this.agentDays = new Int32Array(A);
    this.maxDays = Int32Array.from(p.agents.map((x) => x.maxDays));
    this.maxConsec = Int32Array.from(p.agents.map((x) => x.maxConsecutive));
    this.team = Int32Array.from(p.agents.map((x) => x.team));
    this.home = Int32Array.from(p.agents.map((x) => x.homeSite));
    this.teamSite = new Int32Array(D * S * Math.max(T, 1));
    this.teamsAt = new Int32Array(D * S);
    this.teamToday = new Int32Array(Math.max(T, 1) * D);
    this.wantOn = new Float64Array(A * D);
    this.wantOff = new Float64Array(A * D);
    this.onList = Array.from({ length: D }, () => new Int32Array(A));
    this.onCount = new Int32Array(D);
    this.onPos = new Int32Array(A * D).fill(-1);
    const members: number[][] = Array.from({ length: T }, () => []);
    const qualified: number[][] = Array.from({ length: P }, () => []);
    for (let a = 0; a < A; a++) {
      const agent = p.agents[a];
      if (agent.team >= 0) members[agent.team].push(a);
      if (!agent.neverOnSite) {
        for (let d = 0; d < D; d++) this.available[a * D + d] = 1;
        for (const d of agent.unavailable) if (d >= 0 && d < D) this.available[a * D + d] = 0;
      }
      for (let q = 0; q < P; q++)
        if (isQualified(agent, p.posts[q])) {
          this.qualifiedFor[a * P + q] = 1;
          if (!agent.neverOnSite) qualified[q].push(a);
        }
    }
    this.teamMembers = members.map((m) => Int32Array.from(m));
    this.qualified = qualified.map((m) => Int32Array.from(m));
    for (const n of p.needs) this.need[n.day * P + n.post] += n.count;
    for (const r of p.requests) {
      const i = r.agent * D + r.day;
      if (r.on) this.wantOn[i] += r.weight * this.w.request;
      else this.wantOff[i] += r.weight * this.w.request;
    }
    this.previous = p.previous ? Int16Array.from(p.previous.flat()) : null;
    // Score of the empty roster: every need missing, every "be on site" request unmet, changes.
    let s = 0;
    for (let i = 0; i < D * P; i++) s += this.need[i] * this.w.under;
    for (let i = 0; i < A * D; i++) {
      s += this.wantOn[i];
      if (this.previous && this.previous[i] !== OFF) s += this.w.change;
    }
    this.score = s;
    for (const l of p.locks) this.locked[l.agent * D + l.day] = 1;
  }

  /** Would setting (a, d) to v keep capacity, consecutive-days and period limits? */
  feasible(a: number, d: number, v: number): boolean {
    const i = a * this.D + d;
    const u = this.cell[i];
    if (u === v) return true;
    if (v === OFF) return true;
    if (this.available[i] === 0 || this.qualifiedFor[a * this.P + v] === 0) return false;
    const s = this.postSite[v];
    if (u === OFF || this.postSite[u] !== s) {
      if (this.siteLoad[d * this.S + s] >= this.capacity[s]) return false;
    }
    if (u === OFF) {
      if (this.agentDays[a] >= this.maxDays[a]) return false;
      const base = a * this.D;
      let run = 1;
      for (let k = d - 1; k >= 0 && this.cell[base + k] !== OFF; k--) run++;
      for (let k = d + 1; k < this.D && this.cell[base + k] !== OFF; k++) run++;
      if (run > this.maxConsec[a]) return false;
    }
    return true;
  }

  private coverCost(need: number, assigned: number): number {
    return assigned < need ? (need - assigned) * this.w.under : (assigned - need) * this.w.over;
  }

  private teamLeave(t: number, d: number, s: number): number {
    let delta = 0;
    const k = (d * this.S + s) * this.T + t;
    if (--this.teamSite[k] === 0) {
      const j = d * this.S + s;
      if (this.teamsAt[j] >= 2) delta -= this.w.teamMix;
      this.teamsAt[j]--;
    }
    if (--this.teamToday[t * this.D + d] === 0) delta -= this.w.teamDay;
    return delta;
  }

  private teamJoin(t: number, d: number, s: number): number {
    let delta = 0;
    const k = (d * this.S + s) * this.T + t;
    if (this.teamSite[k]++ === 0) {
      const j = d * this.S + s;
      if (this.teamsAt[j] >= 1) delta += this.w.teamMix;
      this.teamsAt[j]++;
    }
    if (this.teamToday[t * this.D + d]++ === 0) delta += this.w.teamDay;
    return delta;
  }

  /** Sets cell (a, d) to v (no feasibility check) and returns the change of score. */
  set(a: number, d: number, v: number): number {
    const D = this.D;
    const i = a * D + d;
    const u = this.cell[i];
    if (u === v) return 0;
    const w = this.w;
    const P = this.P;
    let delta = 0;
    const t = this.team[a];
    if (u !== OFF) {
      const j = d * P + u;
      const n = this.need[j];
      delta += this.coverCost(n, this.assigned[j] - 1) - this.coverCost(n, this.assigned[j]);
      this.assigned[j]--;
      const s = this.postSite[u];
      this.siteLoad[d * this.S + s]--;
      if (t >= 0) delta += this.teamLeave(t, d, s);
      if (this.home[a] >= 0 && this.home[a] !== s) delta -= w.away;
    }
    if (v !== OFF) {
      const j = d * P + v;
      const n = this.need[j];
      delta += this.coverCost(n, this.assigned[j] + 1) - this.coverCost(n, this.assigned[j]);
      this.assigned[j]++;
      const s = this.postSite[v];
      this.siteLoad[d * this.S + s]++;
      if (t >= 0) delta += this.teamJoin(t, d, s);
      if (this.home[a] >= 0 && this.home[a] !== s) delta += w.away;
    }
    if (u === OFF || v === OFF) {
      const c = this.agentDays[a];
      const c2 = v === OFF ? c - 1 : c + 1;
      delta += w.fairness * (c2 * c2 - c * c);
      if (c === 0) delta += w.person;
      if (c2 === 0) delta -= w.person;
      this.agentDays[a] = c2;
      delta += v === OFF ? this.wantOn[i] - this.wantOff[i] : this.wantOff[i] - this.wantOn[i];
      const list = this.onList[d];
      if (v === OFF) {
        const pos = this.onPos[i];
        const last = list[--this.onCount[d]];
        list[pos] = last;
        this.onPos[last * D + d] = pos;
        this.onPos[i] = -1;
      } else {
        list[this.onCount[d]] = a;
        this.onPos[i] = this.onCount[d]++;
      }
    }
    if (this.previous) {
      const prev = this.previous[i];
      delta += w.change * ((prev !== v ? 1 : 0) - (prev !== u ? 1 : 0));
    }
    this.cell[i] = v;
    this.score += delta;
    return delta;
  }

  /** roster[agent][day]. */
  toRoster(cells: Int16Array = this.cell): number[][] {
    const out: number[][] = [];
    for (let a = 0; a < this.A; a++) out.push(Array.from(cells.subarray(a * this.D, (a + 1) * this.D)));
    return out;
  }
}
