-- 0012: briefing sessions of both services (evaluation step 4, regional accounts step 3), the
-- Statistical Centre's request letter on a regional-accounts year, and the packages made for
-- the Centre with the day each was sent (regional accounts step 6).

-- A briefing session for the agencies' managers and experts. `held_on` is Jalali
-- («1403/02/10»), `starts_at` «09:30». The invitation letters carry `letter_number` (may be
-- empty until the secretariat numbers them) and `letter_date` (empty: the day they are printed).
CREATE TABLE briefing (
    id            INTEGER PRIMARY KEY,
    service       TEXT NOT NULL CHECK (service IN ('accounts', 'evaluation')),
    year          INTEGER NOT NULL CHECK (year BETWEEN 1300 AND 1500),
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    held_on       TEXT NOT NULL CHECK (length(held_on) = 10),
    starts_at     TEXT NOT NULL CHECK (length(starts_at) = 5),
    place         TEXT NOT NULL CHECK (length(trim(place)) > 0),
    letter_number TEXT NOT NULL DEFAULT '',
    letter_date   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
CREATE INDEX briefing_year ON briefing (service, year);

-- The agencies invited to a session, and whether each came (NULL: not recorded yet) and who.
CREATE TABLE briefing_invitee (
    briefing_id INTEGER NOT NULL REFERENCES briefing (id) ON DELETE CASCADE,
    agency_id   INTEGER NOT NULL REFERENCES agency (id),
    present     INTEGER CHECK (present IN (0, 1)),
    attendee    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (briefing_id, agency_id)
);

-- The Statistical Centre's letter asking for the year's data: the request letters to the
-- agencies and the package's cover letter answer it («بازگشت به نامهٔ شمارهٔ … مورخ …»).
ALTER TABLE ra_year ADD COLUMN sc_letter_number TEXT;
ALTER TABLE ra_year ADD COLUMN sc_letter_date TEXT;

-- Every package written for the Centre. Writing one is not sending it: `sent_on` (Jalali) is
-- set by «ثبت ارسال» when the office sends it. `manifest_sha256` ties the row to the zip.
CREATE TABLE ra_package (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    file_name       TEXT NOT NULL,
    draft           INTEGER NOT NULL CHECK (draft IN (0, 1)),
    manifest_sha256 TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    sent_on         TEXT
);
CREATE INDEX ra_package_year ON ra_package (year);
