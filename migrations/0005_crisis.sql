-- Crisis cell: scenarios, activations (one active per organisation), activity modes and their
-- history, the log (main courante) kept as versions, meetings, situation reports (bilans) and
-- the daily report schedule.

-- Accent-folded lower-case text, immutable so that it can feed a generated tsvector column.
CREATE FUNCTION crisis_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT translate(lower(t), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ', 'aaaaaaceeeeiiiinooooouuuuyyoa') $$;

CREATE TABLE crisis_scenarios (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('pandemic','site_loss','it_outage','flood','heatwave','other')),
  description text NOT NULL DEFAULT '',
  absenteeism_mean_pct smallint NOT NULL DEFAULT 0 CHECK (absenteeism_mean_pct BETWEEN 0 AND 100),
  absenteeism_peak_pct smallint NOT NULL DEFAULT 0 CHECK (absenteeism_peak_pct BETWEEN 0 AND 100),
  peak_weeks smallint NOT NULL DEFAULT 0 CHECK (peak_weeks >= 0),
  duration_days integer NOT NULL DEFAULT 0 CHECK (duration_days >= 0),
  site_ids uuid[] NOT NULL DEFAULT '{}',
  application_ids uuid[] NOT NULL DEFAULT '{}',
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX crisis_scenarios_org_name ON crisis_scenarios (org_id, lower(name)) WHERE archived_at IS NULL;

CREATE TABLE crisis_scenario_modes (
  scenario_id uuid NOT NULL REFERENCES crisis_scenarios(id) ON DELETE CASCADE,
  activity_id uuid NOT NULL REFERENCES activities(id),
  mode text NOT NULL CHECK (mode IN ('on_site','remote','mixed','reduced','suspended')),
  PRIMARY KEY (scenario_id, activity_id)
);

CREATE TABLE crisis_activations (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  scenario_id uuid NOT NULL REFERENCES crisis_scenarios(id),
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  started_at timestamptz NOT NULL,
  site_ids uuid[] NOT NULL DEFAULT '{}',
  note text NOT NULL DEFAULT '',
  activated_by uuid,
  ended_at timestamptz,
  ended_by uuid,
  lessons_worked text,
  lessons_to_change text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
-- One active crisis per organisation: a second activation fails on this index (409).
CREATE UNIQUE INDEX crisis_activations_one_active ON crisis_activations (org_id) WHERE ended_at IS NULL;
CREATE INDEX crisis_activations_org_started ON crisis_activations (org_id, started_at DESC);

-- Every mode an activity took under an activation, with its time: the mode at any instant is the
-- latest row at or before it.
CREATE TABLE crisis_mode_changes (
  id bigserial PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  activation_id uuid NOT NULL REFERENCES crisis_activations(id),
  activity_id uuid NOT NULL REFERENCES activities(id),
  mode text NOT NULL CHECK (mode IN ('on_site','remote','mixed','reduced','suspended')),
  previous_mode text,
  at timestamptz NOT NULL DEFAULT now(),
  changed_by uuid
);
CREATE INDEX crisis_mode_changes_activation ON crisis_mode_changes (activation_id, activity_id, at);

CREATE TABLE crisis_meetings (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  activation_id uuid REFERENCES crisis_activations(id),
  held_at timestamptz NOT NULL,
  title text NOT NULL,
  attendees text[] NOT NULL DEFAULT '{}',
  agenda text NOT NULL DEFAULT '',
  notes text NOT NULL DEFAULT '',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crisis_meetings_org_held ON crisis_meetings (org_id, held_at DESC);

-- The log: one row per version of an entry. A correction or a change of an action's state adds a
-- version and closes the previous one (superseded_at); nothing is ever deleted.
CREATE TABLE crisis_log_entries (
  id uuid PRIMARY KEY,
  entry_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  org_id uuid NOT NULL REFERENCES orgs(id),
  activation_id uuid REFERENCES crisis_activations(id),
  meeting_id uuid REFERENCES crisis_meetings(id),
  kind text NOT NULL CHECK (kind IN ('information','event','decision','action','communication')),
  source text NOT NULL DEFAULT 'user' CHECK (source IN ('user','system')),
  occurred_at timestamptz NOT NULL,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  service_ids uuid[] NOT NULL DEFAULT '{}',
  activity_ids uuid[] NOT NULL DEFAULT '{}',
  site_ids uuid[] NOT NULL DEFAULT '{}',
  owner text,
  owner_user_id uuid,
  due_on date,
  state text CHECK (state IN ('open','done','cancelled')),
  correction_reason text,
  author_id uuid,
  entry_created_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  superseded_at timestamptz,
  search tsvector GENERATED ALWAYS AS (
    to_tsvector('french'::regconfig, crisis_fold(title || ' ' || body || ' ' || coalesce(owner, '')))
  ) STORED,
  UNIQUE (entry_id, version),
  CHECK ((kind = 'action') = (state IS NOT NULL)),
  CHECK (kind <> 'action' OR (owner IS NOT NULL AND due_on IS NOT NULL))
);
CREATE UNIQUE INDEX crisis_log_current ON crisis_log_entries (entry_id) WHERE superseded_at IS NULL;
CREATE INDEX crisis_log_org_time ON crisis_log_entries (org_id, occurred_at DESC, entry_id) WHERE superseded_at IS NULL;
CREATE INDEX crisis_log_org_kind_time ON crisis_log_entries (org_id, kind, occurred_at DESC) WHERE superseded_at IS NULL;
CREATE INDEX crisis_log_search ON crisis_log_entries USING gin (search) WHERE superseded_at IS NULL;
CREATE INDEX crisis_log_services ON crisis_log_entries USING gin (service_ids) WHERE superseded_at IS NULL;
CREATE INDEX crisis_log_org_created ON crisis_log_entries (org_id, created_at);

-- Situation reports. Figures are computed once for as_of and stored: a frozen report never moves.
CREATE TABLE crisis_reports (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  activation_id uuid REFERENCES crisis_activations(id),
  number integer,
  as_of timestamptz NOT NULL,
  figures jsonb NOT NULL,
  comment text NOT NULL DEFAULT '',
  origin text NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual','scheduled')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  frozen_at timestamptz,
  frozen_by uuid,
  CHECK ((number IS NULL) = (frozen_at IS NULL))
);
CREATE UNIQUE INDEX crisis_reports_number ON crisis_reports (org_id, number) WHERE number IS NOT NULL;
CREATE INDEX crisis_reports_org_as_of ON crisis_reports (org_id, as_of DESC);

-- The daily report: at time_of_day in the organisation's time zone. last_run_on is claimed by an
-- UPDATE … WHERE last_run_on < today, so two schedulers never produce the same day's report.
CREATE TABLE crisis_report_schedules (
  org_id uuid PRIMARY KEY REFERENCES orgs(id),
  time_of_day text NOT NULL CHECK (time_of_day ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  enabled boolean NOT NULL DEFAULT true,
  last_run_on date,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);
