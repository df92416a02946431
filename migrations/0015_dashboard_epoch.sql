-- What the dashboard's equipped-to-telework figures depend on (loans, equipment, activities and
-- their skills and equipment, agents and their skills) changes rarely; statuses change all day.
-- Each organisation's epoch moves whenever one of those inputs changes (statement-level triggers,
-- one row per statement whatever its size), so a process may reuse what it computed for the same
-- epoch. Readers read the epoch before the inputs: a result is never kept under a newer epoch
-- than the data it was computed from.
CREATE TABLE dashboard_epochs (
  org_id uuid PRIMARY KEY,
  epoch bigint NOT NULL
);

CREATE FUNCTION dashboard_epoch_bump(orgs uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO dashboard_epochs AS e (org_id, epoch)
  SELECT DISTINCT o, 1 FROM unnest(orgs) AS u(o) WHERE o IS NOT NULL ORDER BY 1
  ON CONFLICT (org_id) DO UPDATE SET epoch = e.epoch + 1
$$;

-- Tables with an org_id column.
CREATE FUNCTION dashboard_epoch_on_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_epoch_bump(ARRAY(SELECT DISTINCT org_id FROM new_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION dashboard_epoch_on_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_epoch_bump(ARRAY(SELECT DISTINCT org_id FROM old_rows));
  RETURN NULL;
END $$;

-- agent_skills and activity_skills: the organisation of their parent row. (When the parent is
-- deleted, its own trigger has moved the epoch.)
CREATE FUNCTION dashboard_epoch_on_agent_skills() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM dashboard_epoch_bump(ARRAY(
      SELECT DISTINCT a.org_id FROM agents a WHERE a.id IN (SELECT agent_id FROM old_rows)));
  ELSE
    PERFORM dashboard_epoch_bump(ARRAY(
      SELECT DISTINCT a.org_id FROM agents a WHERE a.id IN (SELECT agent_id FROM new_rows)));
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION dashboard_epoch_on_activity_skills() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM dashboard_epoch_bump(ARRAY(
      SELECT DISTINCT a.org_id FROM activities a WHERE a.id IN (SELECT activity_id FROM old_rows)));
  ELSE
    PERFORM dashboard_epoch_bump(ARRAY(
      SELECT DISTINCT a.org_id FROM activities a WHERE a.id IN (SELECT activity_id FROM new_rows)));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER equipment_loans_epoch_ins AFTER INSERT ON equipment_loans
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_new();
CREATE TRIGGER equipment_loans_epoch_upd AFTER UPDATE ON equipment_loans
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_new();
CREATE TRIGGER equipment_loans_epoch_del AFTER DELETE ON equipment_loans
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_old();

CREATE TRIGGER equipment_epoch_upd AFTER UPDATE ON equipment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_new();
CREATE TRIGGER equipment_epoch_del AFTER DELETE ON equipment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_old();

CREATE TRIGGER activities_epoch_ins AFTER INSERT ON activities
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_new();
CREATE TRIGGER activities_epoch_upd AFTER UPDATE ON activities
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_new();
CREATE TRIGGER activities_epoch_del AFTER DELETE ON activities
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_old();

CREATE TRIGGER agents_epoch_ins AFTER INSERT ON agents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_new();
CREATE TRIGGER agents_epoch_upd AFTER UPDATE ON agents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_new();
CREATE TRIGGER agents_epoch_del AFTER DELETE ON agents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_old();

CREATE TRIGGER agent_skills_epoch_ins AFTER INSERT ON agent_skills
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_agent_skills();
CREATE TRIGGER agent_skills_epoch_upd AFTER UPDATE ON agent_skills
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_agent_skills();
CREATE TRIGGER agent_skills_epoch_del AFTER DELETE ON agent_skills
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_agent_skills();

CREATE TRIGGER activity_skills_epoch_ins AFTER INSERT ON activity_skills
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_activity_skills();
CREATE TRIGGER activity_skills_epoch_upd AFTER UPDATE ON activity_skills
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_activity_skills();
CREATE TRIGGER activity_skills_epoch_del AFTER DELETE ON activity_skills
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_epoch_on_activity_skills();
