-- 0016: backups of the province file (issue 16 items 1 and 2). The copies live in folders, not
-- here; the file keeps only how they are made: a second folder (a USB stick, a share) besides
-- the one next to the file, and how many the rotation keeps. One row.
CREATE TABLE backup_setting (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    second_folder TEXT NOT NULL DEFAULT '',
    keep_last     INTEGER NOT NULL DEFAULT 10 CHECK (keep_last BETWEEN 1 AND 1000),
    keep_days     INTEGER NOT NULL DEFAULT 30 CHECK (keep_days BETWEEN 0 AND 3650),
    keep_months   INTEGER NOT NULL DEFAULT 24 CHECK (keep_months BETWEEN 0 AND 1200)
);
INSERT INTO backup_setting (id) VALUES (1);
