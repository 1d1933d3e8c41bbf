-- 0011: evaluator teams (seed step 13, «امتیازدهی اولیه توسط تیم ارزیاب»): the office's
-- evaluators in teams, each team with the agencies it scores (an agency in at most one team
-- a year), and which evaluator workbooks were issued to which team. A locked year's teams,
-- members and assignments refuse every change, like the rest of its evaluation (0005).

CREATE TABLE ev_team (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    year  INTEGER NOT NULL REFERENCES ev_year (year) ON DELETE CASCADE,
    name  TEXT NOT NULL CHECK (length(trim(name)) > 0),
    UNIQUE (year, name)
);

-- A team's evaluators, in order: a committee member (committee_member_id, the name copied so
-- that it outlives the member's removal) or a free name. No foreign key on purpose: the
-- committees are not locked, and removing a member must not write to a locked team.
CREATE TABLE ev_team_member (
    team_id              INTEGER NOT NULL REFERENCES ev_team (id) ON DELETE CASCADE,
    position             INTEGER NOT NULL,
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    committee_member_id  INTEGER,
    PRIMARY KEY (team_id, position)
);

-- The agencies a team scores; the key makes an agency one team's at most in a year.
CREATE TABLE ev_team_agency (
    year       INTEGER NOT NULL,
    agency_id  INTEGER NOT NULL REFERENCES agency (id),
    team_id    INTEGER NOT NULL REFERENCES ev_team (id),
    PRIMARY KEY (year, agency_id)
);

CREATE TRIGGER ev_team_agency_same_year BEFORE INSERT ON ev_team_agency
WHEN (SELECT year FROM ev_team WHERE id = NEW.team_id) IS NOT NEW.year
BEGIN SELECT RAISE(ABORT, 'ev.team_other_year'); END;

CREATE TRIGGER ev_team_agency_same_year_update BEFORE UPDATE ON ev_team_agency
WHEN (SELECT year FROM ev_team WHERE id = NEW.team_id) IS NOT NEW.year
BEGIN SELECT RAISE(ABORT, 'ev.team_other_year'); END;

-- Evaluator workbooks issued for a team: intake accepts one only while its agency is still
-- that team's. Not locked (like ev_workbook_issued).
CREATE TABLE ev_team_workbook (
    digest     TEXT PRIMARY KEY REFERENCES ev_workbook_issued (digest),
    team_id    INTEGER NOT NULL,
    team_name  TEXT NOT NULL
);

-- Locks: ev_team in a locked year.
CREATE TRIGGER ev_team_locked_insert BEFORE INSERT ON ev_team
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
  OR EXISTS (SELECT 1 FROM ev_team t JOIN ev_locked_year l ON l.year = t.year WHERE t.id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_team_locked_update BEFORE UPDATE ON ev_team
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year IN (OLD.year, NEW.year))
  OR (NEW.id IS NOT OLD.id
      AND EXISTS (SELECT 1 FROM ev_team t JOIN ev_locked_year l ON l.year = t.year WHERE t.id = NEW.id))
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_team_locked_delete BEFORE DELETE ON ev_team
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

-- ev_team_member: locked by its team's year.
CREATE TRIGGER ev_team_member_locked_insert BEFORE INSERT ON ev_team_member
WHEN EXISTS (SELECT 1 FROM ev_team t JOIN ev_locked_year l ON l.year = t.year WHERE t.id = NEW.team_id)
  OR EXISTS (SELECT 1 FROM ev_team_member m JOIN ev_team t ON t.id = m.team_id JOIN ev_locked_year l ON l.year = t.year
             WHERE m.rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_team_member_locked_update BEFORE UPDATE ON ev_team_member
WHEN EXISTS (SELECT 1 FROM ev_team t JOIN ev_locked_year l ON l.year = t.year WHERE t.id IN (OLD.team_id, NEW.team_id))
  OR (NEW.rowid IS NOT OLD.rowid
      AND EXISTS (SELECT 1 FROM ev_team_member m JOIN ev_team t ON t.id = m.team_id JOIN ev_locked_year l ON l.year = t.year
                  WHERE m.rowid = NEW.rowid))
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_team_member_locked_delete BEFORE DELETE ON ev_team_member
WHEN EXISTS (SELECT 1 FROM ev_team t JOIN ev_locked_year l ON l.year = t.year WHERE t.id = OLD.team_id)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

-- ev_team_agency: the locked year's assignments.
CREATE TRIGGER ev_team_agency_locked_insert BEFORE INSERT ON ev_team_agency
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
  OR EXISTS (SELECT 1 FROM ev_team_agency a JOIN ev_locked_year l ON l.year = a.year WHERE a.rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_team_agency_locked_update BEFORE UPDATE ON ev_team_agency
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year IN (OLD.year, NEW.year))
  OR (NEW.rowid IS NOT OLD.rowid
      AND EXISTS (SELECT 1 FROM ev_team_agency a JOIN ev_locked_year l ON l.year = a.year WHERE a.rowid = NEW.rowid))
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_team_agency_locked_delete BEFORE DELETE ON ev_team_agency
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;
