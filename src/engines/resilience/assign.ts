/**
 * The daily staffing assignment: every present agent covers at most one activity slot.
 *
 * Each activity has two kinds of slots: *on-site* slots (the agent must be at one of the
 * activity's open sites) and *flexible* slots (on site, or remotely for an equipped teleworker
 * when the activity may run remotely). Node `a * 2 + s` is slot kind `s` (0 on site, 1 flexible)
 * of activity `a`; an edge's flag has bit `1 << s` set when its agent can fill that kind.
 *
 * The assignment is a b-matching kept up to date incrementally: when an assigned agent falls
 * absent the hole is refilled, first directly from a free qualified agent (the agent lists are
 * sorted so that the least versatile agents are used first), then through a bounded
 * breadth-first search for an augmenting path (agent j moves from activity y to the hole, and y
 * is refilled, and so on). With unbounded limits this is the classic augmenting-path algorithm
 * and reaches a maximum matching; with the bounds used in simulation (depth 3, a few dozen
 * nodes) it is an approximation that may declare an activity short when the only fix is a longer
 * chain of swaps. It maximises filled slots, not the number of fully covered activities.
 */
import type { SimulationModel } from "./model.js";

export class Assignment {
  readonly assignAct: Int32Array;
  readonly assignSlot: Uint8Array;
  readonly filled: Int32Array;
  readonly absent: Uint8Array;
  /** Activities short of people, as a set with O(1) insert/remove. */
  readonly defList: Int32Array;
  readonly defPos: Int32Array;
  defCount = 0;

  /** Change log (agent, activity left, activity joined); active when `logging`. */
  logging = false;
  logLen = 0;
  private logAgent: Int32Array;
  private logFrom: Int32Array;
  private logTo: Int32Array;
  /** The assignment last loaded, restored by `restore()`. */
  private readonly loadedAct: Int32Array;
  private readonly loadedSlot: Uint8Array;
  private readonly loadedFilled: Int32Array;

  private readonly need: Int32Array;
  private readonly actStart: Int32Array;
  private readonly actAgent: Int32Array;
  private readonly actFlag: Uint8Array;
  private readonly agStart: Int32Array;
  private readonly agAct: Int32Array;
  private readonly agFlag: Uint8Array;

  // breadth-first search scratch
  private readonly stamp: Int32Array;
  private readonly parentNode: Int32Array;
  private readonly parentAgent: Int32Array;
  private readonly queue: Int32Array;
  private epoch = 0;

  constructor(private readonly m: SimulationModel) {
    const nAg = m.nAgents;
    const nAct = m.nActivities;
    this.assignAct = new Int32Array(nAg).fill(-1);
    this.assignSlot = new Uint8Array(nAg);
    this.filled = new Int32Array(2 * nAct);
    this.absent = new Uint8Array(nAg);
    this.defList = new Int32Array(nAct);
    this.defPos = new Int32Array(nAct).fill(-1);
    this.logAgent = new Int32Array(1024);
    this.logFrom = new Int32Array(1024);
    this.logTo = new Int32Array(1024);
    this.loadedAct = new Int32Array(nAg).fill(-1);
    this.loadedSlot = new Uint8Array(nAg);
    this.loadedFilled = new Int32Array(2 * nAct);
    this.need = m.need;
    this.actStart = m.actStart;
    this.actAgent = m.actAgent;
    this.actFlag = m.actFlag;
    this.agStart = m.agStart;
    this.agAct = m.agAct;
    this.agFlag = m.agFlag;
    this.stamp = new Int32Array(2 * nAct);
    this.parentNode = new Int32Array(2 * nAct);
    this.parentAgent = new Int32Array(2 * nAct);
    this.queue = new Int32Array(2 * nAct);
    for (let a = 0; a < nAct; a++) this.updateDeficit(a);
  }

