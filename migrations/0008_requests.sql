-- Requests from the public (web form, inbound e-mail, phone notes), routed to a service queue by
-- ordered rules and the urgency detector; messages, internal notes, replies, attachments, saved
-- answers, per-organisation settings (due delays, retention, lexicon extension).
-- Nothing a requester sends is dropped: what cannot be trusted is kept with a quarantine reason.

-- Human-friendly reference numbers (REL-2026-000123): one sequence for all organisations, so a
-- reference is unique everywhere and taking a number never waits on another transaction.
CREATE SEQUENCE request_number_seq;

CREATE TABLE request_settings (
  org_id uuid PRIMARY KEY REFERENCES orgs(id),
  -- The default queue (head office); null: the first top-level service.
  default_service_id uuid REFERENCES services(id),
  -- Hours from creation to the due date, by priority.
  due_hours jsonb NOT NULL DEFAULT '{"urgent":4,"high":24,"normal":72,"low":168}',
  -- Closed requests are anonymised this many days after closing.
  retention_days integer NOT NULL DEFAULT 365 CHECK (retention_days BETWEEN 1 AND 3650),
  -- The organisation's LexiconExtension of the urgency detector.
  lexicon jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE routing_rules (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  position integer NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  conditions jsonb NOT NULL,
  service_id uuid NOT NULL REFERENCES services(id),
  priority text NOT NULL CHECK (priority IN ('low','normal','high','urgent')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX routing_rules_org ON routing_rules (org_id, position);

CREATE TABLE requests (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  reference text NOT NULL UNIQUE,
  service_id uuid NOT NULL REFERENCES services(id),
  channel text NOT NULL CHECK (channel IN ('web','email','phone')),
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new','in_progress','waiting_requester','resolved','closed')),
  priority text NOT NULL CHECK (priority IN ('low','normal','high','urgent')),
  -- 3 urgent … 0 low: the queue sorts on it (see requests_queue).
  priority_rank smallint NOT NULL CHECK (priority_rank BETWEEN 0 AND 3),
  urgent boolean NOT NULL DEFAULT false,
  -- [{code, words}] raised by the detector, and the rule that routed the request (null: default queue).
  flags jsonb NOT NULL DEFAULT '[]',
  rule_id uuid,
  rule_name text,
  category text,
  subject text NOT NULL DEFAULT '',
  message text NOT NULL,
  to_address text,
  -- The requester (personal data; anonymised after the retention period).
  requester_name text,
  requester_email text,
  requester_phone text,
  requester_address text,
  requester_number text,
  requester_kind text,
  consent boolean NOT NULL DEFAULT false,
  -- Domestic violence: address and contact never shown in lists nor written in e-mail subjects.
  sensitive boolean NOT NULL DEFAULT false,
  -- sha-256 of the follow-up token (256 bits): a database leak gives no usable link.
  follow_token_hash text NOT NULL UNIQUE,
  assigned_to uuid REFERENCES users(id),
  due_at timestamptz NOT NULL,
  -- Kept but held out of the queue until someone looks (honeypot, broken e-mail…).
  quarantine_reason text,
  -- In the queue, but with a warning (e.g. a reference quoted by someone else than the requester).
  review_reason text,
  related_request_id uuid REFERENCES requests(id),
  merged_into uuid REFERENCES requests(id),
  call_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  closed_at timestamptz,
  anonymised_at timestamptz
);
-- The queue view: a service's open requests, most urgent first, then the earliest due date.
CREATE INDEX requests_queue ON requests (org_id, service_id, priority_rank DESC, due_at, id)
  WHERE status IN ('new','in_progress','waiting_requester') AND quarantine_reason IS NULL;
CREATE INDEX requests_org_service_created ON requests (org_id, service_id, created_at DESC);
CREATE INDEX requests_quarantine ON requests (org_id, service_id) WHERE quarantine_reason IS NOT NULL;
CREATE INDEX requests_retention ON requests (org_id, closed_at) WHERE status = 'closed' AND anonymised_at IS NULL;
CREATE INDEX requests_requester_email ON requests (org_id, lower(requester_email));

CREATE TABLE request_messages (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  request_id uuid NOT NULL REFERENCES requests(id),
  -- requester: from the requester; reply: staff to the requester (shown on the follow-up page and
  -- e-mailed); note: internal; event: status changes, moves, merges (internal).
  kind text NOT NULL CHECK (kind IN ('requester','reply','note','event')),
  channel text CHECK (channel IN ('web','email','phone')),
  body text NOT NULL,
  author_id uuid,
  email_message_id text,
  quarantine_reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_messages_request ON request_messages (request_id, created_at);

CREATE TABLE request_attachments (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  request_id uuid NOT NULL REFERENCES requests(id),
  message_id uuid REFERENCES request_messages(id),
  filename text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  content bytea,
  -- Type or size outside the limits: kept, not offered for download until someone looks.
  quarantine_reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_attachments_request ON request_attachments (request_id);

-- Every e-mail received, raw, whatever became of it (a request, a follow-up, or quarantine).
CREATE TABLE inbound_emails (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  received_at timestamptz NOT NULL DEFAULT now(),
  mail_from text NOT NULL,
  rcpt_to text NOT NULL,
  message_id text,
  raw bytea,
  size_bytes integer NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('new_request','joined','quarantined')),
  reason text,
  request_id uuid REFERENCES requests(id)
);
CREATE INDEX inbound_emails_org ON inbound_emails (org_id, received_at DESC);

CREATE TABLE saved_answers (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  -- null: offered to every service.
  service_id uuid REFERENCES services(id),
  title text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_answers_org ON saved_answers (org_id);

-- Public form: a replayed POST with the same Idempotency-Key returns the first answer. The answer
-- holds the follow-up token, so it is stored encrypted with a key derived from the Idempotency-Key
-- itself (only the client that chose the key can get it back); rows are purged after a day.
CREATE TABLE request_idempotency (
  key_hash text PRIMARY KEY,
  body_hash text NOT NULL,
  request_id uuid NOT NULL REFERENCES requests(id),
  answer bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Rate limit of the public routes, per client address and fixed window. In the database, not in
-- memory: several Relais processes may serve the form behind one address.
CREATE TABLE public_rate_limits (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
