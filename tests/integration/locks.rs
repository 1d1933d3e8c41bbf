//! Raw SQL against every lock (migration 0005): python3's own sqlite3 module opens a copy of
//! a province file and tries each statement a tester found or a sibling of it, once with the
//! default pragmas and once with recursive_triggers and foreign_keys on. Each is refused, and
//! what the core reads, the audit log and every table are unchanged afterwards. The app's own
//! path (reopen with a reason, change, approve again) still works.

use crate::common;
use daftar::accounts::review::{self, ReviewState};
use daftar::accounts::{template_of, values};
use daftar::evaluation::scoring::ScoreInput;
use daftar::evaluation::simulate::{play_year, Until};
use daftar::evaluation::{approval, catalog, hq, objections, results, scores, settings_of};
use daftar::fa::JalaliDate;
use daftar::store::Store;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ACTOR: &str = "آزمون";

/// Each case is a list of statements run in one transaction, committed if all pass. The
/// answer per case: what happened under each set of pragmas ("done", or "refused: <error>").
const HARNESS: &str = r#"
import json, sqlite3, sys
path = sys.argv[1]
answers = []
for case in json.load(sys.stdin):
    outcome = []
    for pragmas in ([], ["PRAGMA recursive_triggers = ON", "PRAGMA foreign_keys = ON"]):
        con = sqlite3.connect(path, isolation_level=None)
        for pragma in pragmas:
            con.execute(pragma)
        con.execute("BEGIN")
        try:
            for statement in case:
                con.execute(statement)
            con.execute("COMMIT")
            outcome.append("done")
        except sqlite3.DatabaseError as e:
            try:
                con.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass
            outcome.append("refused: " + str(e))
        con.close()
    answers.append(outcome)
print(json.dumps(answers))
"#;

/// Run `cases` with python3's sqlite3 on the file at `path` (no Store may hold it open).
fn python(path: &Path, cases: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(HARNESS)
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child.stdin.take().unwrap().write_all(serde_json::to_string(cases).unwrap().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python3: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A statement (or a few, in one transaction) and the error code its refusal must carry.
struct Attempt {
    sql: Vec<String>,
    code: &'static str,
}

fn refused(code: &'static str, sql: impl Into<String>) -> Attempt {
    Attempt { sql: vec![sql.into()], code }
}

/// Every attempt is refused with its code under both sets of pragmas, and `seen` (what the
/// core reads, plus every table) is the same before and after.
fn assert_all_refused(path: &Path, seen: impl Fn(&Path) -> String, attempts: &[Attempt]) {
    let before = seen(path);
    let cases: Vec<Vec<String>> = attempts.iter().map(|a| a.sql.clone()).collect();
    let answers = python(path, &cases);
    for (attempt, outcome) in attempts.iter().zip(&answers) {
        for answer in outcome {
            assert!(
                answer.starts_with("refused") && answer.contains(attempt.code),
                "{:?} should be refused with {}, but: {answer}",
                attempt.sql,
                attempt.code
            );
        }
    }
    assert_eq!(seen(path), before, "a refused statement changed nothing");
}

/// Every statement goes through (a control: the harness can write to the file).
fn assert_all_done(path: &Path, statements: &[String]) {
    let answers = python(path, &statements.iter().map(|s| vec![s.clone()]).collect::<Vec<_>>());
    for (sql, outcome) in statements.iter().zip(answers) {
        assert!(outcome.iter().all(|a| a == "done"), "{sql}: {outcome:?}");
    }
}

/// Every row of every table, in rowid order: whatever a refused statement might have touched.
fn tables(conn: &rusqlite::Connection) -> String {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for name in names {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\" ORDER BY rowid")).unwrap();
        let width = stmt.column_count();
        let rows: Vec<Vec<rusqlite::types::Value>> =
            stmt.query_map([], |r| (0..width).map(|i| r.get(i)).collect()).unwrap().collect::<Result<_, _>>().unwrap();
        out.push_str(&format!("{name}: {rows:?}\n"));
    }
    out
}

fn audit(store: &Store) -> String {
    serde_json::to_string(&store.audit_log(u32::MAX).unwrap()).unwrap()
}

fn open(path: &Path) -> Store {
    Store::open(path, ACTOR).unwrap()
}

