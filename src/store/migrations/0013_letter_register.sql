-- 0013: the letter register (دبیرخانه) of both services (issue 14 item 1). Every document the
-- office issues to an agency takes a number and a date here when it is saved final; incoming
-- items (returned workbooks, letters, objections) are logged with their reference. Entries are
-- append-only: a number once given is never changed or taken back.

-- The numbering pattern: «{year}» is the register's Jalali year, «{seq}» the entry's sequence
-- in that year. One row.
CREATE TABLE register_setting (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    pattern TEXT NOT NULL CHECK (instr(pattern, '{seq}') > 0)
);
INSERT INTO register_setting (id, pattern) VALUES (1, '{year}/{seq}/ص');

-- `year` is the Jalali year of `entry_date` (the register's year, which numbers restart in);
-- `seq` and `number` are set for outgoing entries only. `agency_code` is '' when the document
-- is addressed to no agency (an appointment letter to a person). `reference` is the sender's
-- number or the file name of an incoming item.
CREATE TABLE register_entry (
    id              INTEGER PRIMARY KEY,
    direction       TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    service         TEXT NOT NULL CHECK (service IN ('accounts', 'evaluation')),
    year            INTEGER NOT NULL CHECK (year BETWEEN 1300 AND 1500),
    agency_code     TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (length(kind) > 0),
    seq             INTEGER CHECK (seq > 0),
    number          TEXT,
    entry_date      TEXT NOT NULL CHECK (length(entry_date) = 10),
    subject         TEXT NOT NULL,
    document_name   TEXT NOT NULL DEFAULT '',
    document_sha256 TEXT NOT NULL DEFAULT '',
    reference       TEXT NOT NULL DEFAULT '',
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    CHECK ((direction = 'out') = (seq IS NOT NULL AND number IS NOT NULL))
);
CREATE UNIQUE INDEX register_entry_seq ON register_entry (year, seq) WHERE seq IS NOT NULL;
CREATE UNIQUE INDEX register_entry_number ON register_entry (number) WHERE number IS NOT NULL;
CREATE INDEX register_entry_agency ON register_entry (agency_code, year);

-- The core never writes these statements; the code names the lock, as 0005's do.
CREATE TRIGGER register_entry_no_update BEFORE UPDATE ON register_entry
BEGIN
    SELECT RAISE(ABORT, 'register_entry_locked');
END;
CREATE TRIGGER register_entry_no_delete BEFORE DELETE ON register_entry
BEGIN
    SELECT RAISE(ABORT, 'register_entry_locked');
END;
-- REPLACE deletes the row it conflicts with without firing the delete trigger (unless
-- recursive_triggers is on): a new row may not take an existing row's id, number or sequence.
CREATE TRIGGER register_entry_no_replace BEFORE INSERT ON register_entry
WHEN EXISTS (SELECT 1 FROM register_entry
             WHERE id = NEW.id OR number = NEW.number OR (year = NEW.year AND seq = NEW.seq))
BEGIN
    SELECT RAISE(ABORT, 'register_entry_locked');
END;
