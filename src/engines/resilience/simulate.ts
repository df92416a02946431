/**
 * Monte Carlo simulation of absences and daily coverage.
 *
 * Absences. On a day with target rate p, agent i is absent with probability
 * f_i·(a·S + b·T + c·p), where S and T are Bernoulli(p) shocks of its site and team, drawn once a
 * day, a = √siteCorrelation, b = √(teamCorrelation − siteCorrelation), c = 1 − a − b and f_i the
 * agent's own factor (absenceProbability / mean rate; products above 1 are capped). For uniform
 * factors the marginal is exactly p and two agents of a team have correlation a² + b², of a site
 * a². Draws cost O(absences): a geometric skip over the agents at the common rate c·p, then a
 * skip over the sites and teams hit by a shock and, for each, an extra skip over its agents at
 * the increment (union of independent events); unequal factors are handled by thinning.
 *
 * Modes. "days": each simulated day is drawn afresh at the rate of one day of the wave (days taken
 * in turn), starting from the all-present assignment, and rolled back afterwards. "waves": whole
 * waves of `waveDays` days; a present agent starts an absence with the day's hazard (computed so
 * that the expected absent share follows the curve) under the same site/team shocks, and stays
 * absent for a geometric number of days of mean `meanAbsenceDays`; the assignment is updated
 * incrementally as absences start (holes refilled) and end (returning agents put back where
 * short).
 *
 * Reproducibility. Iterations are cut into fixed chunks; chunk k draws from the stream
 * `streamSeed(seed, k)` and all tallies are integer counts, so totals do not depend on which
 * worker ran which chunk nor on how many workers there were.
 */
import { Assignment } from "./assign.js";
import type { SimulationModel } from "./model.js";
import { LOG_TABLE, streamSeed, Xoshiro128 } from "./rng.js";

export type SimulationMode = "days" | "waves";

export interface SimulationParams {
  mode: SimulationMode;
  /** Simulated days (mode "days") or waves (mode "waves"). */
  iterations: number;
  seed: number;
  /** Iterations per chunk (the unit of reproducibility); 250 days or 4 waves by default. */
  chunkSize?: number;
  /** Longest chain of moves tried to refill a hole (3). */
  repairDepth?: number;
  /** Most slots explored per refill (48). */
  repairNodes?: number;
}

export interface SimulationTotals {
  mode: SimulationMode;
  iterations: number;
  days: number;
  /** Per activity: days short of its minimum. */
  uncoveredDays: Float64Array;
  /** Per activity: sum over days of the people missing. */
  shortfall: Float64Array;
  /** Per compact agent: absences that left a hole nobody could fill. */
  gaps: Float64Array;
  /** Per day of the wave: absent agents summed over samples, and number of samples. */
  absentByDay: Float64Array;
  samplesByDay: Float64Array;
  absentSum: number;
  absentSumSq: number;
  /** Completed absences (started after day 0, ended within the wave) and their total length. */
  spells: number;
  spellDays: number;
  /** Waves only: histogram per activity of days uncovered in a wave, [a * (waveDays + 1) + days]. */
  waveHistogram: Float64Array;
  /** Waves only: per activity, sum over waves of the longest run of uncovered days. */
  longestOutage: Float64Array;
  /** Waves only: per activity, waves whose longest run exceeded its maximum tolerable interruption. */
  mtiExceeded: Float64Array;
}

/** Above this probability a pass draws every agent instead of skipping geometrically. */
const DIRECT_ABOVE = 0.3;

export const DEFAULT_CHUNK = { days: 250, waves: 4 } as const;

export function chunkCount(p: SimulationParams): number {
  return Math.ceil(p.iterations / (p.chunkSize ?? DEFAULT_CHUNK[p.mode]));
}

export function emptyTotals(m: SimulationModel, mode: SimulationMode): SimulationTotals {
  const waves = mode === "waves";
  return {
    mode,
    iterations: 0,
    days: 0,
    uncoveredDays: new Float64Array(m.nActivities),
    shortfall: new Float64Array(m.nActivities),
    gaps: new Float64Array(m.nAgents),
    absentByDay: new Float64Array(m.waveDays),
    samplesByDay: new Float64Array(m.waveDays),
    absentSum: 0,
    absentSumSq: 0,
    spells: 0,
    spellDays: 0,
    waveHistogram: new Float64Array(waves ? m.nActivities * (m.waveDays + 1) : 0),
    longestOutage: new Float64Array(waves ? m.nActivities : 0),
    mtiExceeded: new Float64Array(waves ? m.nActivities : 0),
  };
}

