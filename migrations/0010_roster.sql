-- Rotation planner: planning periods over sites and dates, their needs (editable), locks (hand
-- edits the solver keeps), absences declared while re-planning, and roster versions (drafts from
-- the solver, published versions numbered and kept).
CREATE TABLE roster_periods (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  service_id uuid REFERENCES services(id),
  name text NOT NULL,
  site_ids uuid[] NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date)
);
CREATE INDEX roster_periods_org ON roster_periods (org_id, start_date DESC);

CREATE TABLE roster_needs (
  period_id uuid NOT NULL REFERENCES roster_periods(id) ON DELETE CASCADE,
  day date NOT NULL,
  activity_id uuid NOT NULL REFERENCES activities(id),
  count integer NOT NULL CHECK (count >= 0),
  PRIMARY KEY (period_id, day, activity_id)
);

CREATE TABLE roster_locks (
  period_id uuid NOT NULL REFERENCES roster_periods(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents(id),
  day date NOT NULL,
  activity_id uuid REFERENCES activities(id), -- null: kept off site
  set_by uuid,
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (period_id, agent_id, day)
);

CREATE TABLE roster_absences (
  id uuid PRIMARY KEY,
  period_id uuid NOT NULL REFERENCES roster_periods(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents(id),
  from_day date NOT NULL,
  to_day date,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX roster_absences_period ON roster_absences (period_id);

CREATE TABLE roster_versions (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  period_id uuid NOT NULL REFERENCES roster_periods(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('draft', 'published')),
  number integer,
  reason text NOT NULL CHECK (reason IN ('solve', 'repair')),
  score double precision NOT NULL,
  lower_bound double precision NOT NULL,
  summary jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  UNIQUE (period_id, number)
);
CREATE INDEX roster_versions_period ON roster_versions (period_id, created_at DESC);

CREATE TABLE roster_assignments (
  version_id uuid NOT NULL REFERENCES roster_versions(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents(id),
  day date NOT NULL,
  activity_id uuid NOT NULL REFERENCES activities(id),
  site_id uuid NOT NULL REFERENCES sites(id),
  PRIMARY KEY (version_id, agent_id, day)
);
CREATE INDEX roster_assignments_agent ON roster_assignments (agent_id, day);
