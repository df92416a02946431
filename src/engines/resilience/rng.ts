/**
 * Seeded pseudo-random numbers for the resilience engine: xoshiro128** (32-bit state words, fast
 * with `Math.imul`) seeded through splitmix32. Every stream is derived from the user's seed and a
 * stream index (the chunk number), so a run is reproducible whatever the number of workers.
 */

/** splitmix32 finaliser: a well-mixed 32-bit hash of `x`. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Seed of stream `index` derived from `seed`; distinct indices give unrelated streams. */
export function streamSeed(seed: number, index: number): number {
  return mix32((mix32(seed >>> 0) ^ Math.imul(index + 1, 0x632be5ab)) >>> 0);
}

export class Xoshiro128 {
  /** State in a typed array: plain int32 fields would be boxed once outside the small-integer range. */
  readonly s = new Int32Array(4);

  constructor(seed: number) {
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) | 0;
      this.s[i] = mix32(x);
    }
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
  }

  /** Next 32 random bits, as a signed int32. */
  nextI32(): number {
    const s = this.s;
    const s1 = s[1];
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    s[2] ^= s[0];
    s[3] ^= s1;
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return r;
  }

  /** ln of a uniform in (0, 1] (see `logUniform`). */
  nextLog(): number {
    return logUniform(this.nextI32());
  }

  /** Uniform in [0, 1). */
  next(): number {
    return (this.nextI32() >>> 0) * 2.3283064365386963e-10;
  }

  /** Uniform in (0, 1]: safe to take the logarithm of. */
  nextOpen(): number {
    return ((this.nextI32() >>> 0) + 1) * 2.3283064365386963e-10;
  }
}

/** ln(1 + i/4096), i = 0..4096. */
export const LOG_TABLE = new Float64Array(4097);
for (let i = 0; i <= 4096; i++) LOG_TABLE[i] = Math.log1p(i / 4096);
const LN2 = Math.LN2;

/**
 * ln(u) for u = ((r >>> 1) + 1) / 2^31, uniform in (0, 1], from a random int32 `r`: exponent from
 * `clz32`, mantissa from a 4,096-entry table with linear interpolation (absolute error < 1e-8,
 * three times faster than `Math.log`). Used for geometric skips and durations.
 */
export function logUniform(r: number): number {
  const v = (r >>> 1) + 1;
  const e = 31 - Math.clz32(v);
  if (e < 12) return Math.log(v) - 31 * LN2;
  const sh = e - 12;
  const hi = (v >>> sh) & 4095;
  const lo = (v & ((1 << sh) - 1)) / (1 << sh);
  const a = LOG_TABLE[hi];
  return (e - 31) * LN2 + a + (LOG_TABLE[hi + 1] - a) * lo;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
