-- 0007: an explanation of a warning belongs to one agency and to the values it explained.
-- Before, ra_explanation was keyed by (year, rule): one explanation cleared the warning for
-- every agency the rule names, and outlived a resubmission with other values (issue 12, 5).
--
-- Now a row is (year, rule, agency) with `explained_items`: the items the warning cited when
-- it was explained, as the JSON of ra_check_failure.items (code and value of each; the other
-- fields are read past). A warning is explained only while the latest check cites the same
-- codes with the same values; otherwise it is open again and the old text is shown beside it
-- for reference. The values themselves are kept rather than a hash, so that the view can say
-- which value changed, and so that this migration can carry the old rows over in SQL.
--
-- Carrying over, losing nothing: each old explanation becomes one row per agency named by the
-- finding it explained, that is, the rule's latest failure in a check run made at or before
-- the explanation was written, with that failure's items. If the values are the same today it
-- still stands; if they changed since, the warning is open again, the text kept. An old
-- explanation whose finding cannot be found (written before any check found it) or named no
-- agency is kept with agency_id and explained_items NULL: it explains nothing and is shown as
-- an earlier explanation of the rule.
CREATE TABLE ra_explanation_by_agency (
    year            INTEGER NOT NULL,
    rule_code       TEXT NOT NULL,
    agency_id       INTEGER REFERENCES agency (id),
    explained_items TEXT CHECK (explained_items IS NULL OR json_valid(explained_items)),
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    written_at      TEXT NOT NULL,
    written_by      TEXT NOT NULL,
    -- Only carried-over rows lack an agency, and they lack values too.
    CHECK ((agency_id IS NULL) = (explained_items IS NULL))
);

-- The finding each old explanation explained: the rule's latest failure at that time.
INSERT INTO ra_explanation_by_agency (year, rule_code, agency_id, explained_items, text, written_at, written_by)
SELECT DISTINCT e.year, e.rule_code, a.id, f.items, e.text, e.written_at, e.written_by
FROM ra_explanation e
JOIN ra_check_failure f ON f.id = (
    SELECT max(f2.id) FROM ra_check_failure f2 JOIN ra_check_run r ON r.id = f2.run_id
    WHERE r.year = e.year AND f2.rule_code = e.rule_code AND r.ran_at <= e.written_at
)
JOIN json_each(f.items) j
JOIN agency a ON a.code = json_extract(j.value, '$.agency_code');

INSERT INTO ra_explanation_by_agency (year, rule_code, agency_id, explained_items, text, written_at, written_by)
SELECT e.year, e.rule_code, NULL, NULL, e.text, e.written_at, e.written_by
FROM ra_explanation e
WHERE NOT EXISTS (
    SELECT 1 FROM ra_explanation_by_agency n WHERE n.year = e.year AND n.rule_code = e.rule_code
);

DROP TABLE ra_explanation;
ALTER TABLE ra_explanation_by_agency RENAME TO ra_explanation;

-- One explanation per agency and rule; the carried-over rows without an agency are one per rule.
CREATE UNIQUE INDEX ra_explanation_key ON ra_explanation (year, rule_code, ifnull(agency_id, 0));
