import { createHash, randomFillSync, randomUUID } from "node:crypto";

export const newId = (): string => randomUUID();
/** 256 random bits, URL-safe: session and CSRF tokens, follow-up links. */
export const newToken = (): string => secureRandomBytes(32).toString("base64url");

/**
 * `n` bytes from the system's secure generator, drawn from a pool refilled 8 KiB at a time (as
 * Node does for `randomUUID`): one system call per 8 KiB instead of one per token, which costs on a
 * virtual machine. Each byte is handed out once; the copy returned is the caller's.
 */
export function secureRandomBytes(n: number): Buffer {
  if (n > POOL_SIZE) return randomFillSync(Buffer.allocUnsafe(n));
  if (poolOffset + n > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + n));
  pool.fill(0, poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}
const POOL_SIZE = 8192;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;
export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");