/** Adds `b` into `a` (exact: every tally is an integer). */
export function mergeTotals(a: SimulationTotals, b: SimulationTotals): SimulationTotals {
  a.iterations += b.iterations;
  a.days += b.days;
  a.absentSum += b.absentSum;
  a.absentSumSq += b.absentSumSq;
  a.spells += b.spells;
  a.spellDays += b.spellDays;
  const add = (x: Float64Array, y: Float64Array): void => {
    for (let i = 0; i < x.length; i++) x[i] += y[i];
  };
  add(a.uncoveredDays, b.uncoveredDays);
  add(a.shortfall, b.shortfall);
  add(a.gaps, b.gaps);
  add(a.absentByDay, b.absentByDay);
  add(a.samplesByDay, b.samplesByDay);
  add(a.waveHistogram, b.waveHistogram);
  add(a.longestOutage, b.longestOutage);
  add(a.mtiExceeded, b.mtiExceeded);
  return a;
}

function extraProbability(f: number, before: number, after: number): number {
  const pb = Math.min(f * before, 1);
  const pa = Math.min(f * after, 1);
  return pb >= 1 ? 0 : (pa - pb) / (1 - pb);
}

/** Runs chunks of one simulation, accumulating into `totals`. One per thread. */
export class Simulator {
  readonly totals: SimulationTotals;
  private readonly asg: Assignment;
  private readonly list: Int32Array;
  private readonly siteMark: Int32Array;
  private readonly passProb = new Float64Array(4);
  private readonly passInv = new Float64Array(4);
  private readonly passBefore = new Float64Array(4);
  private readonly passAfter = new Float64Array(4);
  private stamp = 0;
  private rng = new Xoshiro128(0);
  private readonly chunkSize: number;
  private readonly depth: number;
  private readonly nodes: number;
  // wave state
  private readonly retHead: Int32Array;
  private readonly retNext: Int32Array;
  private readonly onsetDay: Int32Array;
  private readonly waveCount: Int32Array;
  private readonly lastDay: Int32Array;
  private readonly run: Int32Array;
  private readonly longest: Int32Array;
  private readonly touched: Int32Array;
  private nTouched = 0;

  constructor(
    private readonly m: SimulationModel,
    private readonly p: SimulationParams,
  ) {
    this.totals = emptyTotals(m, p.mode);
    this.asg = new Assignment(m);
    this.list = new Int32Array(m.nAgents);
    this.siteMark = new Int32Array(m.nSites);
    this.chunkSize = p.chunkSize ?? DEFAULT_CHUNK[p.mode];
    this.depth = p.repairDepth ?? 3;
    this.nodes = p.repairNodes ?? 48;
    const waves = p.mode === "waves";
    const nAct = waves ? m.nActivities : 0;
    this.retHead = new Int32Array(waves ? m.waveDays + 1 : 0);
    this.retNext = new Int32Array(waves ? m.nAgents : 0);
    this.onsetDay = new Int32Array(waves ? m.nAgents : 0);
    this.waveCount = new Int32Array(nAct);
    this.lastDay = new Int32Array(nAct).fill(-2);
    this.run = new Int32Array(nAct);
    this.longest = new Int32Array(nAct);
    this.touched = new Int32Array(nAct);
    this.asg.load(m.baseAssignAct, m.baseAssignSlot);
  }

  runChunk(k: number): void {
    const start = k * this.chunkSize;
    const end = Math.min(this.p.iterations, start + this.chunkSize);
    if (start >= end) return;
    this.rng = new Xoshiro128(streamSeed(this.p.seed, k));
    if (this.p.mode === "days") {
      for (let i = start; i < end; i++) this.simulateDay(i % this.m.waveDays);
    } else {
      for (let i = start; i < end; i++) this.simulateWave();
    }
    this.totals.iterations += end - start;
  }