  /** Resets to a given assignment (everyone present). */
  load(assignAct: Int32Array, assignSlot: Uint8Array): void {
    this.assignAct.set(assignAct);
    this.assignSlot.set(assignSlot);
    this.absent.fill(0);
    this.filled.fill(0);
    for (let j = 0; j < assignAct.length; j++) {
      const a = assignAct[j];
      if (a >= 0) this.filled[a * 2 + assignSlot[j]]++;
    }
    this.defCount = 0;
    this.defPos.fill(-1);
    const nAct = this.m.nActivities;
    for (let a = 0; a < nAct; a++) this.updateDeficit(a);
    this.logLen = 0;
    this.loadedAct.set(assignAct);
    this.loadedSlot.set(assignSlot);
    this.loadedFilled.set(this.filled);
  }

  /** Returns to the assignment last loaded, undoing every change logged since (not the absences). */
  restore(): void {
    const la = this.loadedAct;
    const ls = this.loadedSlot;
    const lf = this.loadedFilled;
    const f = this.filled;
    for (let i = 0; i < this.logLen; i++) {
      const j = this.logAgent[i];
      this.assignAct[j] = la[j];
      this.assignSlot[j] = ls[j];
    }
    for (let i = 0; i < this.logLen; i++) {
      const a = this.logFrom[i];
      const b = this.logTo[i];
      if (a >= 0) {
        f[2 * a] = lf[2 * a];
        f[2 * a + 1] = lf[2 * a + 1];
      }
      if (b >= 0) {
        f[2 * b] = lf[2 * b];
        f[2 * b + 1] = lf[2 * b + 1];
      }
    }
    for (let i = 0; i < this.logLen; i++) {
      const a = this.logFrom[i];
      const b = this.logTo[i];
      if (a >= 0) this.updateDeficit(a);
      if (b >= 0) this.updateDeficit(b);
    }
    this.logLen = 0;
  }

  /** People missing for activity `a` (0 when covered). */
  deficit(a: number): number {
    const n = this.need;
    const f = this.filled;
    const d0 = n[2 * a] - f[2 * a];
    const d1 = n[2 * a + 1] - f[2 * a + 1];
    return Math.max(d0, 0) + Math.max(d1, 0);
  }

  private updateDeficit(a: number): void {
    const short = this.deficit(a) > 0;
    const pos = this.defPos[a];
    if (short) {
      if (pos < 0) {
        this.defPos[a] = this.defCount;
        this.defList[this.defCount++] = a;
      }
    } else if (pos >= 0) {
      const last = this.defList[--this.defCount];
      this.defList[pos] = last;
      this.defPos[last] = pos;
      this.defPos[a] = -1;
    }
  }

  /** Moves agent `j` to slot `slot` of activity `act` (-1: unassigned). */
  set(j: number, act: number, slot: number): void {
    const old = this.assignAct[j];
    const oldSlot = this.assignSlot[j];
    if (this.logging) {
      if (this.logLen === this.logAgent.length) this.growLog();
      this.logAgent[this.logLen] = j;
      this.logFrom[this.logLen] = old;
      this.logTo[this.logLen] = act;
      this.logLen++;
    }
    if (old >= 0) {
      this.filled[old * 2 + oldSlot]--;
    }
    this.assignAct[j] = act;
    this.assignSlot[j] = slot;
    if (act >= 0) {
      this.filled[act * 2 + slot]++;
      this.updateDeficit(act);
    }
    if (old >= 0 && old !== act) this.updateDeficit(old);
  }

  private growLog(): void {
    const n = this.logAgent.length * 2;
    const grow = (x: Int32Array): Int32Array => {
      const y = new Int32Array(n);
      y.set(x);
      return y;
    };
    this.logAgent = grow(this.logAgent);
    this.logFrom = grow(this.logFrom);
    this.logTo = grow(this.logTo);
  }

