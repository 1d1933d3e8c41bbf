-- Texts the office writes for its printed documents (the results booklet's foreword), by key.
CREATE TABLE report_text (
    key        TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
