-- The public form in one round trip. A submission counts the hit for the client address, answers a
-- replayed Idempotency-Key, refuses a address over its limit, or stores the request, its audit row
-- and its idempotency answer together: one call, one commit, and plans cached by PL/pgSQL for the
-- life of the connection (the form is the busiest write of a crisis day).

-- Reference numbers: REL-<year>-<number, six digits at least>. The one definition, used by every
-- channel (e-mail, phone, form).
CREATE FUNCTION relais_reference(at timestamptz, n bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'REL-' || to_char(at AT TIME ZONE 'UTC', 'YYYY') || '-'
         || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END
$$;

CREATE FUNCTION relais_next_reference(at timestamptz) RETURNS text
LANGUAGE sql VOLATILE AS $$
  SELECT relais_reference(at, nextval('request_number_seq'))
$$;

-- outcome: 'created' (reference of the new request), 'replay' (the stored answer and its request's
-- reference; the caller checks the body hash), 'rate_limited' (hits counted, nothing stored).
-- p_request holds the columns of requests that every channel sets (see prepareRequest); the
-- reference is added here, in the request and in the audit row.
CREATE FUNCTION relais_submit_request(
  p_bucket text,
  p_window timestamptz,
  p_limit integer,
  p_key_hash text,
  p_body_hash text,
  p_answer bytea,
  p_request jsonb,
  p_audit jsonb
) RETURNS TABLE (outcome text, reference text, hits integer, prev_body_hash text, prev_answer bytea)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_hits integer;
  v_ref text;
  v_prev record;
  v_at timestamptz := (p_request ->> 'created_at')::timestamptz;
BEGIN
  INSERT INTO public_rate_limits AS l (bucket, window_start, hits) VALUES (p_bucket, p_window, 1)
  ON CONFLICT (bucket, window_start) DO UPDATE SET hits = l.hits + 1
  RETURNING l.hits INTO v_hits;

  IF p_key_hash IS NOT NULL THEN
    SELECT i.body_hash, i.answer, r.reference AS ref INTO v_prev
    FROM request_idempotency i JOIN requests r ON r.id = i.request_id
    WHERE i.key_hash = p_key_hash;
    IF FOUND THEN
      -- A replay is answered even over the limit: it creates nothing.
      RETURN QUERY SELECT 'replay'::text, v_prev.ref, v_hits, v_prev.body_hash, v_prev.answer;
      RETURN;
    END IF;
  END IF;

  IF v_hits > p_limit THEN
    RETURN QUERY SELECT 'rate_limited'::text, NULL::text, v_hits, NULL::text, NULL::bytea;
    RETURN;
  END IF;

  v_ref := relais_next_reference(v_at);
  INSERT INTO requests (
    id, org_id, reference, service_id, channel, priority, priority_rank, urgent, flags, rule_id, rule_name,
    category, subject, message, to_address, requester_name, requester_email, requester_phone,
    requester_address, requester_number, requester_kind, consent, sensitive, follow_token_hash, due_at,
    quarantine_reason, review_reason, related_request_id, call_id, created_by, created_at, updated_at)
  SELECT
    r.id, r.org_id, v_ref, r.service_id, r.channel, r.priority, r.priority_rank, r.urgent, r.flags, r.rule_id,
    r.rule_name, r.category, r.subject, r.message, r.to_address, r.requester_name, r.requester_email,
    r.requester_phone, r.requester_address, r.requester_number, r.requester_kind, r.consent, r.sensitive,
    r.follow_token_hash, r.due_at, r.quarantine_reason, r.review_reason, r.related_request_id, r.call_id,
    r.created_by, r.created_at, r.updated_at
  FROM jsonb_populate_record(NULL::requests, p_request) AS r;

  INSERT INTO audit_log (org_id, user_id, action, entity, entity_id, before, after, ip)
  SELECT (p_audit ->> 'org_id')::uuid, (p_audit ->> 'user_id')::uuid, p_audit ->> 'action',
         p_audit ->> 'entity', p_audit ->> 'entity_id', p_audit -> 'before',
         coalesce(p_audit -> 'after', '{}'::jsonb) || jsonb_build_object('reference', v_ref), p_audit ->> 'ip';

  IF p_key_hash IS NOT NULL THEN
    INSERT INTO request_idempotency (key_hash, body_hash, request_id, answer)
    VALUES (p_key_hash, p_body_hash, (p_request ->> 'id')::uuid, p_answer);
  END IF;

  RETURN QUERY SELECT 'created'::text, v_ref, v_hits, NULL::text, NULL::bytea;
END
$$;