  /**
   * Marks newly absent agents among those present, at daily rate `p` with site and team shocks;
   * returns how many, listed in `this.list`.
   */
  private draw(p: number): number {
    const m = this.m;
    const a = m.mixSite;
    const b = m.mixTeam;
    const base = m.mixOwn * p;
    const pr = this.passProb;
    // the four kinds of pass of the day: own, site shock, team shock, team shock on a shocked site
    this.preparePass(0, 0, base);
    this.preparePass(1, base, base + a);
    this.preparePass(2, base, base + b);
    this.preparePass(3, base + a, base + a + b);
    let n = this.pass(0, m.nAgents, 0, 0);
    if (p <= 0) return n;
    const stamp = ++this.stamp;
    const inv = p < 1 ? 1 / Math.log1p(-p) : 0;
    const rng = this.rng;
    const gs = m.groupStart;
    if (a > 0 && pr[1] > 0) {
      const sg = m.siteGroupStart;
      for (let s = -1; ; ) {
        s += p < 1 ? 1 + Math.floor(rng.nextLog() * inv) : 1;
        if (s >= m.nSites) break;
        this.siteMark[s] = stamp;
        n = this.pass(gs[sg[s]], gs[sg[s + 1]], 1, n);
      }
    }
    if (b > 0) {
      const tgs = m.teamGroupStart;
      const tg = m.teamGroups;
      const siteMark = this.siteMark;
      const groupSite = m.groupSite;
      for (let t = -1; ; ) {
        t += p < 1 ? 1 + Math.floor(rng.nextLog() * inv) : 1;
        if (t >= m.nTeams) break;
        for (let x = tgs[t]; x < tgs[t + 1]; x++) {
          const g = tg[x];
          n = this.pass(gs[g], gs[g + 1], a > 0 && siteMark[groupSite[g]] === stamp ? 3 : 2, n);
        }
      }
    }
    return n;
  }

  private preparePass(kind: number, before: number, after: number): void {
    const m = this.m;
    const ec = extraProbability(m.uniformFactors ? 1 : m.maxFactor, before, after);
    this.passProb[kind] = ec;
    this.passInv[kind] = ec > 0 && ec < 1 ? 1 / Math.log1p(-ec) : 0;
    this.passBefore[kind] = before;
    this.passAfter[kind] = after;
  }

