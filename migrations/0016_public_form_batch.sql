-- The public form, group-committed: under load, submissions that arrive while the previous batch is
-- being written are stored together by one call and one commit (the server answers each of them only
-- after that commit). The rules are those of 0012's relais_submit_request, which this replaces: the
-- hit is counted for the client address, a replayed Idempotency-Key gets the stored answer (even
-- over the limit: it creates nothing), an address over its limit gets nothing stored, and every
-- other submission is stored with its reference, audit row and idempotency answer.

DROP FUNCTION relais_submit_request(text, timestamptz, integer, text, text, bytea, jsonb, jsonb);

-- Used by no query (the queue search matches e-mails with ILIKE); every form insert paid for it.
DROP INDEX requests_requester_email;

-- Counts hits of the public rate limit: one element of p_buckets per hit (repeats allowed); returns
-- the new total per bucket. The one definition of the counter, for the form and follow-up links.
-- Buckets are upserted in sorted order, so concurrent batches lock them in the same order.
CREATE FUNCTION relais_count_hits(p_buckets text[], p_window timestamptz)
RETURNS TABLE (bucket text, hits integer)
LANGUAGE sql VOLATILE AS $$
  INSERT INTO public_rate_limits AS l (bucket, window_start, hits)
  SELECT b, p_window, count(*)::integer FROM unnest(p_buckets) AS b GROUP BY b ORDER BY b
  ON CONFLICT (bucket, window_start) DO UPDATE SET hits = l.hits + EXCLUDED.hits
  RETURNING l.bucket, l.hits
$$;

-- p_items: a JSON array of submissions, each
--   { "bucket": text, "key_hash": text|null, "body_hash": text, "answer": base64|null,
--     "request": columns of requests that every channel sets (see prepareRequest), without reference,
--     "audit": { org_id, user_id, action, entity, entity_id, after, ip } }
-- Key hashes are distinct within a batch (the caller sees to it; a repeat would fail the batch on the
-- primary key, and the caller then retries each submission alone).
-- One result row per item, in order: ord (1-based), outcome 'created' | 'replay' | 'rate_limited',
-- the reference (new or replayed), and for a replay the stored body hash and sealed answer.
CREATE FUNCTION relais_submit_requests(p_window timestamptz, p_limit integer, p_items jsonb)
RETURNS TABLE (ord integer, outcome text, reference text, prev_body_hash text, prev_answer bytea)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_hits jsonb;
BEGIN
  SELECT jsonb_object_agg(h.bucket, h.hits) INTO v_hits
  FROM relais_count_hits(ARRAY(SELECT x ->> 'bucket' FROM jsonb_array_elements(p_items) AS x), p_window) AS h;

  RETURN QUERY
  WITH items AS (
    SELECT t.n::integer AS ord, t.x,
           -- This submission's hit number in its window: the batch's hits come last, in order.
           (v_hits ->> (t.x ->> 'bucket'))::integer
             - count(*) OVER (PARTITION BY t.x ->> 'bucket')
             + row_number() OVER (PARTITION BY t.x ->> 'bucket' ORDER BY t.n) AS hit_no
    FROM jsonb_array_elements(p_items) WITH ORDINALITY AS t(x, n)
  ),
  prev AS (
    SELECT it.ord, i.body_hash, i.answer, r.reference
    FROM items it
    JOIN request_idempotency i ON i.key_hash = it.x ->> 'key_hash'
    JOIN requests r ON r.id = i.request_id
  ),
  fresh AS MATERIALIZED (
    SELECT it.ord, it.x, relais_next_reference((it.x -> 'request' ->> 'created_at')::timestamptz) AS ref
    FROM items it
    WHERE it.hit_no <= p_limit AND NOT EXISTS (SELECT 1 FROM prev p WHERE p.ord = it.ord)
    ORDER BY it.ord
  ),
  stored AS (
    INSERT INTO requests (
      id, org_id, reference, service_id, channel, priority, priority_rank, urgent, flags, rule_id, rule_name,
      category, subject, message, to_address, requester_name, requester_email, requester_phone,
      requester_address, requester_number, requester_kind, consent, sensitive, follow_token_hash, due_at,
      quarantine_reason, review_reason, related_request_id, call_id, created_by, created_at, updated_at)
    SELECT
      r.id, r.org_id, f.ref, r.service_id, r.channel, r.priority, r.priority_rank, r.urgent, r.flags, r.rule_id,
      r.rule_name, r.category, r.subject, r.message, r.to_address, r.requester_name, r.requester_email,
      r.requester_phone, r.requester_address, r.requester_number, r.requester_kind, r.consent, r.sensitive,
      r.follow_token_hash, r.due_at, r.quarantine_reason, r.review_reason, r.related_request_id, r.call_id,
      r.created_by, r.created_at, r.updated_at
    FROM fresh f, jsonb_populate_record(NULL::requests, f.x -> 'request') AS r
    RETURNING 1
  ),
  audited AS (
    INSERT INTO audit_log (org_id, user_id, action, entity, entity_id, before, after, ip)
    SELECT (a ->> 'org_id')::uuid, (a ->> 'user_id')::uuid, a ->> 'action', a ->> 'entity', a ->> 'entity_id',
           NULL, coalesce(a -> 'after', '{}'::jsonb) || jsonb_build_object('reference', f.ref), a ->> 'ip'
    FROM fresh f, LATERAL (SELECT f.x -> 'audit' AS a) AS l
    RETURNING 1
  ),
  remembered AS (
    INSERT INTO request_idempotency (key_hash, body_hash, request_id, answer)
    SELECT f.x ->> 'key_hash', f.x ->> 'body_hash', (f.x -> 'request' ->> 'id')::uuid,
           decode(f.x ->> 'answer', 'base64')
    FROM fresh f
    WHERE f.x ->> 'key_hash' IS NOT NULL
    RETURNING 1
  )
  SELECT it.ord,
         CASE WHEN p.ord IS NOT NULL THEN 'replay' WHEN f.ord IS NOT NULL THEN 'created' ELSE 'rate_limited' END,
         coalesce(p.reference, f.ref),
         p.body_hash,
         p.answer
  FROM items it
  LEFT JOIN prev p ON p.ord = it.ord
  LEFT JOIN fresh f ON f.ord = it.ord
  ORDER BY it.ord;
END
$$;
