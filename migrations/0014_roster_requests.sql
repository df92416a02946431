-- Personal on/off requests for the rotation planner: an agent asks to be on site (or not) on a
-- day. Entered by a manager or by the agent; read by every planning period covering that day and
-- honoured as a soft goal (weight 1 to 5, multiplied by the period's "requests" weight).
CREATE TABLE roster_requests (
  org_id uuid NOT NULL REFERENCES orgs(id),
  agent_id uuid NOT NULL REFERENCES agents(id),
  day date NOT NULL,
  on_site boolean NOT NULL,
  weight integer NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 5),
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agent_id, day)
);
CREATE INDEX roster_requests_org_day ON roster_requests (org_id, day);
