-- Saved answers are archived rather than deleted: replies already sent keep their wording in the
-- request history, and an archived answer can be brought back. Archived ones are not offered
-- when replying.
ALTER TABLE saved_answers ADD COLUMN archived_at timestamptz;