  private logAgentOnly(j: number): void {
    if (this.logLen === this.logAgent.length) this.growLog();
    this.logAgent[this.logLen] = j;
    this.logFrom[this.logLen] = -1;
    this.logTo[this.logLen] = -1;
    this.logLen++;
  }

  /**
   * Agent `j`, already marked absent, leaves its slot. The common case is a swap with a free
   * present agent of the same activity, which leaves every count unchanged; otherwise the hole
   * is refilled by `repair`. Returns false when the hole stays open.
   */
  vacate(j: number, maxDepth: number, maxNodes: number): boolean {
    const assignAct = this.assignAct;
    const a = assignAct[j];
    if (a < 0) return true;
    const s = this.assignSlot[j];
    const mask = 1 << s;
    const actAgent = this.actAgent;
    const actFlag = this.actFlag;
    const absent = this.absent;
    const end = this.actStart[a + 1];
    for (let e = this.actStart[a]; e < end; e++) {
      const k = actAgent[e];
      if ((actFlag[e] & mask) !== 0 && assignAct[k] < 0 && absent[k] === 0) {
        assignAct[k] = a;
        this.assignSlot[k] = s;
        // When logging (a day to be rolled back), the absent agent keeps its activity: nothing
        // looks at an absent agent's slot and `restore` then only has `k` to put back.
        if (this.logging) this.logAgentOnly(k);
        else assignAct[j] = -1;
        return true;
      }
    }
    this.set(j, -1, 0);
    if (maxDepth <= 1) return false;
    return this.augment(a * 2 + s, maxDepth, maxNodes);
  }

  /**
   * Fills one empty slot of kind `slot` of activity `a`. Tries a free present agent first, then an
   * augmenting path of at most `maxDepth` moves exploring at most `maxNodes` slots.
   */
  repair(a: number, slot: number, maxDepth: number, maxNodes: number): boolean {
    const mask = 1 << slot;
    const actStart = this.actStart;
    const actAgent = this.actAgent;
    const actFlag = this.actFlag;
    const absent = this.absent;
    const assignAct = this.assignAct;
    const end = actStart[a + 1];
    for (let e = actStart[a]; e < end; e++) {
      const j = actAgent[e];
      if ((actFlag[e] & mask) !== 0 && assignAct[j] < 0 && absent[j] === 0) {
        this.set(j, a, slot);
        return true;
      }
    }
    if (maxDepth <= 1) return false;
    return this.augment(a * 2 + slot, maxDepth, maxNodes);
  }

  private augment(root: number, maxDepth: number, maxNodes: number): boolean {
    const epoch = ++this.epoch;
    const stamp = this.stamp;
    const queue = this.queue;
    const parentNode = this.parentNode;
    const parentAgent = this.parentAgent;
    const actStart = this.actStart;
    const actAgent = this.actAgent;
    const actFlag = this.actFlag;
    const absent = this.absent;
    const assignAct = this.assignAct;
    const assignSlot = this.assignSlot;
    stamp[root] = epoch;
    queue[0] = root;
    let head = 0;
    let tail = 1;
    let levelEnd = 1;
    let depth = 1;
    while (head < tail) {
      if (head === levelEnd) {
        depth++;
        levelEnd = tail;
      }
      const x = queue[head++];
      const xa = x >> 1;
      const mask = 1 << (x & 1);
      const end = actStart[xa + 1];
      for (let e = actStart[xa]; e < end; e++) {
        if ((actFlag[e] & mask) === 0) continue;
        const j = actAgent[e];
        if (absent[j] !== 0) continue;
        const y = assignAct[j];
        if (y < 0) {
          this.applyPath(root, x, j);
          return true;
        }
        if (depth >= maxDepth || tail >= maxNodes) continue;
        const yn = y * 2 + assignSlot[j];
        if (stamp[yn] === epoch) continue;
        stamp[yn] = epoch;
        parentNode[yn] = x;
        parentAgent[yn] = j;
        queue[tail++] = yn;
      }
    }
    return false;
  }

