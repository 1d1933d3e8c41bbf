-- 0009: the national system's transfer (seed steps 10–12): the self-assessments that agencies'
-- headquarters entered in the national performance-management system, as the national
-- organization exports them to the province. Each imported file is kept; the scores it brought
-- are self-assessment versions that name it (ev_score.transfer_id), so their source is known.
CREATE TABLE ev_transfer (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL REFERENCES ev_year (year),
    file_name    TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,
    rows_read    INTEGER NOT NULL,
    imported_at  TEXT NOT NULL,
    imported_by  TEXT NOT NULL
);

ALTER TABLE ev_score ADD COLUMN transfer_id INTEGER REFERENCES ev_transfer (id);
