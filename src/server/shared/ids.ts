import { createHash, randomBytes, randomUUID } from "node:crypto";

export const newId = (): string => randomUUID();
/** 256 random bits, URL-safe: session and CSRF tokens, follow-up links. */
export const newToken = (): string => randomBytes(32).toString("base64url");
export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");
