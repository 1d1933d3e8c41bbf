-- 0003: performance evaluation (evaluation module): the year's cycle and settings,
-- committees, the indicator catalog, self-assessment, evaluator scores, objections,
-- council approval with its snapshot, national results and the festival.

-- A year of evaluation; settings are JSON (scale, weights, tiers, window, festival).
CREATE TABLE ev_year (
    year        INTEGER PRIMARY KEY CHECK (year BETWEEN 1300 AND 1500),
    settings    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    -- The province's rank among provinces, when the national level sends it back.
    province_rank   INTEGER,
    province_count  INTEGER
);

-- The phases of the cycle with Jalali dates («1403/02/01»); reopened_until lets a phase
-- be edited outside its dates, with the reason kept.
CREATE TABLE ev_phase (
    year            INTEGER NOT NULL REFERENCES ev_year (year) ON DELETE CASCADE,
    code            TEXT NOT NULL,
    position        INTEGER NOT NULL,
    starts_on       TEXT NOT NULL,
    ends_on         TEXT NOT NULL CHECK (ends_on >= starts_on),
    reopened_until  TEXT,
    reopen_reason   TEXT,
    PRIMARY KEY (year, code)
);

CREATE TABLE ev_committee_member (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL REFERENCES ev_year (year) ON DELETE CASCADE,
    committee    TEXT NOT NULL CHECK (committee IN ('secretariat', 'steering')),
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position     TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL CHECK (role IN ('chair', 'secretary', 'member')),
    letter_date  TEXT NOT NULL,
    letter_number TEXT NOT NULL DEFAULT ''
);

CREATE TABLE ev_axis (
    year      INTEGER NOT NULL REFERENCES ev_year (year) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    title     TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (year, code)
);

CREATE TABLE ev_indicator (
    year       INTEGER NOT NULL REFERENCES ev_year (year) ON DELETE CASCADE,
    code       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('general', 'specific', 'development')),
    axis_code  TEXT,
    title      TEXT NOT NULL,
    ceiling    REAL NOT NULL CHECK (ceiling > 0),
    unit       TEXT NOT NULL DEFAULT '',
    evidence   TEXT NOT NULL DEFAULT '',
    method     TEXT NOT NULL CHECK (method IN ('ratio', 'points', 'yes_no', 'measures')),
    direction  TEXT CHECK (direction IN ('higher', 'lower')),
    target     REAL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (year, code)
);

CREATE TABLE ev_measure (
    year            INTEGER NOT NULL,
    indicator_code  TEXT NOT NULL,
    code            TEXT NOT NULL,
    title           TEXT NOT NULL,
    weight          REAL NOT NULL CHECK (weight > 0),
    position        INTEGER NOT NULL,
    PRIMARY KEY (year, indicator_code, code),
    FOREIGN KEY (year, indicator_code) REFERENCES ev_indicator (year, code) ON DELETE CASCADE
);

-- Which agency is evaluated on which indicator (general: all; specific: one; development: all or some).
CREATE TABLE ev_applies (
    year            INTEGER NOT NULL,
    indicator_code  TEXT NOT NULL,
    agency_id       INTEGER NOT NULL REFERENCES agency (id),
    PRIMARY KEY (year, agency_id, indicator_code),
    FOREIGN KEY (year, indicator_code) REFERENCES ev_indicator (year, code) ON DELETE CASCADE
);

-- Every self-assessment or evaluator workbook the office generated.
CREATE TABLE ev_workbook_issued (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL,
    agency_id     INTEGER NOT NULL REFERENCES agency (id),
    purpose       TEXT NOT NULL CHECK (purpose IN ('self', 'evaluator')),
    digest        TEXT NOT NULL UNIQUE,
    generated_at  TEXT NOT NULL
);

CREATE TABLE ev_submission (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,
    agency_id    INTEGER NOT NULL REFERENCES agency (id),
    purpose      TEXT NOT NULL CHECK (purpose IN ('self', 'evaluator')),
    file_name    TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    received_by  TEXT NOT NULL,
    UNIQUE (year, agency_id, purpose, file_sha256)
);

-- Scores with their history: the self-assessment's and the evaluator's; current = 1 is the
-- one in force. `input` is JSON of what was typed (actual, points, yes/no, measure percents).
CREATE TABLE ev_score (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    agency_id       INTEGER NOT NULL REFERENCES agency (id),
    indicator_code  TEXT NOT NULL,
    stage           TEXT NOT NULL CHECK (stage IN ('self', 'evaluator')),
    input           TEXT NOT NULL,
    score           REAL NOT NULL CHECK (score >= 0),
    evidence        TEXT NOT NULL DEFAULT '',
    comment         TEXT NOT NULL DEFAULT '',
    submission_id   INTEGER REFERENCES ev_submission (id),
    cell            TEXT NOT NULL DEFAULT '',
    entered_at      TEXT NOT NULL,
    entered_by      TEXT NOT NULL,
    current         INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
    FOREIGN KEY (year, indicator_code) REFERENCES ev_indicator (year, code)
);
CREATE UNIQUE INDEX ev_score_current ON ev_score (year, agency_id, indicator_code, stage) WHERE current = 1;

-- The national headquarters' confirmation of an agency's self-assessment.
CREATE TABLE ev_hq_confirmation (
    year          INTEGER NOT NULL,
    agency_id     INTEGER NOT NULL REFERENCES agency (id),
    confirmed_on  TEXT NOT NULL,
    reference     TEXT NOT NULL DEFAULT '',
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    PRIMARY KEY (year, agency_id)
);

