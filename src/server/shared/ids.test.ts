import { describe, expect, it } from "vitest";
import { newToken, secureRandomBytes } from "./ids.js";

describe("secure random bytes from the pool", () => {
  it("never hands out the same bytes twice, across pool refills", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(secureRandomBytes(12).toString("hex"));
    expect(seen.size).toBe(2000);
    const tokens = new Set(Array.from({ length: 1000 }, () => newToken()));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("returns the caller's own copy, of the asked length, large requests included", () => {
    const a = secureRandomBytes(16);
    const copy = Buffer.from(a);
    a.fill(0);
    const b = secureRandomBytes(16);
    expect(b.equals(Buffer.alloc(16))).toBe(false);
    expect(copy.equals(Buffer.alloc(16))).toBe(false);
    expect(secureRandomBytes(20_000)).toHaveLength(20_000);
    // Bytes look uniform: over 64 KiB every value appears.
    const counts = new Set(secureRandomBytes(65_536));
    expect(counts.size).toBe(256);
  });
});
