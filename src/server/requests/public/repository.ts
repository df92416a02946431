// SQL of the public side: the form's group-committed insert (migration 0016) and the rate-limit
// counter shared with follow-up links.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";

/** One form submission as `relais_submit_requests` takes it. */
export interface FormSubmission {
  /** Rate-limit bucket (client address). */
  bucket: string;
  /** Rate-limit window start: submissions of different windows never share a call. */
  window: Date;
  limit: number;
  /** Hash of the Idempotency-Key (null without one), hash of the body, sealed answer. */
  keyHash: string | null;
  bodyHash: string;
  answer: Buffer | null;
  /** Columns of `requests` (reference excluded: given by the database). */
  request: Record<string, unknown>;
  audit: {
    org_id: string;
    user_id: string | null;
    action: string;
    entity: string;
    entity_id: string | null;
    after: Record<string, unknown>;
    ip: string | null;
  };
}

export interface SubmitOutcome {
  outcome: "created" | "replay" | "rate_limited";
  reference: string | null;
  prev_body_hash: string | null;
  prev_answer: Uint8Array | null;
}

/** Stores a batch of submissions of one window in one statement; one outcome per item, in order. */
export async function submitForms(
  db: Kysely<DB>,
  items: readonly FormSubmission[],
): Promise<SubmitOutcome[]> {
  const first = items[0];
  if (!first) return [];
  const payload = items.map((s) => ({
    bucket: s.bucket,
    key_hash: s.keyHash,
    body_hash: s.bodyHash,
    answer: s.answer ? s.answer.toString("base64") : null,
    request: s.request,
    audit: s.audit,
  }));
  const r = await sql<SubmitOutcome & { ord: number }>`
    SELECT * FROM relais_submit_requests(${first.window}, ${first.limit}, ${JSON.stringify(payload)}::jsonb)`.execute(
    db,
  );
  return r.rows;
}

/** Counts one hit of `bucket` in the window starting at `window`; returns the window's total. */
export async function countHit(db: Kysely<DB>, bucket: string, window: Date): Promise<number> {
  const r = await sql<{
    hits: number;
  }>`SELECT hits FROM relais_count_hits(ARRAY[${bucket}]::text[], ${window})`.execute(db);
  return Number(r.rows[0]?.hits ?? 0);
}
