-- Resilience analyses: a scenario simulated over the organisation as it stood, with its report.
CREATE TABLE resilience_analyses (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  params jsonb NOT NULL,
  report jsonb NOT NULL,
  ranking jsonb,
  seconds double precision NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resilience_analyses_org ON resilience_analyses (org_id, created_at DESC);
