-- Dashboard: each agent's skill set, as a sorted array, kept by triggers on agent_skills (whoever
-- writes it: API, import, demo, CLI). The dashboard groups agents by skill set to match them
-- against activities; aggregating agent_skills for 20,000 agents on every request was its most
-- expensive step. Statement-level triggers with transition tables: one grouped statement per
-- write, not one per row. An agent without skills has no row (readers coalesce to '{}').

CREATE TABLE agent_skill_sets (
  -- No foreign key (it would cost one check per agent on every bulk import): deleting an agent
  -- cascades to agent_skills, whose delete trigger removes the row.
  agent_id uuid PRIMARY KEY,
  skills uuid[] NOT NULL
);

CREATE FUNCTION agent_skill_sets_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO agent_skill_sets (agent_id, skills)
  SELECT k.agent_id, array_agg(k.skill_id ORDER BY k.skill_id)
  FROM agent_skills k WHERE k.agent_id IN (SELECT agent_id FROM new_rows)
  GROUP BY k.agent_id ORDER BY k.agent_id
  ON CONFLICT (agent_id) DO UPDATE SET skills = EXCLUDED.skills;
  RETURN NULL;
END $$;

-- Also runs when an agent is deleted (the cascade removes their skills): their row goes.
CREATE FUNCTION agent_skill_sets_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM agent_skill_sets s
  WHERE s.agent_id IN (SELECT agent_id FROM old_rows)
    AND NOT EXISTS (SELECT 1 FROM agent_skills k WHERE k.agent_id = s.agent_id);
  UPDATE agent_skill_sets s SET skills = x.skills
  FROM (
    SELECT k.agent_id, array_agg(k.skill_id ORDER BY k.skill_id) AS skills
    FROM agent_skills k WHERE k.agent_id IN (SELECT agent_id FROM old_rows)
    GROUP BY k.agent_id
  ) x
  WHERE x.agent_id = s.agent_id AND s.skills IS DISTINCT FROM x.skills;
  RETURN NULL;
END $$;

CREATE FUNCTION agent_skill_sets_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM agent_skill_sets s
  WHERE s.agent_id IN (SELECT agent_id FROM old_rows)
    AND NOT EXISTS (SELECT 1 FROM agent_skills k WHERE k.agent_id = s.agent_id);
  INSERT INTO agent_skill_sets (agent_id, skills)
  SELECT k.agent_id, array_agg(k.skill_id ORDER BY k.skill_id)
  FROM agent_skills k
  WHERE k.agent_id IN (SELECT agent_id FROM new_rows UNION SELECT agent_id FROM old_rows)
  GROUP BY k.agent_id ORDER BY k.agent_id
  ON CONFLICT (agent_id) DO UPDATE SET skills = EXCLUDED.skills;
  RETURN NULL;
END $$;

CREATE TRIGGER agent_skills_sets_insert AFTER INSERT ON agent_skills
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agent_skill_sets_on_insert();
CREATE TRIGGER agent_skills_sets_update AFTER UPDATE ON agent_skills
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agent_skill_sets_on_update();
CREATE TRIGGER agent_skills_sets_delete AFTER DELETE ON agent_skills
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION agent_skill_sets_on_delete();

-- Skills recorded before this migration.
INSERT INTO agent_skill_sets (agent_id, skills)
SELECT agent_id, array_agg(skill_id ORDER BY skill_id) FROM agent_skills GROUP BY agent_id;