  /**
   * Geometric-skip pass over agents [start, end) for one kind of pass (probability increment
   * from "before" to "after"); the generator and the logarithm are inlined (hot loop).
   */
  private pass(start: number, end: number, kind: number, n: number): number {
    const ec = this.passProb[kind];
    if (ec <= 0) return n;
    const inv = this.passInv[kind];
    // ec = 1 is handled by the direct branch (every draw is below the threshold)
    const m = this.m;
    const uniform = m.uniformFactors;
    const absent = this.asg.absent;
    const list = this.list;
    const table = LOG_TABLE;
    const st = this.rng.s;
    let s0 = st[0];
    let s1 = st[1];
    let s2 = st[2];
    let s3 = st[3];
    if (ec > DIRECT_ABOVE) {
      // high probability (a shocked team or site): one Bernoulli draw per agent is cheaper
      const threshold = ec * 4294967296;
      for (let i = start; i < end; i++) {
        const x = Math.imul(s1, 5);
        const r = Math.imul((x << 7) | (x >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        if (r >>> 0 >= threshold || absent[i] !== 0) continue;
        if (!uniform) {
          st[0] = s0;
          st[1] = s1;
          st[2] = s2;
          st[3] = s3;
          const u = this.rng.next();
          s0 = st[0];
          s1 = st[1];
          s2 = st[2];
          s3 = st[3];
          if (u * ec >= extraProbability(m.agentFactor[i], this.passBefore[kind], this.passAfter[kind]))
            continue;
        }
        absent[i] = 1;
        list[n++] = i;
      }
    } else {
      for (let i = start - 1; ; ) {
        // xoshiro128** step, then ln(uniform) as in logUniform, then a geometric skip
        const x = Math.imul(s1, 5);
        const r = Math.imul((x << 7) | (x >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const v = (r >>> 1) + 1;
        const e = 31 - Math.clz32(v);
        let ln: number;
        if (e < 12) ln = Math.log(v) - 31 * Math.LN2;
        else {
          const sh = e - 12;
          const hi = (v >>> sh) & 4095;
          const lo = (v & ((1 << sh) - 1)) / (1 << sh);
          const t0 = table[hi];
          ln = (e - 31) * Math.LN2 + t0 + (table[hi + 1] - t0) * lo;
        }
        // skip as an int32 (a double index would slow every access below)
        const skip = ln * inv;
        if (skip >= end - i - 1) break;
        i += 1 + (skip | 0);
        if (absent[i] !== 0) continue;
        if (!uniform) {
          st[0] = s0;
          st[1] = s1;
          st[2] = s2;
          st[3] = s3;
          const u = this.rng.next();
          s0 = st[0];
          s1 = st[1];
          s2 = st[2];
          s3 = st[3];
          if (u * ec >= extraProbability(m.agentFactor[i], this.passBefore[kind], this.passAfter[kind]))
            continue;
        }
        absent[i] = 1;
        list[n++] = i;
      }
    }
    st[0] = s0;
    st[1] = s1;
    st[2] = s2;
    st[3] = s3;
    return n;
  }

  /** Takes the newly absent agents listed in `this.list[0..n)` off their slots and refills. */
  private removeAbsent(n: number): void {
    const asg = this.asg;
    const list = this.list;
    const assignAct = asg.assignAct;
    const gaps = this.totals.gaps;
    for (let i = 0; i < n; i++) {
      const j = list[i];
      if (assignAct[j] >= 0 && !asg.vacate(j, this.depth, this.nodes)) gaps[j]++;
    }
  }

  private simulateDay(d: number): void {
    const asg = this.asg;
    const t = this.totals;
    asg.logging = true;
    asg.logLen = 0;
    const n = this.draw(this.m.rate[d]);
    this.removeAbsent(n);
    const defList = asg.defList;
    for (let i = 0; i < asg.defCount; i++) {
      const a = defList[i];
      t.uncoveredDays[a]++;
      t.shortfall[a] += asg.deficit(a);
    }
    t.absentSum += n;
    t.absentSumSq += n * n;
    t.absentByDay[d] += n;
    t.samplesByDay[d]++;
    t.days++;
    asg.restore();
    asg.logging = false;
    const absent = asg.absent;
    const list = this.list;
    for (let i = 0; i < n; i++) absent[list[i]] = 0;
  }

  private simulateWave(): void {
    const m = this.m;
    const asg = this.asg;
    const t = this.totals;
    const L = m.waveDays;
    asg.load(m.baseAssignAct, m.baseAssignSlot);
    const retHead = this.retHead;
    const retNext = this.retNext;
    const onsetDay = this.onsetDay;
    const absent = asg.absent;
    const list = this.list;
    const rng = this.rng;
    retHead.fill(-1);
    const D = m.meanAbsenceDays;
    const invStay = D > 1 ? 1 / Math.log1p(-1 / D) : 0;
    let absentCount = 0;
    for (let d = 0; d < L; d++) {
      for (let j = retHead[d]; j >= 0; ) {
        const next = retNext[j];
        absent[j] = 0;
        absentCount--;
        if (onsetDay[j] > 0) {
          t.spells++;
          t.spellDays += d - onsetDay[j];
        }
        asg.placeReturning(j);
        j = next;
      }
      const n = this.draw(d === 0 ? m.rate[0] : m.hazard[d]);
      for (let i = 0; i < n; i++) {
        const j = list[i];
        const dur = D > 1 ? 1 + Math.floor(rng.nextLog() * invStay) : 1;
        onsetDay[j] = d;
        const back = d + dur;
        if (back < L) {
          retNext[j] = retHead[back];
          retHead[back] = j;
        }
      }
      absentCount += n;
      this.removeAbsent(n);
      this.tallyWaveDay(d);
      t.absentSum += absentCount;
      t.absentSumSq += absentCount * absentCount;
      t.absentByDay[d] += absentCount;
      t.samplesByDay[d]++;
      t.days++;
    }
    this.flushWave();
  }

  private tallyWaveDay(d: number): void {
    const asg = this.asg;
    const t = this.totals;
    const defList = asg.defList;
    const waveCount = this.waveCount;
    const lastDay = this.lastDay;
    const run = this.run;
    const longest = this.longest;
    for (let i = 0; i < asg.defCount; i++) {
      const a = defList[i];
      t.uncoveredDays[a]++;
      t.shortfall[a] += asg.deficit(a);
      if (waveCount[a]++ === 0) this.touched[this.nTouched++] = a;
      const r = lastDay[a] === d - 1 ? run[a] + 1 : 1;
      run[a] = r;
      if (r > longest[a]) longest[a] = r;
      lastDay[a] = d;
    }
  }

  private flushWave(): void {
    const t = this.totals;
    const L1 = this.m.waveDays + 1;
    const mti = this.m.maxInterruption;
    for (let i = 0; i < this.nTouched; i++) {
      const a = this.touched[i];
      t.waveHistogram[a * L1 + this.waveCount[a]]++;
      t.longestOutage[a] += this.longest[a];
      if (mti[a] > 0 && this.longest[a] > mti[a]) t.mtiExceeded[a]++;
      this.waveCount[a] = 0;
      this.longest[a] = 0;
      this.run[a] = 0;
      this.lastDay[a] = -2;
    }
    this.nTouched = 0;
  }
}

/** Runs every chunk in the calling thread. */
export function simulateInline(m: SimulationModel, p: SimulationParams): SimulationTotals {
  const sim = new Simulator(m, p);
  const n = chunkCount(p);
  for (let k = 0; k < n; k++) sim.runChunk(k);
  return sim.totals;
}