-- Published preliminary results: the date fixes the objection window.
CREATE TABLE ev_preliminary (
    year          INTEGER PRIMARY KEY REFERENCES ev_year (year) ON DELETE CASCADE,
    published_on  TEXT NOT NULL,
    window_opens  TEXT NOT NULL,
    window_closes TEXT NOT NULL,
    results       TEXT NOT NULL,
    published_at  TEXT NOT NULL,
    published_by  TEXT NOT NULL
);

-- One objection per agency and indicator; what the agency filed never changes.
CREATE TABLE ev_objection (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    agency_id       INTEGER NOT NULL REFERENCES agency (id),
    indicator_code  TEXT NOT NULL,
    reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    evidence        TEXT NOT NULL DEFAULT '',
    filed_on        TEXT NOT NULL,
    filed_at        TEXT NOT NULL,
    filed_by        TEXT NOT NULL,
    decision        TEXT CHECK (decision IN ('accepted', 'partly', 'rejected')),
    new_score       REAL CHECK (new_score >= 0),
    decision_reason TEXT,
    decided_at      TEXT,
    decided_by      TEXT,
    UNIQUE (year, agency_id, indicator_code),
    FOREIGN KEY (year, indicator_code) REFERENCES ev_indicator (year, code)
);

CREATE TRIGGER ev_objection_filed_is_final
BEFORE UPDATE OF year, agency_id, indicator_code, reason, evidence, filed_on, filed_at, filed_by ON ev_objection
BEGIN
    SELECT RAISE(ABORT, 'ev.objection_immutable');
END;

CREATE TRIGGER ev_objection_no_delete
BEFORE DELETE ON ev_objection
BEGIN
    SELECT RAISE(ABORT, 'ev.objection_immutable');
END;

-- Council approvals: each is a version with the final results and their hash. The year is
-- locked while its latest approval has not been reopened.
CREATE TABLE ev_approval (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL REFERENCES ev_year (year),
    version       INTEGER NOT NULL,
    approved_on   TEXT NOT NULL,
    session       TEXT NOT NULL DEFAULT '',
    results       TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    approved_at   TEXT NOT NULL,
    approved_by   TEXT NOT NULL,
    reopened_at   TEXT,
    reopened_by   TEXT,
    reopen_reason TEXT,
    UNIQUE (year, version)
);

CREATE VIEW ev_locked_year AS
    SELECT year FROM ev_approval WHERE reopened_at IS NULL;

CREATE TRIGGER ev_approval_snapshot_is_final
BEFORE UPDATE OF year, version, approved_on, session, results, content_hash, approved_at, approved_by ON ev_approval
BEGIN
    SELECT RAISE(ABORT, 'ev.approval_immutable');
END;

CREATE TRIGGER ev_score_locked_insert BEFORE INSERT ON ev_score
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
BEGIN
    SELECT RAISE(ABORT, 'ev.year_locked');
END;
CREATE TRIGGER ev_score_locked_update BEFORE UPDATE ON ev_score
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN
    SELECT RAISE(ABORT, 'ev.year_locked');
END;
CREATE TRIGGER ev_objection_locked_insert BEFORE INSERT ON ev_objection
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
BEGIN
    SELECT RAISE(ABORT, 'ev.year_locked');
END;
CREATE TRIGGER ev_objection_locked_update BEFORE UPDATE ON ev_objection
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN
    SELECT RAISE(ABORT, 'ev.year_locked');
END;
CREATE TRIGGER ev_indicator_locked_insert BEFORE INSERT ON ev_indicator
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
BEGIN
    SELECT RAISE(ABORT, 'ev.year_locked');
END;
CREATE TRIGGER ev_indicator_locked_update BEFORE UPDATE ON ev_indicator
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN
    SELECT RAISE(ABORT, 'ev.year_locked');
END;
CREATE TRIGGER ev_indicator_locked_delete BEFORE DELETE ON ev_indicator
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN
    SELECT RAISE(ABORT, 'ev.year_locked');
END;

-- Final results of earlier years, imported (or copied from this file's approval), for growth.
CREATE TABLE ev_past_result (
    year        INTEGER NOT NULL,
    agency_id   INTEGER NOT NULL REFERENCES agency (id),
    general     REAL NOT NULL,
    specific    REAL NOT NULL,
    development REAL NOT NULL,
    total       REAL NOT NULL,
    percent     REAL NOT NULL,
    tier        TEXT NOT NULL,
    rank        INTEGER NOT NULL,
    PRIMARY KEY (year, agency_id)
);

-- The national tiering, as it comes back.
CREATE TABLE ev_national (
    year           INTEGER NOT NULL REFERENCES ev_year (year) ON DELETE CASCADE,
    agency_id      INTEGER NOT NULL REFERENCES agency (id),
    national_tier  TEXT NOT NULL,
    national_rank  INTEGER,
    PRIMARY KEY (year, agency_id)
);

-- Best work teams: nominations and the committee's selection.
CREATE TABLE ev_nomination (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL REFERENCES ev_year (year) ON DELETE CASCADE,
    team          TEXT NOT NULL CHECK (length(trim(team)) > 0),
    agency_id     INTEGER NOT NULL REFERENCES agency (id),
    project       TEXT NOT NULL CHECK (length(trim(project)) > 0),
    summary       TEXT NOT NULL DEFAULT '',
    selected      INTEGER NOT NULL DEFAULT 0 CHECK (selected IN (0, 1)),
    registered_at TEXT NOT NULL,
    selected_at   TEXT,
    selected_by   TEXT
);