  private applyPath(root: number, found: number, freeAgent: number): void {
    let fill = freeAgent;
    let z = found;
    for (;;) {
      if (z === root) {
        this.set(fill, z >> 1, z & 1);
        return;
      }
      const next = this.parentAgent[z];
      const pz = this.parentNode[z];
      this.set(fill, z >> 1, z & 1);
      fill = next;
      z = pz;
    }
  }

  /**
   * Puts a free present agent `r` to use: directly in a short activity, or by taking the place of
   * an agent who can move to a short activity (one swap).
   */
  placeReturning(r: number): boolean {
    if (this.defCount === 0) return false;
    const agStart = this.agStart;
    const agAct = this.agAct;
    const agFlag = this.agFlag;
    const need = this.need;
    const filled = this.filled;
    const defPos = this.defPos;
    const e0 = agStart[r];
    const e1 = agStart[r + 1];
    for (let e = e0; e < e1; e++) {
      const a = agAct[e];
      if (defPos[a] < 0) continue;
      const fl = agFlag[e];
      if ((fl & 1) !== 0 && need[2 * a] > filled[2 * a]) {
        this.set(r, a, 0);
        return true;
      }
      if ((fl & 2) !== 0 && need[2 * a + 1] > filled[2 * a + 1]) {
        this.set(r, a, 1);
        return true;
      }
    }
    const actStart = this.actStart;
    const actAgent = this.actAgent;
    const assignAct = this.assignAct;
    const assignSlot = this.assignSlot;
    for (let e = e0; e < e1; e++) {
      const a = agAct[e];
      const fl = agFlag[e];
      const begin = actStart[a];
      let left = filled[2 * a] + filled[2 * a + 1];
      // agents busy in the all-present assignment sit at the end of the list
      for (let k = actStart[a + 1] - 1; k >= begin && left > 0; k--) {
        const j = actAgent[k];
        if (assignAct[j] !== a) continue;
        left--;
        const s = assignSlot[j];
        if ((fl & (1 << s)) === 0) continue;
        const f1 = agStart[j + 1];
        for (let g = agStart[j]; g < f1; g++) {
          const b = agAct[g];
          if (b === a || defPos[b] < 0) continue;
          const gl = agFlag[g];
          let t = -1;
          if ((gl & 1) !== 0 && need[2 * b] > filled[2 * b]) t = 0;
          else if ((gl & 2) !== 0 && need[2 * b + 1] > filled[2 * b + 1]) t = 1;
          if (t < 0) continue;
          this.set(j, b, t);
          this.set(r, a, s);
          return true;
        }
      }
    }
    return false;
  }

  /** Best assignment with everyone present: scarcest activities first, then augmenting paths. */
  static baseline(m: SimulationModel): { assignAct: Int32Array; assignSlot: Uint8Array } {
    const asg = new Assignment(m);
    const nAct = m.nActivities;
    const order = Array.from({ length: nAct }, (_, a) => a);
    const slack = new Int32Array(nAct);
    for (let a = 0; a < nAct; a++) {
      slack[a] = m.actStart[a + 1] - m.actStart[a] - m.need[2 * a] - m.need[2 * a + 1];
    }
    order.sort((x, y) => slack[x] - slack[y] || x - y);
    const unbounded = 2 * nAct + 1;
    for (const a of order) {
      for (let s = 0; s < 2; s++) {
        const missing = m.need[2 * a + s];
        for (let k = 0; k < missing; k++) {
          if (!asg.repair(a, s, 1, 0)) break;
        }
      }
    }
    for (const a of order) {
      for (let s = 0; s < 2; s++) {
        while (m.need[2 * a + s] > asg.filled[2 * a + s]) {
          if (!asg.repair(a, s, unbounded, unbounded)) break;
        }
      }
    }
    return { assignAct: asg.assignAct, assignSlot: asg.assignSlot };
  }
}
