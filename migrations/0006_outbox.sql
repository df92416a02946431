-- Outbox: everything that leaves Relais (e-mail today; SMS and letters later) is written here in
-- the same transaction as the business change, then sent by a worker.
-- A message is written once; each recipient × channel is a delivery with its own state.

CREATE TABLE outbox_messages (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  -- The caller's idempotency key ("crisis_report:<id>"): enqueuing twice writes nothing new.
  key text NOT NULL,
  kind text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text,
  attachments jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, key)
);

CREATE TABLE outbox_deliveries (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  message_id uuid NOT NULL REFERENCES outbox_messages(id),
  channel text NOT NULL CHECK (channel IN ('email','sms','letter')),
  recipient text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','failed','unknown')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claim_token uuid,
  claimed_at timestamptz,
  sent_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (message_id, recipient, channel),
  CHECK ((status = 'sending') = (claim_token IS NOT NULL))
);
CREATE INDEX outbox_deliveries_due ON outbox_deliveries (next_attempt_at)
  WHERE status IN ('pending','unknown');
CREATE INDEX outbox_deliveries_sending ON outbox_deliveries (claimed_at) WHERE status = 'sending';
CREATE INDEX outbox_deliveries_org_status ON outbox_deliveries (org_id, status, updated_at DESC);
