-- On-call: lines (the single number, each service's urgent line), rotations of agents with a
-- handoff time and restrictions, overrides, secret feed tokens, and the log of calls received.

CREATE TABLE oncall_lines (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  phone_number text NOT NULL DEFAULT '',
  service_id uuid REFERENCES services(id),
  -- Secret for the phone system and the line's iCal feed (stored hashed).
  feed_token_hash text NOT NULL UNIQUE,
  ring_seconds integer NOT NULL DEFAULT 20 CHECK (ring_seconds BETWEEN 5 AND 120),
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX oncall_lines_org_name ON oncall_lines (org_id, lower(name)) WHERE archived_at IS NULL;

CREATE TABLE oncall_rotations (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  line_id uuid NOT NULL REFERENCES oncall_lines(id) ON DELETE CASCADE,
  name text NOT NULL,
  position integer NOT NULL DEFAULT 0,
  participants uuid[] NOT NULL,
  start_date date NOT NULL,
  handoff_time text NOT NULL CHECK (handoff_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  turn_days integer NOT NULL CHECK (turn_days BETWEEN 1 AND 366),
  restriction jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oncall_rotations_line ON oncall_rotations (line_id, position);

CREATE TABLE oncall_overrides (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  line_id uuid NOT NULL REFERENCES oncall_lines(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  reason text NOT NULL DEFAULT '',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX oncall_overrides_line ON oncall_overrides (line_id, starts_at);

-- Personal calendar feeds (on-call turns, later roster shifts): a secret per agent.
CREATE TABLE calendar_feeds (
  token_hash text PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX calendar_feeds_agent ON calendar_feeds (agent_id);

CREATE TABLE calls (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  line_id uuid REFERENCES oncall_lines(id),
  received_at timestamptz NOT NULL,
  caller text NOT NULL DEFAULT '',
  reason text NOT NULL DEFAULT '',
  outcome text NOT NULL CHECK (outcome IN ('answered','advised','request_created','transferred_service','transferred_partner','emergency_services','missed')),
  duration_seconds integer NOT NULL DEFAULT 0 CHECK (duration_seconds >= 0),
  service_id uuid REFERENCES services(id),
  partner text,
  request_id uuid,
  taken_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calls_org_received ON calls (org_id, received_at DESC);
