-- Foundation: organisations, accounts, sessions, audit log, the plan and the people.
-- Every business row carries org_id: nothing crosses organisations unless a sharing rule says so.

CREATE TABLE orgs (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  type text NOT NULL,
  timezone text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE services (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  parent_id uuid REFERENCES services(id),
  name text NOT NULL,
  mailbox text,
  phone text,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX services_org_name ON services (org_id, lower(name)) WHERE archived_at IS NULL;

CREATE TABLE sites (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  address text NOT NULL DEFAULT '',
  capacity integer NOT NULL CHECK (capacity >= 0),
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sites_org_name ON sites (org_id, lower(name)) WHERE archived_at IS NULL;

CREATE TABLE skills (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX skills_org_name ON skills (org_id, lower(name));

CREATE TABLE applications (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX applications_org_name ON applications (org_id, lower(name));

CREATE TABLE activities (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  service_id uuid NOT NULL REFERENCES services(id),
  site_id uuid REFERENCES sites(id),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  criticality smallint NOT NULL CHECK (criticality BETWEEN 1 AND 4),
  max_interruption_hours integer NOT NULL CHECK (max_interruption_hours >= 0),
  minimum_service text NOT NULL DEFAULT '',
  min_on_site integer NOT NULL DEFAULT 0 CHECK (min_on_site >= 0),
  min_remote integer NOT NULL DEFAULT 0 CHECK (min_remote >= 0),
  modes text[] NOT NULL,
  hours text NOT NULL DEFAULT '',
  equipment_kinds text[] NOT NULL DEFAULT '{}',
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activities_org_service ON activities (org_id, service_id);

CREATE TABLE activity_skills (
  activity_id uuid NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  skill_id uuid NOT NULL REFERENCES skills(id),
  PRIMARY KEY (activity_id, skill_id)
);
CREATE TABLE activity_applications (
  activity_id uuid NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  application_id uuid NOT NULL REFERENCES applications(id),
  PRIMARY KEY (activity_id, application_id)
);

CREATE TABLE agents (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  staff_number text NOT NULL,
  last_name text NOT NULL,
  first_name text NOT NULL,
  service_id uuid NOT NULL REFERENCES services(id),
  site_id uuid REFERENCES sites(id),
  job_title text NOT NULL DEFAULT '',
  hired_on date,
  work_time_pct smallint NOT NULL DEFAULT 100 CHECK (work_time_pct BETWEEN 0 AND 100),
  can_telework boolean NOT NULL DEFAULT false,
  travel_authorisation boolean NOT NULL DEFAULT false,
  never_on_site boolean NOT NULL DEFAULT false,
  team text,
  phone text,
  email text,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agents_org_staff_number ON agents (org_id, staff_number);
CREATE INDEX agents_org_service ON agents (org_id, service_id);

CREATE TABLE agent_skills (
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  skill_id uuid NOT NULL REFERENCES skills(id),
  PRIMARY KEY (agent_id, skill_id)
);
CREATE INDEX agent_skills_skill ON agent_skills (skill_id);

-- One current status per agent and day; every change also lands in status_changes (history).
CREATE TABLE daily_statuses (
  org_id uuid NOT NULL REFERENCES orgs(id),
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  day date NOT NULL,
  status text NOT NULL CHECK (status IN ('on_site','telework','on_call','sick','isolated','childcare','special_leave','off')),
  site_id uuid REFERENCES sites(id),
  set_by uuid,
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agent_id, day)
);
CREATE INDEX daily_statuses_org_day ON daily_statuses (org_id, day);

CREATE TABLE status_changes (
  id bigserial PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  day date NOT NULL,
  status text NOT NULL,
  previous_status text,
  site_id uuid,
  set_by uuid,
  set_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_changes_agent ON status_changes (agent_id, day);

CREATE TABLE equipment (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  kind text NOT NULL CHECK (kind IN ('laptop','mobile_box','phone','vpn','visio_licence','other')),
  label text NOT NULL,
  asset_tag text,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX equipment_org_tag ON equipment (org_id, asset_tag) WHERE asset_tag IS NOT NULL;

CREATE TABLE equipment_loans (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  equipment_id uuid NOT NULL REFERENCES equipment(id),
  agent_id uuid NOT NULL REFERENCES agents(id),
  lent_on date NOT NULL,
  returned_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (returned_on IS NULL OR returned_on >= lent_on)
);
-- A piece of equipment is with at most one agent at a time.
CREATE UNIQUE INDEX equipment_loans_open ON equipment_loans (equipment_id) WHERE returned_on IS NULL;
CREATE INDEX equipment_loans_agent ON equipment_loans (agent_id);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  email text NOT NULL,
  display_name text NOT NULL DEFAULT '',
  role text NOT NULL CHECK (role IN ('admin','pca_manager','crisis_cell','service_manager','agent')),
  service_id uuid REFERENCES services(id),
  agent_id uuid REFERENCES agents(id),
  password_hash text NOT NULL,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE sessions (
  id text PRIMARY KEY, -- sha-256 of the cookie token: a database leak gives no usable session
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  ip text NOT NULL,
  success boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email_at ON login_attempts (lower(email), at);
CREATE INDEX login_attempts_ip_at ON login_attempts (ip, at);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  org_id uuid REFERENCES orgs(id),
  user_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  ip text
);
CREATE INDEX audit_log_org_at ON audit_log (org_id, at DESC);
