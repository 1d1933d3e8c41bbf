-- 0002: regional accounts (accounts module): the template of a year, assignments,
-- the workbooks issued to agencies, returned submissions and values with their history.

CREATE TABLE ra_template (
    year         INTEGER PRIMARY KEY CHECK (year BETWEEN 1300 AND 1500),
    code         TEXT NOT NULL,
    version      TEXT NOT NULL,
    title        TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,
    imported_at  TEXT NOT NULL
);

CREATE TABLE ra_table (
    year      INTEGER NOT NULL REFERENCES ra_template (year) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    title     TEXT NOT NULL,
    unit      TEXT NOT NULL DEFAULT '',
    notes     TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL,
    PRIMARY KEY (year, code)
);

CREATE TABLE ra_item (
    year        INTEGER NOT NULL,
    code        TEXT NOT NULL,
    table_code  TEXT NOT NULL,
    row_label   TEXT NOT NULL,
    col_label   TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL CHECK (kind IN ('number', 'integer', 'percent', 'text')),
    decimals    INTEGER NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 6),
    required    INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
    position    INTEGER NOT NULL,
    PRIMARY KEY (year, code),
    FOREIGN KEY (year, table_code) REFERENCES ra_table (year, code) ON DELETE CASCADE
);

CREATE TABLE ra_rule (
    year        INTEGER NOT NULL REFERENCES ra_template (year) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    expression  TEXT NOT NULL,
    severity    TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    message     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (year, code)
);

-- Keyed by item code, not by template row, so that a revised template keeps them.
CREATE TABLE ra_assignment (
    year       INTEGER NOT NULL,
    item_code  TEXT NOT NULL,
    agency_id  INTEGER NOT NULL REFERENCES agency (id),
    PRIMARY KEY (year, item_code)
);

-- Every workbook the office generated, with the digest its identity sheet carries.
CREATE TABLE ra_workbook_issued (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL,
    agency_id     INTEGER NOT NULL REFERENCES agency (id),
    template_version TEXT NOT NULL,
    digest        TEXT NOT NULL UNIQUE,
    generated_at  TEXT NOT NULL
);

-- A returned workbook as received; a newer one from the same agency supersedes it.
CREATE TABLE ra_submission (
    id             INTEGER PRIMARY KEY,
    year           INTEGER NOT NULL,
    agency_id      INTEGER NOT NULL REFERENCES agency (id),
    file_name      TEXT NOT NULL,
    file_sha256    TEXT NOT NULL,
    template_version TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    received_by    TEXT NOT NULL,
    values_read    INTEGER NOT NULL,
    UNIQUE (year, agency_id, file_sha256)
);

-- Values with their history: the current one has current = 1; older ones stay.
CREATE TABLE ra_value (
    id             INTEGER PRIMARY KEY,
    year           INTEGER NOT NULL,
    item_code      TEXT NOT NULL,
    value_num      REAL,
    value_text     TEXT,
    note           TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL CHECK (source IN ('workbook', 'manual', 'import')),
    submission_id  INTEGER REFERENCES ra_submission (id),
    cell           TEXT NOT NULL DEFAULT '',
    entered_at     TEXT NOT NULL,
    entered_by     TEXT NOT NULL,
    current        INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1))
);
CREATE UNIQUE INDEX ra_value_current ON ra_value (year, item_code) WHERE current = 1;
CREATE INDEX ra_value_history ON ra_value (year, item_code, id);

-- A run of the checks over a year's values, and what each rule found.
CREATE TABLE ra_check_run (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL,
    ran_at     TEXT NOT NULL,
    ran_by     TEXT NOT NULL,
    passed     INTEGER NOT NULL,
    failed     INTEGER NOT NULL,
    not_computable INTEGER NOT NULL,
    errors     INTEGER NOT NULL,
    warnings   INTEGER NOT NULL
);

CREATE TABLE ra_check_failure (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES ra_check_run (id) ON DELETE CASCADE,
    rule_code  TEXT NOT NULL,
    severity   TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    message    TEXT NOT NULL,
    -- JSON: the items involved with their values, cells and suppliers.
    items      TEXT NOT NULL
);
CREATE INDEX ra_check_failure_run ON ra_check_failure (run_id);

-- The year's settings: the deadline for agencies (Jalali, «1403/09/30»).
CREATE TABLE ra_year (
    year      INTEGER PRIMARY KEY,
    deadline  TEXT
);

-- Where each agency's part of each table stands. History is in the audit log.
CREATE TABLE ra_status (
    year        INTEGER NOT NULL,
    agency_id   INTEGER NOT NULL REFERENCES agency (id),
    table_code  TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('requested', 'received', 'checked', 'approved', 'sent')),
    changed_at  TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    PRIMARY KEY (year, agency_id, table_code)
);

-- The analyst's written explanation of a warning, required before approval.
CREATE TABLE ra_explanation (
    year       INTEGER NOT NULL,
    rule_code  TEXT NOT NULL,
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    written_at TEXT NOT NULL,
    written_by TEXT NOT NULL,
    PRIMARY KEY (year, rule_code)
);

-- Approved values refuse changes until their table is reopened with a recorded reason.
-- The items whose supplier's table is approved or sent:
CREATE VIEW ra_locked_item AS
    SELECT i.year, i.code AS item_code, a.agency_id
    FROM ra_status s
    JOIN ra_item i ON i.year = s.year AND i.table_code = s.table_code
    JOIN ra_assignment a ON a.year = i.year AND a.item_code = i.code AND a.agency_id = s.agency_id
    WHERE s.state IN ('approved', 'sent');

CREATE TRIGGER ra_value_locked_insert BEFORE INSERT ON ra_value
WHEN EXISTS (SELECT 1 FROM ra_locked_item WHERE year = NEW.year AND item_code = NEW.item_code)
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_value_locked_update BEFORE UPDATE ON ra_value
WHEN EXISTS (SELECT 1 FROM ra_locked_item WHERE year = OLD.year AND item_code = OLD.item_code)
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_value_locked_delete BEFORE DELETE ON ra_value
WHEN EXISTS (SELECT 1 FROM ra_locked_item WHERE year = OLD.year AND item_code = OLD.item_code)
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

-- An approved table's supplier cannot be changed either.
CREATE TRIGGER ra_assignment_locked BEFORE UPDATE ON ra_assignment
WHEN EXISTS (SELECT 1 FROM ra_locked_item WHERE year = OLD.year AND item_code = OLD.item_code AND agency_id = OLD.agency_id)
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;
