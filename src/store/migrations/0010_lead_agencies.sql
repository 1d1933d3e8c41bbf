-- 0010: indicators measured by another agency (evaluation seed §8). A general indicator may
-- name the lead agency (دستگاه سنجش) that scores it for every agency; each lead gets one
-- workbook listing every agency for its indicators, and what it returns is kept as the
-- evidence evaluators see (and, by a setting, as the evaluator's score).

-- The lead agency of an indicator; part of the catalog, locked with it (ev_indicator's triggers).
ALTER TABLE ev_indicator ADD COLUMN lead_agency_id INTEGER REFERENCES agency (id);

-- Every lead workbook the office generated, by its digest.
CREATE TABLE ev_lead_workbook_issued (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    lead_agency_id  INTEGER NOT NULL REFERENCES agency (id),
    digest          TEXT NOT NULL UNIQUE,
    generated_at    TEXT NOT NULL
);

-- Every returned lead workbook taken in.
CREATE TABLE ev_lead_submission (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    lead_agency_id  INTEGER NOT NULL REFERENCES agency (id),
    file_name       TEXT NOT NULL,
    file_sha256     TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    received_by     TEXT NOT NULL,
    UNIQUE (year, lead_agency_id, file_sha256)
);

-- The lead's score of one agency on one indicator, as its latest workbook said; earlier ones
-- are in the audit log. `input` is JSON of what was typed, as ev_score's.
CREATE TABLE ev_lead_score (
    year            INTEGER NOT NULL,
    agency_id       INTEGER NOT NULL REFERENCES agency (id),
    indicator_code  TEXT NOT NULL,
    lead_agency_id  INTEGER NOT NULL REFERENCES agency (id),
    input           TEXT NOT NULL,
    score           REAL NOT NULL CHECK (score >= 0),
    note            TEXT NOT NULL DEFAULT '',
    submission_id   INTEGER NOT NULL REFERENCES ev_lead_submission (id),
    cell            TEXT NOT NULL DEFAULT '',
    entered_at      TEXT NOT NULL,
    entered_by      TEXT NOT NULL,
    PRIMARY KEY (year, agency_id, indicator_code),
    FOREIGN KEY (year, indicator_code) REFERENCES ev_indicator (year, code)
);

-- The evidence behind approved scores is locked with them (docs/formats/locks.md).
CREATE TRIGGER ev_lead_score_locked_insert BEFORE INSERT ON ev_lead_score
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
  OR EXISTS (SELECT 1 FROM ev_lead_score s JOIN ev_locked_year l ON l.year = s.year WHERE s.rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_lead_score_locked_update BEFORE UPDATE ON ev_lead_score
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year IN (OLD.year, NEW.year))
  OR (NEW.rowid IS NOT OLD.rowid
      AND EXISTS (SELECT 1 FROM ev_lead_score s JOIN ev_locked_year l ON l.year = s.year WHERE s.rowid = NEW.rowid))
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_lead_score_locked_delete BEFORE DELETE ON ev_lead_score
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;