fn id(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

// ------------------------------------------------------------------------------------------
// Regional accounts: the demo province with agency 203's tables approved.
// ------------------------------------------------------------------------------------------

struct Accounts {
    _dir: tempfile::TempDir,
    path: PathBuf,
    /// Agency 203's id, one of its (approved) items, that item's table and current value's id.
    agency_id: i64,
    item: String,
    table: String,
    value_id: i64,
    /// An item of another agency in the same table, not approved, and its current value's id.
    free_item: String,
    free_value_id: i64,
}

fn approved_accounts() -> Accounts {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    daftar::demo::build(&path, &common::fixtures(), false, ACTOR).unwrap();
    let mut store = open(&path);
    review::approve(&mut store, 1403, "203", None).unwrap();
    let template = template_of(&store, 1403).unwrap();
    let conn = store.conn();
    let current = values::current_values(conn, 1403).unwrap();
    let item = template.items.iter().find(|i| i.agency_code.as_deref() == Some("203")).unwrap().clone();
    let free = template
        .items
        .iter()
        .find(|i| {
            i.table_code == item.table_code
                && i.agency_code.as_deref().is_some_and(|a| a != "203")
                && current.contains_key(&i.code)
        })
        .unwrap()
        .clone();
    let value_of = |code: &str| {
        id(conn, &format!("SELECT id FROM ra_value WHERE year = 1403 AND item_code = '{code}' AND current = 1"))
    };
    let accounts = Accounts {
        agency_id: id(conn, "SELECT id FROM agency WHERE code = '203'"),
        value_id: value_of(&item.code),
        free_value_id: value_of(&free.code),
        item: item.code,
        table: item.table_code,
        free_item: free.code,
        path: path.clone(),
        _dir: dir,
    };
    drop(store);
    accounts
}

fn state(store: &Store, agency: &str, table: &str) -> Option<ReviewState> {
    let board = review::dashboard(store, 1403).unwrap();
    board.agencies.iter().find(|a| a.agency_code == agency)?.tables.iter().find(|t| t.table_code == table)?.state
}

/// What the core reads of the year's accounts, the audit log, and every table.
fn accounts_seen(path: &Path) -> String {
    let store = open(path);
    let dashboard = serde_json::to_string(&review::dashboard(&store, 1403).unwrap()).unwrap();
    let template = serde_json::to_string(&template_of(&store, 1403).unwrap()).unwrap();
    let values: BTreeMap<_, _> = values::current_values(store.conn(), 1403).unwrap().into_iter().collect();
    format!("{dashboard}\n{template}\n{values:?}\n{}\n{}", audit(&store), tables(store.conn()))
}

const LOCKED: &str = "ra_value_locked";

#[test]
fn an_approved_part_keeps_its_status_in_raw_sql() {
    let a = approved_accounts();
    let key = format!("year = 1403 AND agency_id = {} AND table_code = '{}'", a.agency_id, a.table);
    let other_part = format!("year = 1403 AND agency_id <> {} AND table_code = '{}'", a.agency_id, a.table);
    let attempts = [
        // The tester's: set it back to received (then values could change and it be set back).
        refused(LOCKED, format!("UPDATE ra_status SET state = 'received' WHERE {key}")),
        refused(LOCKED, format!("UPDATE ra_status SET state = 'checked', changed_by = 'x' WHERE {key}")),
        refused(LOCKED, format!("DELETE FROM ra_status WHERE {key}")),
        refused(
            LOCKED,
            format!("INSERT OR REPLACE INTO ra_status VALUES (1403, {}, '{}', 'received', 'x', 'y')", a.agency_id, a.table),
        ),
        refused(
            LOCKED,
            format!(
                "INSERT INTO ra_status VALUES (1403, {}, '{}', 'approved', 'x', 'y') ON CONFLICT DO UPDATE SET state = 'requested'",
                a.agency_id, a.table
            ),
        ),
        refused(LOCKED, format!("UPDATE ra_status SET table_code = 'T99' WHERE {key}")),
        // Another part moved onto it, replacing it; a REPLACE onto its rowid.
        refused(
            LOCKED,
            format!(
                "UPDATE OR REPLACE ra_status SET agency_id = {} WHERE rowid = (SELECT rowid FROM ra_status WHERE {other_part} LIMIT 1)",
                a.agency_id
            ),
        ),
        refused(
            LOCKED,
            format!(
                "REPLACE INTO ra_status (rowid, year, agency_id, table_code, state, changed_at, changed_by)
                 VALUES ((SELECT rowid FROM ra_status WHERE {key}), 1403, {}, 'T99', 'received', 'x', 'y')",
                a.agency_id
            ),
        ),
        // A forged reopening whose audit row is not the latest one.
        Attempt {
            sql: vec![
                format!(
                    "INSERT INTO audit_log (at, actor, entity, entity_key, action, reason)
                     VALUES ('x', 'x', 'ra_status', '1403/203/{}', 'reopen', 'x')",
                    a.table
                ),
                "INSERT INTO audit_log (at, actor, entity, entity_key, action) VALUES ('x', 'x', 'x', 'x', 'x')".into(),
                format!("UPDATE ra_status SET state = 'checked' WHERE {key}"),
            ],
            code: LOCKED,
        },
    ];
    assert_all_refused(&a.path, accounts_seen, &attempts);
    // A part not approved moves as the review moves it (the harness can write).
    assert_all_done(&a.path, &[format!("UPDATE ra_status SET changed_by = changed_by WHERE {other_part}")]);

    // The app's path: reopen with a reason (audited), change, approve again; locked again.
    let mut store = open(&a.path);
    assert_eq!(state(&store, "203", &a.table), Some(ReviewState::Approved));
    review::reopen(&mut store, 1403, "203", &a.table, "اصلاح رقم به درخواست دستگاه").unwrap();
    assert_eq!(state(&store, "203", &a.table), Some(ReviewState::Checked));
    let reopen = store.audit_log(1).unwrap().remove(0);
    assert_eq!((reopen.action.as_str(), reopen.reason.as_deref()), ("reopen", Some("اصلاح رقم به درخواست دستگاه")));
    values::enter_value(&mut store, 1403, &a.item, "۴۲", "اصلاح پس از بازگشایی").unwrap();
    review::approve(&mut store, 1403, "203", Some(&a.table)).unwrap();
    assert_eq!(state(&store, "203", &a.table), Some(ReviewState::Approved));
    assert_eq!(values::current_values(store.conn(), 1403).unwrap()[&a.item].number, Some(42.0));
    drop(store);
    // The reopening's audit row does not open the part a second time.
    assert_all_refused(
        &a.path,
        accounts_seen,
        &[
            refused(LOCKED, format!("UPDATE ra_status SET state = 'checked' WHERE {key}")),
            refused(LOCKED, format!("UPDATE ra_value SET value_num = 1 WHERE id = (SELECT id FROM ra_value WHERE year = 1403 AND item_code = '{}' AND current = 1)", a.item)),
        ],
    );
}

#[test]
fn an_approved_items_supplier_stays_in_raw_sql() {
    let a = approved_accounts();
    let attempts = [
        refused(LOCKED, format!("DELETE FROM ra_assignment WHERE year = 1403 AND item_code = '{}'", a.item)),
        refused(
            LOCKED,
            format!(
                "UPDATE ra_assignment SET agency_id = agency_id + 1 WHERE year = 1403 AND item_code = '{}'",
                a.item
            ),
        ),
        refused(
            LOCKED,
            format!(
                "INSERT OR REPLACE INTO ra_assignment VALUES (1403, '{}', (SELECT id FROM agency WHERE code = '204'))",
                a.item
            ),
        ),
        refused(
            LOCKED,
            format!(
                "INSERT INTO ra_assignment VALUES (1403, '{}', {}) ON CONFLICT DO UPDATE SET agency_id = agency_id + 1",
                a.item, a.agency_id
            ),
        ),
        refused(
            LOCKED,
            format!(
                "UPDATE OR REPLACE ra_assignment SET item_code = '{}' WHERE year = 1403 AND item_code = '{}'",
                a.item, a.free_item
            ),
        ),
        refused(
            LOCKED,
            format!(
                "REPLACE INTO ra_assignment (rowid, year, item_code, agency_id)
                 VALUES ((SELECT rowid FROM ra_assignment WHERE year = 1403 AND item_code = '{}'), 1403, 'NEW', {})",
                a.item, a.agency_id
            ),
        ),
    ];
    assert_all_refused(&a.path, accounts_seen, &attempts);
    assert_all_done(
        &a.path,
        &[format!(
            "UPDATE ra_assignment SET agency_id = agency_id WHERE year = 1403 AND item_code = '{}'",
            a.free_item
        )],
    );
}

#[test]
fn an_approved_tables_items_table_and_template_stay_in_raw_sql() {
    let a = approved_accounts();
    let item = format!("year = 1403 AND code = '{}'", a.item);
    let table = format!("year = 1403 AND code = '{}'", a.table);
    let attempts = [
        refused(LOCKED, format!("UPDATE ra_item SET row_label = 'x' WHERE {item}")),
        refused(LOCKED, format!("UPDATE ra_item SET table_code = 'T01' WHERE {item}")),
        refused(LOCKED, format!("UPDATE ra_item SET code = 'X' WHERE {item}")),
        refused(LOCKED, format!("DELETE FROM ra_item WHERE {item}")),
        refused(
            LOCKED,
            format!(
                "INSERT OR REPLACE INTO ra_item (year, code, table_code, row_label, kind, position)
                 VALUES (1403, '{}', 'T01', 'x', 'number', 0)",
                a.item
            ),
        ),
        refused(
            LOCKED,
            format!("UPDATE OR REPLACE ra_item SET code = '{}' WHERE year = 1403 AND code = '{}'", a.item, a.free_item),
        ),
        refused(
            LOCKED,
            format!(
                "REPLACE INTO ra_item (rowid, year, code, table_code, row_label, kind, position)
                 VALUES ((SELECT rowid FROM ra_item WHERE {item}), 1403, 'NEW', 'T01', 'x', 'number', 0)"
            ),
        ),
        // An item added into the approved part (its supplier assigned first).
        Attempt {
            sql: vec![
                format!("INSERT INTO ra_assignment VALUES (1403, 'NEW.ITEM', {})", a.agency_id),
                format!(
                    "INSERT INTO ra_item (year, code, table_code, row_label, kind, position) VALUES (1403, 'NEW.ITEM', '{}', 'x', 'number', 0)",
                    a.table
                ),
            ],
            code: LOCKED,
        },
        refused(LOCKED, format!("UPDATE ra_table SET title = 'x' WHERE {table}")),
        refused(LOCKED, format!("DELETE FROM ra_table WHERE {table}")),
        refused(LOCKED, format!("INSERT OR REPLACE INTO ra_table (year, code, title, position) VALUES (1403, '{}', 'x', 0)", a.table)),
        refused(LOCKED, "UPDATE ra_template SET version = 'x' WHERE year = 1403"),
        refused(LOCKED, "DELETE FROM ra_template WHERE year = 1403"),
        refused(
            LOCKED,
            "INSERT OR REPLACE INTO ra_template VALUES (1403, 'x', 'x', 'x', 'x', 'x', 'x')",
        ),
    ];
    assert_all_refused(&a.path, accounts_seen, &attempts);
    assert_all_done(
        &a.path,
        &[format!("UPDATE ra_item SET row_label = row_label WHERE year = 1403 AND code = '{}'", a.free_item)],
    );

    // The app refuses a template revision with the same sentence while a table is approved.
    let mut store = open(&a.path);
    let err =
        daftar::accounts::import_template(&mut store, &common::fixtures().join("accounts/template-1403-rev2.xlsx"))
            .unwrap_err();
    assert!(matches!(err, daftar::accounts::AccountsError::Locked), "{err}");
}

#[test]
fn an_approved_value_cannot_be_replaced_or_moved_onto_in_raw_sql() {
    let a = approved_accounts();
    let attempts = [
        refused(LOCKED, format!("UPDATE ra_value SET value_num = 1 WHERE id = {}", a.value_id)),
        refused(LOCKED, format!("DELETE FROM ra_value WHERE id = {}", a.value_id)),
        // REPLACE onto its id with another item's value: the implicit delete fires no trigger.
        refused(
            LOCKED,
            format!(
                "INSERT OR REPLACE INTO ra_value (id, year, item_code, value_num, source, entered_at, entered_by)
                 VALUES ({}, 1403, '{}', 1, 'manual', 'x', 'x')",
                a.value_id, a.free_item
            ),
        ),
        refused(LOCKED, format!("UPDATE OR REPLACE ra_value SET id = {} WHERE id = {}", a.value_id, a.free_value_id)),
        refused(
            LOCKED,
            format!("UPDATE OR REPLACE ra_value SET item_code = '{}' WHERE id = {}", a.item, a.free_value_id),
        ),
        refused(
            LOCKED,
            format!(
                "INSERT OR REPLACE INTO ra_value (year, item_code, value_num, source, entered_at, entered_by)
                 VALUES (1403, '{}', 1, 'manual', 'x', 'x')",
                a.item
            ),
        ),
    ];
    assert_all_refused(&a.path, accounts_seen, &attempts);
    assert_all_done(&a.path, &[format!("UPDATE ra_value SET note = note WHERE id = {}", a.free_value_id)]);
}

#[test]
fn the_audit_log_is_append_only_against_any_statement() {
    let a = approved_accounts();
    let store = open(&a.path);
    let first = id(store.conn(), "SELECT min(id) FROM audit_log");
    let last = id(store.conn(), "SELECT max(id) FROM audit_log");
    drop(store);
    let append_only = "audit_log is append-only";
    let attempts = [
        refused(
            append_only,
            format!(
                "INSERT OR REPLACE INTO audit_log (id, at, actor, entity, entity_key, action) VALUES ({first}, 'x', 'x', 'x', 'x', 'x')"
            ),
        ),
        refused(
            append_only,
            format!("REPLACE INTO audit_log (id, at, actor, entity, entity_key, action) VALUES ({last}, 'x', 'x', 'x', 'x', 'x')"),
        ),
        refused(
            append_only,
            format!(
                "INSERT INTO audit_log (id, at, actor, entity, entity_key, action) VALUES ({first}, 'x', 'x', 'x', 'x', 'x')
                 ON CONFLICT (id) DO UPDATE SET actor = 'x'"
            ),
        ),
        refused(append_only, format!("UPDATE OR REPLACE audit_log SET id = {first} WHERE id = {last}")),
        refused(append_only, format!("UPDATE audit_log SET reason = 'x' WHERE id = {last}")),
        refused(append_only, "DELETE FROM audit_log"),
    ];
    assert_all_refused(&a.path, accounts_seen, &attempts);
    // Appending stays open to anyone (the app, and raw SQL alike).
    let before = open(&a.path).audit_log(u32::MAX).unwrap().len();
    assert_all_done(
        &a.path,
        &["INSERT OR REPLACE INTO audit_log (at, actor, entity, entity_key, action) VALUES ('x', 'x', 'x', 'x', 'x')"
            .into()],
    );
    // Once under each set of pragmas.
    assert_eq!(open(&a.path).audit_log(u32::MAX).unwrap().len(), before + 2);
}

// ------------------------------------------------------------------------------------------
// Evaluation: 1403 played to the council's approval (and the festival).
// ------------------------------------------------------------------------------------------

const START: &str = "1404/01/15";

fn d(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

fn approved_year() -> (tempfile::TempDir, PathBuf) {
    let (dir, mut store) = common::demo_store();
    let work = dir.path().join("work");
    play_year(&mut store, &common::fixtures(), 1403, d(START), Until::Festival, &work).unwrap();
    let path = store.path().to_path_buf();
    drop(store);
    (dir, path)
}

fn phase_day(store: &Store, code: &str) -> JalaliDate {
    let phase = daftar::evaluation::phases::phases(store.conn(), 1403, d(START))
        .unwrap()
        .into_iter()
        .find(|p| p.code == code)
        .unwrap();
    d(&phase.starts_on)
}

/// What the core reads of the year's evaluation, the audit log, and every table.
fn evaluation_seen(path: &Path) -> String {
    let store = open(path);
    let conn = store.conn();
    let approvals = serde_json::to_string(&approval::approvals(conn, 1403).unwrap()).unwrap();
    let approved = serde_json::to_string(&approval::approved_results(conn, 1403).unwrap()).unwrap();
    let computed = serde_json::to_string(&results::results(conn, 1403, results::Basis::Final).unwrap()).unwrap();
    let settings = serde_json::to_string(&settings_of(conn, 1403).unwrap()).unwrap();
    let catalog = serde_json::to_string(&catalog::catalog_of(conn, 1403).unwrap()).unwrap();
    let objections = serde_json::to_string(&objections::objections(conn, 1403).unwrap()).unwrap();
    let evaluator: BTreeMap<_, _> =
        scores::current_scores(conn, 1403, scores::Stage::Evaluator).unwrap().into_iter().collect();
    let locked = daftar::evaluation::is_locked(conn, 1403).unwrap();
    format!(
        "{locked}\n{approvals}\n{approved}\n{computed}\n{settings}\n{catalog}\n{objections}\n{evaluator:?}\n{}\n{}",
        audit(&store),
        tables(conn)
    )
}

const YEAR_LOCKED: &str = "ev.year_locked";
const APPROVAL_FINAL: &str = "ev.approval_immutable";

#[test]
fn an_approval_is_reopened_only_through_the_app_and_never_undone() {
    let (_dir, path) = approved_year();
    let attempts = [
        // The tester's: lift the lock by setting reopened_at (and clear it afterwards).
        refused(YEAR_LOCKED, "UPDATE ev_approval SET reopened_at = '2025-01-01T00:00:00' WHERE year = 1403"),
        refused(
            YEAR_LOCKED,
            "UPDATE ev_approval SET reopened_at = '2025-01-01T00:00:00', reopened_by = 'x', reopen_reason = 'x' WHERE year = 1403",
        ),
        // A forged audit row with another reason than the approval's.
        Attempt {
            sql: vec![
                "INSERT INTO audit_log (at, actor, entity, entity_key, action, reason) VALUES ('x', 'x', 'ev_approval', '1403', 'reopen', 'a')".into(),
                "UPDATE ev_approval SET reopened_at = 'x', reopened_by = 'x', reopen_reason = 'b' WHERE year = 1403".into(),
            ],
            code: YEAR_LOCKED,
        },
        refused(APPROVAL_FINAL, "DELETE FROM ev_approval WHERE year = 1403"),
        refused(
            APPROVAL_FINAL,
            "INSERT OR REPLACE INTO ev_approval (id, year, version, approved_on, results, content_hash, approved_at, approved_by)
             SELECT id, year, version, approved_on, results, content_hash, approved_at, approved_by FROM ev_approval WHERE year = 1403",
        ),
        refused(
            APPROVAL_FINAL,
            "INSERT OR REPLACE INTO ev_approval (year, version, approved_on, results, content_hash, approved_at, approved_by)
             VALUES (1403, 1, 'x', '[]', 'x', 'x', 'x')",
        ),
        refused(APPROVAL_FINAL, "UPDATE ev_approval SET id = id + 100 WHERE year = 1403"),
        refused(APPROVAL_FINAL, "UPDATE ev_approval SET reopened_by = 'x' WHERE year = 1403"),
    ];
    assert_all_refused(&path, evaluation_seen, &attempts);

    // The app's path: reopen with a reason, change a score, approve again as version 2.
    let mut store = open(&path);
    approval::reopen(&mut store, 1403, "اصلاح امتیاز شاخص G01 به دستور شورا").unwrap();
    assert!(!daftar::evaluation::is_locked(store.conn(), 1403).unwrap());
    let council = phase_day(&store, "council");
    // The evaluation phase has ended by the council's day: it is reopened, with a reason, to rescore.
    daftar::evaluation::phases::reopen(&mut store, 1403, "evaluation", "اصلاح پس از بازگشایی", council, council)
        .unwrap();
    scores::score_indicator(&mut store, 1403, "101", "G01", &ScoreInput::Points { points: 55.0 }, "مستندات", council)
        .unwrap();
    let second = approval::approve(&mut store, 1403, "جلسهٔ ۴", council).unwrap();
    assert_eq!(second.version, 2);
    let all = approval::approvals(store.conn(), 1403).unwrap();
    assert_eq!(all[0].reopen_reason.as_deref(), Some("اصلاح امتیاز شاخص G01 به دستور شورا"));
    drop(store);

    // A reopening is never undone, and version 2 locks the year again.
    assert_all_refused(
        &path,
        evaluation_seen,
        &[
            refused(
                APPROVAL_FINAL,
                "UPDATE ev_approval SET reopened_at = NULL, reopened_by = NULL, reopen_reason = NULL WHERE version = 1",
            ),
            refused(APPROVAL_FINAL, "UPDATE ev_approval SET reopen_reason = 'x' WHERE version = 1"),
            refused(
                YEAR_LOCKED,
                "UPDATE ev_approval SET reopened_at = 'x', reopened_by = 'x', reopen_reason = 'x' WHERE version = 2",
            ),
            refused(YEAR_LOCKED, "DELETE FROM ev_score WHERE year = 1403"),
        ],
    );
}

#[test]
fn a_locked_years_scores_and_objections_stay_in_raw_sql() {
    let (_dir, path) = approved_year();
    let store = open(&path);
    let score = id(store.conn(), "SELECT min(id) FROM ev_score WHERE year = 1403");
    let objection = id(store.conn(), "SELECT min(id) FROM ev_objection WHERE year = 1403");
    drop(store);
    let attempts = [
        // The tester's.
        refused(YEAR_LOCKED, "DELETE FROM ev_score WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_score SET score = 0 WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_score SET year = 1402 WHERE year = 1403"),
        // REPLACE onto a score's id, with a row of another year.
        refused(
            YEAR_LOCKED,
            format!(
                "INSERT OR REPLACE INTO ev_score (id, year, agency_id, indicator_code, stage, input, score, entered_at, entered_by)
                 SELECT id, 1402, agency_id, indicator_code, stage, input, 0, entered_at, entered_by FROM ev_score WHERE id = {score}"
            ),
        ),
        refused(
            YEAR_LOCKED,
            "INSERT OR REPLACE INTO ev_score (year, agency_id, indicator_code, stage, input, score, entered_at, entered_by)
             SELECT year, agency_id, indicator_code, stage, input, 0, entered_at, entered_by FROM ev_score WHERE current = 1 LIMIT 1",
        ),
        refused("ev.objection_immutable", format!("DELETE FROM ev_objection WHERE id = {objection}")),
        refused(
            "ev.objection_immutable",
            format!(
                "INSERT OR REPLACE INTO ev_objection (id, year, agency_id, indicator_code, reason, filed_on, filed_at, filed_by)
                 SELECT id, 1402, agency_id, indicator_code, 'x', filed_on, filed_at, filed_by FROM ev_objection WHERE id = {objection}"
            ),
        ),
        refused("ev.objection_immutable", format!("UPDATE ev_objection SET id = id + 1000 WHERE id = {objection}")),
        refused(YEAR_LOCKED, format!("UPDATE ev_objection SET decision = 'accepted' WHERE id = {objection}")),
    ];
    assert_all_refused(&path, evaluation_seen, &attempts);
    // Deciding stays open in a year that is not locked (the harness can write to the file).
    assert_all_done(&path, &["UPDATE ev_objection SET decided_by = decided_by WHERE year = 1402".into()]);
}

#[test]
fn a_locked_years_catalog_stays_in_raw_sql() {
    let (_dir, path) = approved_year();
    let attempts = [
        // The tester's: ev_applies and ev_measure.
        refused(YEAR_LOCKED, "DELETE FROM ev_applies WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_applies SET agency_id = agency_id + 1 WHERE year = 1403"),
        refused(
            YEAR_LOCKED,
            "INSERT INTO ev_applies SELECT year, indicator_code, (SELECT max(id) FROM agency) FROM ev_applies WHERE year = 1403 LIMIT 1",
        ),
        refused(YEAR_LOCKED, "INSERT OR REPLACE INTO ev_applies SELECT * FROM ev_applies WHERE year = 1403 LIMIT 1"),
        refused(YEAR_LOCKED, "UPDATE ev_measure SET weight = weight * 2 WHERE year = 1403"),
        refused(YEAR_LOCKED, "DELETE FROM ev_measure WHERE year = 1403"),
        refused(
            YEAR_LOCKED,
            "INSERT OR REPLACE INTO ev_measure (year, indicator_code, code, title, weight, position)
             SELECT year, indicator_code, code, title, 99, position FROM ev_measure WHERE year = 1403 LIMIT 1",
        ),
        // REPLACE onto a locked row's rowid with a row of another year.
        refused(
            YEAR_LOCKED,
            "INSERT OR REPLACE INTO ev_measure (rowid, year, indicator_code, code, title, weight, position)
             SELECT rowid, 1402, indicator_code, code, title, weight, position FROM ev_measure WHERE year = 1403 LIMIT 1",
        ),
        refused(
            YEAR_LOCKED,
            "INSERT OR REPLACE INTO ev_indicator (rowid, year, code, kind, title, ceiling, method, position)
             SELECT rowid, 1402, code, kind, title, ceiling, method, position FROM ev_indicator WHERE year = 1403 LIMIT 1",
        ),
        refused(YEAR_LOCKED, "UPDATE ev_indicator SET ceiling = ceiling + 1 WHERE year = 1403"),
        refused(YEAR_LOCKED, "DELETE FROM ev_indicator WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_axis SET title = 'x' WHERE year = 1403"),
        refused(YEAR_LOCKED, "DELETE FROM ev_axis WHERE year = 1403"),
    ];
    assert_all_refused(&path, evaluation_seen, &attempts);
}

#[test]
fn a_locked_years_lead_scores_and_leads_stay_in_raw_sql() {
    let (_dir, path) = approved_year();
    let scores: i64 = open(&path).conn().query_row("SELECT count(*) FROM ev_lead_score", [], |r| r.get(0)).unwrap();
    assert!(scores > 0, "the play's leads replied");
    let attempts = [
        refused(YEAR_LOCKED, "UPDATE ev_lead_score SET score = 0 WHERE year = 1403"),
        refused(YEAR_LOCKED, "DELETE FROM ev_lead_score WHERE year = 1403"),
        refused(YEAR_LOCKED, "INSERT OR REPLACE INTO ev_lead_score SELECT * FROM ev_lead_score WHERE year = 1403 LIMIT 1"),
        // REPLACE onto a locked row's rowid with a row of another year.
        refused(
            YEAR_LOCKED,
            "INSERT OR REPLACE INTO ev_lead_score (rowid, year, agency_id, indicator_code, lead_agency_id, input, score, note, submission_id, cell, entered_at, entered_by)
             SELECT rowid, 1402, agency_id, indicator_code, lead_agency_id, input, 0, note, submission_id, cell, entered_at, entered_by FROM ev_lead_score WHERE year = 1403 LIMIT 1",
        ),
        refused(YEAR_LOCKED, "UPDATE ev_indicator SET lead_agency_id = NULL WHERE year = 1403"),
    ];
    assert_all_refused(&path, evaluation_seen, &attempts);
}

#[test]
fn a_locked_years_settings_stay_in_raw_sql() {
    let (_dir, path) = approved_year();
    let attempts = [
        // The tester's: the settings (scale, weights, tiers) under an approval.
        refused(YEAR_LOCKED, "UPDATE ev_year SET settings = '{}' WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_year SET settings = settings || ' ' WHERE year = 1403"),
        refused(YEAR_LOCKED, "DELETE FROM ev_year WHERE year = 1403"),
        refused(YEAR_LOCKED, "INSERT OR REPLACE INTO ev_year (year, settings, created_at) VALUES (1403, '{}', 'x')"),
        refused(YEAR_LOCKED, "UPDATE ev_year SET year = 1402 WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_year SET rowid = 1402 WHERE year = 1403"),
    ];
    assert_all_refused(&path, evaluation_seen, &attempts);
    // The province's national rank comes after the approval and stays writable.
    assert_all_done(&path, &["UPDATE ev_year SET province_rank = province_rank WHERE year = 1403".into()]);
}

/// Seed step 9: the headquarters' changes to a self-assessment lock with the year's scores.
#[test]
fn a_locked_years_headquarters_changes_stay_in_raw_sql() {
    let (_dir, path) = approved_year();
    // The app's path to a change after an approval: reopen it with a reason, reopen the
    // headquarters' phase, record the change by its letter, approve again.
    let mut store = open(&path);
    approval::reopen(&mut store, 1403, "نامهٔ دیرهنگام ستاد آموزش و پرورش").unwrap();
    let council = phase_day(&store, "council");
    daftar::evaluation::phases::reopen(&mut store, 1403, "hq_confirmation", "نامهٔ دیرهنگام ستاد", council, council)
        .unwrap();
    let points = ScoreInput::Points { points: 26.0 };
    let letter = "نامهٔ ستاد ۴۵۲۱/۵۹";
    hq::change_self_score(&mut store, 1403, "101", "G08", &points, "", letter, council).unwrap().expect("a change");
    approval::approve(&mut store, 1403, "جلسهٔ ۴", council).unwrap();
    let again = ScoreInput::Points { points: 20.0 };
    let refused_in_app =
        hq::change_self_score(&mut store, 1403, "101", "G08", &again, "", letter, council).unwrap_err();
    assert_eq!(daftar::Problem::code(&refused_in_app), "evaluation.year_locked");
    let change = id(store.conn(), "SELECT min(id) FROM ev_hq_change WHERE year = 1403");
    drop(store);

    let columns =
        "year, agency_id, indicator_code, before_score_id, after_score_id, reference, recorded_at, recorded_by";
    let another_year = format!(
        "INSERT INTO ev_hq_change ({columns}) SELECT 1402, agency_id, indicator_code, before_score_id, after_score_id,
         reference, recorded_at, recorded_by FROM ev_hq_change WHERE id = {change}"
    );
    let attempts = [
        refused(YEAR_LOCKED, "DELETE FROM ev_hq_change WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_hq_change SET reference = 'x' WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_hq_change SET after_score_id = before_score_id WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_hq_change SET year = 1402 WHERE year = 1403"),
        refused(
            YEAR_LOCKED,
            format!("INSERT INTO ev_hq_change ({columns}) SELECT {columns} FROM ev_hq_change WHERE id = {change}"),
        ),
        // REPLACE onto a locked row's id with a row of another year; moving another row onto it.
        refused(
            YEAR_LOCKED,
            format!(
                "INSERT OR REPLACE INTO ev_hq_change (id, {columns}) SELECT id, 1402, agency_id, indicator_code,
                 before_score_id, after_score_id, 'x', recorded_at, recorded_by FROM ev_hq_change WHERE id = {change}"
            ),
        ),
        Attempt {
            sql: vec![
                another_year.clone(),
                format!("UPDATE OR REPLACE ev_hq_change SET id = {change} WHERE year = 1402"),
            ],
            code: YEAR_LOCKED,
        },
    ];
    assert_all_refused(&path, evaluation_seen, &attempts);
    // A year that is not locked takes a change (the harness can write to the file).
    assert_all_done(&path, &[another_year]);
}

/// 1403 approved with an evaluator team (a committee member and a free name, two agencies):
/// reopened, the team formed, approved again.
fn approved_year_with_a_team() -> (tempfile::TempDir, PathBuf) {
    use daftar::evaluation::teams::{self, TeamInput, TeamMemberInput};
    let (dir, path) = approved_year();
    let mut store = open(&path);
    approval::reopen(&mut store, 1403, "تیم‌های ارزیاب ثبت نشده بود").unwrap();
    let chair = daftar::evaluation::committees::members(store.conn(), 1403).unwrap()[0].id;
    let members = vec![
        TeamMemberInput { committee_member_id: Some(chair), name: String::new() },
        TeamMemberInput { committee_member_id: None, name: "علی رضایی".into() },
    ];
    let team = teams::create_team(&mut store, 1403, &TeamInput { name: "تیم الف".into(), members }).unwrap();
    teams::assign(&mut store, 1403, team.id, &["101".into(), "102".into()]).unwrap();
    let council = phase_day(&store, "council");
    approval::approve(&mut store, 1403, "جلسهٔ ۴", council).unwrap();
    let e = teams::assign(&mut store, 1403, team.id, &["103".into()]).unwrap_err();
    assert!(matches!(e, daftar::evaluation::EvaluationError::YearLocked { .. }), "{e}");
    drop(store);
    (dir, path)
}

#[test]
fn a_locked_years_evaluator_teams_stay_in_raw_sql() {
    let (_dir, path) = approved_year_with_a_team();
    let attempts = [
        refused(YEAR_LOCKED, "UPDATE ev_team SET name = 'x' WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_team SET year = 1402 WHERE year = 1403"),
        refused(YEAR_LOCKED, "DELETE FROM ev_team WHERE year = 1403"),
        refused(YEAR_LOCKED, "INSERT INTO ev_team (year, name) VALUES (1403, 'تیم ب')"),
        refused(YEAR_LOCKED, "INSERT OR REPLACE INTO ev_team (id, year, name) SELECT id, 1402, name FROM ev_team WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_team SET id = id + 100 WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_team_member SET name = 'x'"),
        refused(YEAR_LOCKED, "DELETE FROM ev_team_member"),
        refused(YEAR_LOCKED, "INSERT INTO ev_team_member (team_id, position, name) SELECT id, 9, 'x' FROM ev_team WHERE year = 1403"),
        refused(
            YEAR_LOCKED,
            "INSERT OR REPLACE INTO ev_team_member (rowid, team_id, position, name) SELECT rowid, 99999, 0, 'x' FROM ev_team_member LIMIT 1",
        ),
        refused(YEAR_LOCKED, "DELETE FROM ev_team_agency WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_team_agency SET agency_id = agency_id + 2 WHERE year = 1403"),
        refused(YEAR_LOCKED, "UPDATE ev_team_agency SET year = 1402 WHERE year = 1403"),
        refused(
            YEAR_LOCKED,
            "INSERT INTO ev_team_agency (year, agency_id, team_id) SELECT 1403, (SELECT max(id) FROM agency), team_id FROM ev_team_agency LIMIT 1",
        ),
        refused(YEAR_LOCKED, "INSERT OR REPLACE INTO ev_team_agency SELECT * FROM ev_team_agency WHERE year = 1403 LIMIT 1"),
    ];
    assert_all_refused(&path, evaluation_seen, &attempts);
    // The committees are not locked: removing a member who evaluates in a locked team goes
    // through (the team keeps the name).
    assert_all_done(
        &path,
        &["DELETE FROM ev_committee_member WHERE id IN (SELECT committee_member_id FROM ev_team_member)".into()],
    );
}

/// The letter register (migration 0013) is append-only: no entry is changed or deleted in raw
/// SQL, and no number is given twice; a new entry with a fresh number still goes in.
#[test]
fn a_register_entry_cannot_be_edited_deleted_or_numbered_twice_in_raw_sql() {
    use daftar::reports::{self, ReportFormat, ReportRequest};
    let (dir, mut store) = common::demo_copy();
    let agency = template_of(&store, 1403).unwrap().items.iter().find_map(|i| i.agency_code.clone()).unwrap();
    let request =
        ReportRequest { kind: "request_letter".into(), year: 1403, agency: Some(agency), format: ReportFormat::Pdf };
    let saved = reports::save(&mut store, &request, &dir.path().join("letter.pdf")).unwrap();
    let number = saved.numbers[0].clone();
    let out = id(store.conn(), "SELECT id FROM register_entry WHERE direction = 'out'");
    let incoming = id(store.conn(), "SELECT id FROM register_entry WHERE direction = 'in' LIMIT 1");
    let path = store.path().to_path_buf();
    drop(store);
    let seen = |path: &Path| {
        let store = open(path);
        format!("{}\n{}", audit(&store), tables(store.conn()))
    };
    let copy = |number: &str, seq: &str| {
        format!(
            "INSERT INTO register_entry (direction, service, year, agency_code, kind, seq, number, entry_date, subject, created_by, created_at)
             SELECT direction, service, year, agency_code, kind, {seq}, '{number}', entry_date, subject, 'x', created_at
             FROM register_entry WHERE id = {out}"
        )
    };
    let attempts = [
        refused("register_entry_locked", format!("UPDATE register_entry SET number = 'x' WHERE id = {out}")),
        refused("register_entry_locked", format!("UPDATE register_entry SET entry_date = '1400/01/01' WHERE id = {out}")),
        refused("register_entry_locked", format!("UPDATE register_entry SET reference = 'x' WHERE id = {incoming}")),
        refused("register_entry_locked", format!("DELETE FROM register_entry WHERE id = {out}")),
        refused("register_entry_locked", "DELETE FROM register_entry"),
        refused("register_entry_locked", format!("REPLACE INTO register_entry SELECT * FROM register_entry WHERE id = {out}")),
        refused(
            "register_entry_locked",
            format!(
                "INSERT OR REPLACE INTO register_entry (id, direction, service, year, agency_code, kind, entry_date, subject, created_by, created_at)
                 VALUES ({incoming}, 'in', 'accounts', 1403, '', 'letter', '1403/01/01', 'x', 'x', 'x')"
            ),
        ),
        refused("register_entry_locked", copy(&number, "seq + 1000")),
        refused("register_entry_locked", copy("another", "seq")),
        refused("CHECK constraint failed", copy("another", "NULL")),
    ];
    assert_all_refused(&path, seen, &attempts);
    let fresh = "INSERT INTO register_entry (direction, service, year, agency_code, kind, seq, number, entry_date, subject, created_by, created_at)
                 SELECT 'out', 'accounts', 1499, '', 'letter', coalesce(max(seq), 0) + 1, 'n-' || (coalesce(max(seq), 0) + 1),
                        '1499/01/01', 'x', 'x', 'x'
                 FROM register_entry WHERE year = 1499";
    assert_all_done(&path, &[fresh.to_string()]);
}
