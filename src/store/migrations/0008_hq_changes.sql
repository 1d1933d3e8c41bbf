-- Seed step 9: the changes an agency's national headquarters made to its self-assessment,
-- from a returned self-assessment workbook or typed in the grid, each with the reference of
-- the headquarters' letter. The scores themselves are new versions in ev_score (its history);
-- a row here ties the version it replaced (none: the agency had left it empty) to the one the
-- headquarters put in force (none: the headquarters emptied it).
CREATE TABLE ev_hq_change (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL,
    agency_id        INTEGER NOT NULL REFERENCES agency (id),
    indicator_code   TEXT NOT NULL,
    before_score_id  INTEGER REFERENCES ev_score (id),
    after_score_id   INTEGER REFERENCES ev_score (id),
    reference        TEXT NOT NULL CHECK (length(trim(reference)) > 0),
    submission_id    INTEGER REFERENCES ev_submission (id),
    recorded_at      TEXT NOT NULL,
    recorded_by      TEXT NOT NULL,
    CHECK (before_score_id IS NOT NULL OR after_score_id IS NOT NULL)
);
CREATE INDEX ev_hq_change_by_agency ON ev_hq_change (year, agency_id);

-- Locked with the year's scores (docs/formats/locks.md): any INSERT, UPDATE or DELETE in a
-- locked year, REPLACE onto a locked row's id, moving a row into a locked year or onto its id.
CREATE TRIGGER ev_hq_change_locked_insert BEFORE INSERT ON ev_hq_change
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
  OR EXISTS (SELECT 1 FROM ev_hq_change c JOIN ev_locked_year l ON l.year = c.year WHERE c.id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_hq_change_locked_update BEFORE UPDATE ON ev_hq_change
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year OR year = NEW.year)
  OR (NEW.id IS NOT OLD.id
      AND EXISTS (SELECT 1 FROM ev_hq_change c JOIN ev_locked_year l ON l.year = c.year WHERE c.id = NEW.id))
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_hq_change_locked_delete BEFORE DELETE ON ev_hq_change
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;
