-- 0001: the province, the audit log (store) and the agency directory (agencies).

CREATE TABLE province (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    province         TEXT NOT NULL CHECK (length(trim(province)) > 0),
    office           TEXT NOT NULL CHECK (length(trim(office)) > 0),
    working_year     INTEGER NOT NULL CHECK (working_year BETWEEN 1300 AND 1500),
    created_at       TEXT NOT NULL,
    app_version      TEXT NOT NULL,
    last_app_version TEXT NOT NULL
);

-- Append-only: every change of every module writes one row here in its own transaction.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    action    TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    reason    TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_key);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE agency_group (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE
);

CREATE TABLE agency (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE CHECK (length(code) > 0),
    name            TEXT NOT NULL CHECK (length(name) > 0),
    name_key        TEXT NOT NULL UNIQUE,
    short_name      TEXT NOT NULL DEFAULT '',
    group_id        INTEGER REFERENCES agency_group (id),
    parent_ministry TEXT NOT NULL DEFAULT '',
    focal_person    TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX agency_group_id ON agency (group_id);
