-- 0005: locks without holes. Every table whose rows hold approved data (regional accounts)
-- or council-locked data (evaluation) refuses INSERT, UPDATE and DELETE that would change
-- that data, whatever program writes to the file and whatever its pragmas.
--
-- Three rules shape the triggers below:
--
-- 1. REPLACE deletes without a DELETE trigger. `INSERT OR REPLACE` (and `UPDATE OR REPLACE`,
--    and `REPLACE`) removes a conflicting row before writing the new one, and that implicit
--    delete fires no DELETE trigger unless the client turned on recursive_triggers, which
--    nobody does. So every locked table has a BEFORE INSERT trigger that refuses when a locked
--    row already holds the new row's key (its primary key, its unique keys, or its rowid when
--    the statement names one: NEW.rowid is -1 when SQLite chooses it), and its BEFORE UPDATE
--    trigger looks at the NEW key as well as the OLD one, so that a row can neither be moved
--    onto a locked one nor out of the lock. These UPDATE triggers name no columns
--    (`UPDATE OF …` would miss `SET rowid = …` on a table whose key is its rowid).
-- 2. An upsert (`INSERT … ON CONFLICT DO UPDATE`) fires the BEFORE INSERT trigger before it
--    turns into an UPDATE; the app upserts ra_status (approved -> sent when packaging), so that
--    INSERT trigger lets a locked part stay locked and refuses only what would unlock it.
-- 3. A lock is lifted only by the app's reopening, which writes its audit row (with the
--    reason) in the same transaction, just before the change that lifts the lock. The trigger
--    that guards the lifting asks for exactly that: the latest row of the append-only audit
--    log must be the reopening of this very part (regional accounts: entity ra_status, key
--    «year/agency code/table», action reopen) or year (evaluation: entity ev_approval, key
--    «year», action reopen, the same reason as the approval's reopen_reason), with a reason.
--    A raw `UPDATE ra_status SET state = …` or `UPDATE ev_approval SET reopened_at = …` finds
--    no such row and is refused. A program that writes that audit row itself has recorded a
--    reopening with its reason in the log it cannot edit: which is what the rule asks for.
--
-- Error codes are the ones the Rust side already maps: ra_value_locked (AccountsError::Locked),
-- ev.year_locked (EvaluationError::YearLocked), ev.objection_immutable; ev.approval_immutable
-- and «audit_log is append-only» are only ever met by raw SQL.
--
-- Not within a trigger's reach: a program that drops the triggers or the views
-- (DROP TRIGGER, writable_schema).

------------------------------------------------------------------------------------------
-- The audit log: append-only against any statement.
------------------------------------------------------------------------------------------

CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

------------------------------------------------------------------------------------------
-- Regional accounts: the items whose supplier's table is approved or sent (ra_locked_item)
-- and everything that view is made of: ra_status, ra_item, ra_assignment; ra_value holds
-- their values; ra_table and ra_template the approved tables themselves.
------------------------------------------------------------------------------------------

-- ra_value (0002 guards INSERT of a locked item, UPDATE and DELETE of a locked row):
-- REPLACE onto a locked row's id, and an UPDATE that moves a row onto a locked item or id.
CREATE TRIGGER ra_value_locked_replace BEFORE INSERT ON ra_value
WHEN EXISTS (SELECT 1 FROM ra_value v JOIN ra_locked_item l ON l.year = v.year AND l.item_code = v.item_code
             WHERE v.id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_value_locked_move BEFORE UPDATE ON ra_value
WHEN EXISTS (SELECT 1 FROM ra_locked_item WHERE year = NEW.year AND item_code = NEW.item_code)
  OR (NEW.id IS NOT OLD.id AND EXISTS (
        SELECT 1 FROM ra_value v JOIN ra_locked_item l ON l.year = v.year AND l.item_code = v.item_code
        WHERE v.id = NEW.id))
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

-- ra_status: an approved (or sent) part stays approved or sent. It goes back to an earlier
-- state only with the reopening's audit row written just before (rule 3 above).
CREATE TRIGGER ra_status_locked_insert BEFORE INSERT ON ra_status
WHEN (NEW.state NOT IN ('approved', 'sent') AND EXISTS (
        SELECT 1 FROM ra_status WHERE year = NEW.year AND agency_id = NEW.agency_id
        AND table_code = NEW.table_code AND state IN ('approved', 'sent')))
  OR EXISTS (SELECT 1 FROM ra_status WHERE rowid = NEW.rowid AND state IN ('approved', 'sent'))
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_status_locked_move BEFORE UPDATE ON ra_status
WHEN (OLD.state IN ('approved', 'sent')
      AND (NEW.year IS NOT OLD.year OR NEW.agency_id IS NOT OLD.agency_id OR NEW.table_code IS NOT OLD.table_code))
  OR ((NEW.year IS NOT OLD.year OR NEW.agency_id IS NOT OLD.agency_id OR NEW.table_code IS NOT OLD.table_code)
      AND EXISTS (SELECT 1 FROM ra_status WHERE year = NEW.year AND agency_id = NEW.agency_id
                  AND table_code = NEW.table_code AND state IN ('approved', 'sent')))
  OR (NEW.rowid IS NOT OLD.rowid
      AND EXISTS (SELECT 1 FROM ra_status WHERE rowid = NEW.rowid AND state IN ('approved', 'sent')))
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_status_reopen_needs_reason BEFORE UPDATE ON ra_status
WHEN OLD.state IN ('approved', 'sent') AND NEW.state NOT IN ('approved', 'sent')
 AND NOT EXISTS (
    SELECT 1 FROM (SELECT entity, entity_key, action, reason FROM audit_log ORDER BY id DESC LIMIT 1) AS last
    WHERE last.entity = 'ra_status' AND last.action = 'reopen'
      AND last.entity_key = OLD.year || '/' || (SELECT code FROM agency WHERE id = OLD.agency_id) || '/' || OLD.table_code
      AND length(trim(coalesce(last.reason, ''))) > 0)
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_status_locked_delete BEFORE DELETE ON ra_status
WHEN OLD.state IN ('approved', 'sent')
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

-- ra_assignment (0002 guards UPDATE of a locked row): DELETE, REPLACE, moving onto a locked item.
CREATE TRIGGER ra_assignment_locked_insert BEFORE INSERT ON ra_assignment
WHEN EXISTS (SELECT 1 FROM ra_locked_item WHERE year = NEW.year AND item_code = NEW.item_code)
  OR EXISTS (SELECT 1 FROM ra_assignment a JOIN ra_locked_item l
             ON l.year = a.year AND l.item_code = a.item_code AND l.agency_id = a.agency_id
             WHERE a.rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_assignment_locked_move BEFORE UPDATE ON ra_assignment
WHEN EXISTS (SELECT 1 FROM ra_locked_item WHERE year = NEW.year AND item_code = NEW.item_code)
  OR (NEW.rowid IS NOT OLD.rowid AND EXISTS (
        SELECT 1 FROM ra_assignment a JOIN ra_locked_item l
        ON l.year = a.year AND l.item_code = a.item_code AND l.agency_id = a.agency_id
        WHERE a.rowid = NEW.rowid))
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_assignment_locked_delete BEFORE DELETE ON ra_assignment
WHEN EXISTS (SELECT 1 FROM ra_locked_item WHERE year = OLD.year AND item_code = OLD.item_code AND agency_id = OLD.agency_id)
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

-- ra_item: a locked item is not edited, removed, replaced or moved; no item moves or is
-- added into an approved part (its supplier's table approved). A template revision deletes
-- and re-inserts the items, so it too waits until the approved tables are reopened.
CREATE TRIGGER ra_item_locked_insert BEFORE INSERT ON ra_item
WHEN EXISTS (SELECT 1 FROM ra_locked_item WHERE year = NEW.year AND item_code = NEW.code)
  OR EXISTS (SELECT 1 FROM ra_assignment a JOIN ra_status s ON s.year = a.year AND s.agency_id = a.agency_id
             WHERE a.year = NEW.year AND a.item_code = NEW.code AND s.table_code = NEW.table_code
             AND s.state IN ('approved', 'sent'))
  OR EXISTS (SELECT 1 FROM ra_item i JOIN ra_locked_item l ON l.year = i.year AND l.item_code = i.code
             WHERE i.rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_item_locked_update BEFORE UPDATE ON ra_item
WHEN EXISTS (SELECT 1 FROM ra_locked_item WHERE year = OLD.year AND item_code = OLD.code)
  OR EXISTS (SELECT 1 FROM ra_locked_item WHERE year = NEW.year AND item_code = NEW.code)
  OR EXISTS (SELECT 1 FROM ra_assignment a JOIN ra_status s ON s.year = a.year AND s.agency_id = a.agency_id
             WHERE a.year = NEW.year AND a.item_code = NEW.code AND s.table_code = NEW.table_code
             AND s.state IN ('approved', 'sent'))
  OR (NEW.rowid IS NOT OLD.rowid AND EXISTS (
        SELECT 1 FROM ra_item i JOIN ra_locked_item l ON l.year = i.year AND l.item_code = i.code
        WHERE i.rowid = NEW.rowid))
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_item_locked_delete BEFORE DELETE ON ra_item
WHEN EXISTS (SELECT 1 FROM ra_locked_item WHERE year = OLD.year AND item_code = OLD.code)
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

-- ra_table: a table with an approved (or sent) part.
CREATE TRIGGER ra_table_locked_insert BEFORE INSERT ON ra_table
WHEN EXISTS (SELECT 1 FROM ra_status WHERE year = NEW.year AND table_code = NEW.code AND state IN ('approved', 'sent'))
  OR EXISTS (SELECT 1 FROM ra_table t JOIN ra_status s ON s.year = t.year AND s.table_code = t.code
             WHERE t.rowid = NEW.rowid AND s.state IN ('approved', 'sent'))
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_table_locked_update BEFORE UPDATE ON ra_table
WHEN EXISTS (SELECT 1 FROM ra_status WHERE year = OLD.year AND table_code = OLD.code AND state IN ('approved', 'sent'))
  OR EXISTS (SELECT 1 FROM ra_status WHERE year = NEW.year AND table_code = NEW.code AND state IN ('approved', 'sent'))
  OR (NEW.rowid IS NOT OLD.rowid AND EXISTS (
        SELECT 1 FROM ra_table t JOIN ra_status s ON s.year = t.year AND s.table_code = t.code
        WHERE t.rowid = NEW.rowid AND s.state IN ('approved', 'sent')))
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_table_locked_delete BEFORE DELETE ON ra_table
WHEN EXISTS (SELECT 1 FROM ra_status WHERE year = OLD.year AND table_code = OLD.code AND state IN ('approved', 'sent'))
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

-- ra_template: the template of a year with an approved (or sent) part (its year is its rowid).
CREATE TRIGGER ra_template_locked_insert BEFORE INSERT ON ra_template
WHEN EXISTS (SELECT 1 FROM ra_status WHERE year = NEW.year AND state IN ('approved', 'sent'))
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_template_locked_update BEFORE UPDATE ON ra_template
WHEN EXISTS (SELECT 1 FROM ra_status WHERE year IN (OLD.year, NEW.year) AND state IN ('approved', 'sent'))
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

CREATE TRIGGER ra_template_locked_delete BEFORE DELETE ON ra_template
WHEN EXISTS (SELECT 1 FROM ra_status WHERE year = OLD.year AND state IN ('approved', 'sent'))
BEGIN SELECT RAISE(ABORT, 'ra_value_locked'); END;

------------------------------------------------------------------------------------------
-- Evaluation: a year is locked while an approval of it is not reopened (ev_locked_year).
------------------------------------------------------------------------------------------

-- ev_approval: 0003 keeps the snapshot's columns final. An approval is never deleted or
-- replaced, is born locked, is reopened once and only through the app (rule 3 above), and a
-- reopening is never undone: approving again makes a new version.
CREATE TRIGGER ev_approval_no_delete BEFORE DELETE ON ev_approval
BEGIN SELECT RAISE(ABORT, 'ev.approval_immutable'); END;

CREATE TRIGGER ev_approval_no_replace BEFORE INSERT ON ev_approval
WHEN EXISTS (SELECT 1 FROM ev_approval WHERE id = NEW.id OR (year = NEW.year AND version = NEW.version))
  OR NEW.reopened_at IS NOT NULL OR NEW.reopened_by IS NOT NULL OR NEW.reopen_reason IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ev.approval_immutable'); END;

CREATE TRIGGER ev_approval_id_is_final BEFORE UPDATE ON ev_approval
WHEN NEW.id IS NOT OLD.id
BEGIN SELECT RAISE(ABORT, 'ev.approval_immutable'); END;

CREATE TRIGGER ev_approval_reopening_is_final BEFORE UPDATE ON ev_approval
WHEN OLD.reopened_at IS NOT NULL
  OR (NEW.reopened_at IS NULL AND (NEW.reopened_by IS NOT NULL OR NEW.reopen_reason IS NOT NULL))
BEGIN SELECT RAISE(ABORT, 'ev.approval_immutable'); END;

CREATE TRIGGER ev_approval_reopen_needs_reason BEFORE UPDATE ON ev_approval
WHEN OLD.reopened_at IS NULL AND NEW.reopened_at IS NOT NULL
 AND (length(trim(NEW.reopened_at)) = 0
   OR length(trim(coalesce(NEW.reopen_reason, ''))) = 0
   OR NOT EXISTS (
        SELECT 1 FROM (SELECT entity, entity_key, action, reason FROM audit_log ORDER BY id DESC LIMIT 1) AS last
        WHERE last.entity = 'ev_approval' AND last.action = 'reopen'
          AND last.entity_key = CAST(OLD.year AS TEXT) AND last.reason = NEW.reopen_reason))
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

-- ev_score (0003 guards INSERT into a locked year and UPDATE of its rows): DELETE,
-- REPLACE onto a locked row's id, an UPDATE that moves a row into a locked year or onto its id.
CREATE TRIGGER ev_score_locked_delete BEFORE DELETE ON ev_score
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_score_locked_replace BEFORE INSERT ON ev_score
WHEN EXISTS (SELECT 1 FROM ev_score s JOIN ev_locked_year l ON l.year = s.year WHERE s.id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_score_locked_move BEFORE UPDATE ON ev_score
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
  OR (NEW.id IS NOT OLD.id
      AND EXISTS (SELECT 1 FROM ev_score s JOIN ev_locked_year l ON l.year = s.year WHERE s.id = NEW.id))
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

-- ev_objection: what the agency filed never changes (0003), not even by REPLACE, in any year.
CREATE TRIGGER ev_objection_no_replace BEFORE INSERT ON ev_objection
WHEN EXISTS (SELECT 1 FROM ev_objection WHERE id = NEW.id
             OR (year = NEW.year AND agency_id = NEW.agency_id AND indicator_code = NEW.indicator_code))
BEGIN SELECT RAISE(ABORT, 'ev.objection_immutable'); END;

CREATE TRIGGER ev_objection_id_is_final BEFORE UPDATE ON ev_objection
WHEN NEW.id IS NOT OLD.id
BEGIN SELECT RAISE(ABORT, 'ev.objection_immutable'); END;

-- ev_indicator (0003 guards INSERT, UPDATE and DELETE by year): moving a row into a locked
-- year, and REPLACE or UPDATE onto a locked row's rowid.
CREATE TRIGGER ev_indicator_locked_replace BEFORE INSERT ON ev_indicator
WHEN EXISTS (SELECT 1 FROM ev_indicator i JOIN ev_locked_year l ON l.year = i.year WHERE i.rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_indicator_locked_move BEFORE UPDATE ON ev_indicator
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
  OR (NEW.rowid IS NOT OLD.rowid
      AND EXISTS (SELECT 1 FROM ev_indicator i JOIN ev_locked_year l ON l.year = i.year WHERE i.rowid = NEW.rowid))
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

-- ev_measure, ev_applies, ev_axis: the rest of the locked year's catalog.
CREATE TRIGGER ev_measure_locked_insert BEFORE INSERT ON ev_measure
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
  OR EXISTS (SELECT 1 FROM ev_measure m JOIN ev_locked_year l ON l.year = m.year WHERE m.rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_measure_locked_update BEFORE UPDATE ON ev_measure
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year IN (OLD.year, NEW.year))
  OR (NEW.rowid IS NOT OLD.rowid
      AND EXISTS (SELECT 1 FROM ev_measure m JOIN ev_locked_year l ON l.year = m.year WHERE m.rowid = NEW.rowid))
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_measure_locked_delete BEFORE DELETE ON ev_measure
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_applies_locked_insert BEFORE INSERT ON ev_applies
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
  OR EXISTS (SELECT 1 FROM ev_applies a JOIN ev_locked_year l ON l.year = a.year WHERE a.rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_applies_locked_update BEFORE UPDATE ON ev_applies
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year IN (OLD.year, NEW.year))
  OR (NEW.rowid IS NOT OLD.rowid
      AND EXISTS (SELECT 1 FROM ev_applies a JOIN ev_locked_year l ON l.year = a.year WHERE a.rowid = NEW.rowid))
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_applies_locked_delete BEFORE DELETE ON ev_applies
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_axis_locked_insert BEFORE INSERT ON ev_axis
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
  OR EXISTS (SELECT 1 FROM ev_axis x JOIN ev_locked_year l ON l.year = x.year WHERE x.rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_axis_locked_update BEFORE UPDATE ON ev_axis
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year IN (OLD.year, NEW.year))
  OR (NEW.rowid IS NOT OLD.rowid
      AND EXISTS (SELECT 1 FROM ev_axis x JOIN ev_locked_year l ON l.year = x.year WHERE x.rowid = NEW.rowid))
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_axis_locked_delete BEFORE DELETE ON ev_axis
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

-- ev_year: a locked year's settings (scale, weights, tiers) and the year itself. The
-- province's national rank (province_rank, province_count) comes after the approval and
-- stays writable.
CREATE TRIGGER ev_year_locked_insert BEFORE INSERT ON ev_year
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_year_locked_update BEFORE UPDATE ON ev_year
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year IN (OLD.year, NEW.year))
 AND (NEW.year IS NOT OLD.year OR NEW.settings IS NOT OLD.settings OR NEW.created_at IS NOT OLD.created_at)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;

CREATE TRIGGER ev_year_locked_delete BEFORE DELETE ON ev_year
WHEN EXISTS (SELECT 1 FROM ev_locked_year WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'ev.year_locked'); END;
