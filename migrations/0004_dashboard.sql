-- Dashboard: how many active agents had each status, per organisation, service and day.
-- Kept up to date by triggers in the same transaction as every write to daily_statuses (whoever
-- writes it: API, import, CLI), so today's headcount and its history read a few hundred rows
-- instead of scanning daily_statuses. Statement-level triggers with transition tables keep bulk
-- writes cheap (one grouped upsert per statement, not one per row).
-- Archived agents are not counted; an agent changing service moves their counts. Rows may reach
-- n = 0 and stay (harmless: readers sum).

CREATE TABLE status_counts (
  org_id uuid NOT NULL REFERENCES orgs(id),
  day date NOT NULL,
  service_id uuid NOT NULL,
  status text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (org_id, day, service_id, status)
);

CREATE FUNCTION status_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO status_counts (org_id, day, service_id, status, n)
  SELECT a.org_id, d.day, a.service_id, d.status, count(*)::int
  FROM new_rows d JOIN agents a ON a.id = d.agent_id AND a.archived_at IS NULL
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (org_id, day, service_id, status) DO UPDATE SET n = status_counts.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION status_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO status_counts (org_id, day, service_id, status, n)
  SELECT a.org_id, d.day, a.service_id, d.status, -count(*)::int
  FROM old_rows d JOIN agents a ON a.id = d.agent_id AND a.archived_at IS NULL
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (org_id, day, service_id, status) DO UPDATE SET n = status_counts.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION status_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO status_counts (org_id, day, service_id, status, n)
  SELECT a.org_id, d.day, a.service_id, d.status, sum(d.delta)::int
  FROM (
    SELECT agent_id, day, status, 1 AS delta FROM new_rows
    UNION ALL
    SELECT agent_id, day, status, -1 AS delta FROM old_rows
  ) d JOIN agents a ON a.id = d.agent_id AND a.archived_at IS NULL
  GROUP BY 1, 2, 3, 4 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (org_id, day, service_id, status) DO UPDATE SET n = status_counts.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE TRIGGER daily_statuses_counts_insert AFTER INSERT ON daily_statuses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION status_counts_on_insert();
CREATE TRIGGER daily_statuses_counts_update AFTER UPDATE ON daily_statuses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION status_counts_on_update();
CREATE TRIGGER daily_statuses_counts_delete AFTER DELETE ON daily_statuses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION status_counts_on_delete();

-- An agent changing service, archived or restored: move their statuses' contribution.
CREATE FUNCTION status_counts_agent_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.service_id IS NOT DISTINCT FROM NEW.service_id
     AND (OLD.archived_at IS NULL) = (NEW.archived_at IS NULL) THEN
    RETURN NULL;
  END IF;
  IF OLD.archived_at IS NULL THEN
    INSERT INTO status_counts (org_id, day, service_id, status, n)
    SELECT OLD.org_id, d.day, OLD.service_id, d.status, -count(*)::int
    FROM daily_statuses d WHERE d.agent_id = OLD.id
    GROUP BY d.day, d.status ORDER BY d.day, d.status
    ON CONFLICT (org_id, day, service_id, status) DO UPDATE SET n = status_counts.n + EXCLUDED.n;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.archived_at IS NULL THEN
    INSERT INTO status_counts (org_id, day, service_id, status, n)
    SELECT NEW.org_id, d.day, NEW.service_id, d.status, count(*)::int
    FROM daily_statuses d WHERE d.agent_id = NEW.id
    GROUP BY d.day, d.status ORDER BY d.day, d.status
    ON CONFLICT (org_id, day, service_id, status) DO UPDATE SET n = status_counts.n + EXCLUDED.n;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER agents_status_counts_update AFTER UPDATE OF service_id, archived_at ON agents
  FOR EACH ROW EXECUTE FUNCTION status_counts_agent_changed();
-- Before the delete: the agent's statuses are still there (the cascade removes them afterwards,
-- when the agent is already gone, so the daily_statuses trigger no longer counts them).
CREATE TRIGGER agents_status_counts_delete BEFORE DELETE ON agents
  FOR EACH ROW EXECUTE FUNCTION status_counts_agent_changed();

-- Rebuilds one organisation's counts from daily_statuses (repair, or after a bulk load done
-- with triggers disabled).
CREATE FUNCTION rebuild_status_counts(p_org uuid) RETURNS void LANGUAGE sql AS $$
  DELETE FROM status_counts WHERE org_id = p_org;
  INSERT INTO status_counts (org_id, day, service_id, status, n)
  SELECT a.org_id, d.day, a.service_id, d.status, count(*)::int
  FROM daily_statuses d JOIN agents a ON a.id = d.agent_id AND a.archived_at IS NULL
  WHERE d.org_id = p_org
  GROUP BY 1, 2, 3, 4;
$$;

-- Statuses recorded before this migration.
INSERT INTO status_counts (org_id, day, service_id, status, n)
SELECT a.org_id, d.day, a.service_id, d.status, count(*)::int
FROM daily_statuses d JOIN agents a ON a.id = d.agent_id AND a.archived_at IS NULL
GROUP BY 1, 2, 3, 4;

-- Equipment held on a day (equipped-to-telework curve): loans of an organisation by date.
CREATE INDEX equipment_loans_org_lent ON equipment_loans (org_id, lent_on);
