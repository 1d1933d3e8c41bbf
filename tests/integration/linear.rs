//! Issue 15 (linear growth, intake at the reader's speed): the indexes and the one-transaction
//! batch change no outcome, and a batch killed half-way leaves the file as its last commit.

use crate::common;

use daftar::accounts;
use daftar::store::Store;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The rows of `sql` as text, one line each, numbers with six decimals: the form in which
/// tests/integration/golden/demo-stored.json was digested (by the code before issue 15).
fn digest_rows(conn: &Connection, sql: &str) -> (usize, String) {
    let mut stmt = conn.prepare(sql).unwrap();
    let columns = stmt.column_count();
    let mut lines = Vec::new();
    let mut rows = stmt.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        let cells: Vec<String> = (0..columns)
            .map(|c| match row.get_ref(c).unwrap() {
                ValueRef::Null => "∅".to_string(),
                ValueRef::Integer(n) => n.to_string(),
                ValueRef::Real(x) => format!("{x:.6}"),
                ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                ValueRef::Blob(b) => daftar::issued::sha256_hex(b),
            })
            .collect();
        lines.push(cells.join("\t"));
    }
    (lines.len(), daftar::issued::sha256_hex(lines.join("\n").as_bytes()))
}

fn golden(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration/golden").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The demo year (intake of every returned workbook, checks, scores, results) gives what it
/// gave before the indexes and the batch: the same stored values and scores, the same
/// findings, the same results. The goldens were written by the code before issue 15.
#[test]
fn the_demo_year_stores_finds_and_ranks_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.daftar");
    daftar::demo::build(&path, &common::fixtures(), false, "آزمون").unwrap();
    let mut store = Store::open(&path, "آزمون").unwrap();
    let stored = golden("demo-stored.json");
    let values = digest_rows(
        store.conn(),
        "SELECT year, item_code, value_num, value_text, note, cell, source FROM ra_value WHERE current = 1
         ORDER BY year, item_code",
    );
    let scores = digest_rows(
        store.conn(),
        "SELECT s.year, a.code, s.indicator_code, s.stage, s.input, s.score, s.evidence, s.comment, s.cell
         FROM ev_score s JOIN agency a ON a.id = s.agency_id WHERE s.current = 1
         ORDER BY s.year, a.code, s.indicator_code, s.stage",
    );
    assert_eq!(
        (values.0 as u64, values.1.as_str()),
        (stored["values"]["rows"].as_u64().unwrap(), stored["values"]["sha256"].as_str().unwrap())
    );
    assert_eq!(
        (scores.0 as u64, scores.1.as_str()),
        (stored["scores"]["rows"].as_u64().unwrap(), stored["scores"]["sha256"].as_str().unwrap())
    );

    let results = daftar::evaluation::view::results_view(store.conn(), 1403).unwrap().rows;
    assert_eq!(serde_json::to_value(&results).unwrap(), golden("demo-results.json"));
    let run = accounts::checks::run_checks(&mut store, 1403).unwrap();
    let mut run = serde_json::to_value(&run).unwrap();
    run.as_object_mut().unwrap().remove("ran_at");
    assert_eq!(run, golden("demo-check.json"));
}

/// A province file with the fixture template and last year's values, and the 29 workbooks the
/// agencies return for 1403.
fn year_with_returned_workbooks(dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    let path = dir.join("p.daftar");
    let mut store = Store::create(&path, &common::lorestan(), "آزمون").unwrap();
    let fixtures = common::fixtures();
    daftar::agencies::import_xlsx(&mut store, &fixtures.join("agencies.xlsx")).unwrap();
    accounts::import_template(&mut store, &fixtures.join("accounts/template-1403.xlsx")).unwrap();
    accounts::values::import_final_values(&mut store, 1402, &fixtures.join("accounts/values-1402.xlsx")).unwrap();
    let returned = daftar::demo::agency_replies(&mut store, 1403, &fixtures, dir).unwrap();
    (path, returned)
}

fn submissions(conn: &Connection) -> Vec<String> {
    let mut stmt = conn.prepare("SELECT file_name FROM ra_submission ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

/// `daftar accounts intake` killed (SIGKILL) in the middle of a batch, after ten workbooks
/// were stored in its transaction: the file holds exactly what was committed before the batch
/// (not one value of the ten), passes SQLite's integrity check, and takes the batch again.
/// The kill lands at a known point: the eleventh «workbook» is a named pipe, whose opening
/// blocks until the test has killed the process.
#[cfg(unix)]
#[test]
fn a_batch_killed_half_way_leaves_the_file_as_its_last_commit() {
    let dir = tempfile::tempdir().unwrap();
    let (path, returned) = year_with_returned_workbooks(dir.path());
    assert_eq!(returned.len(), 29);
    let (first, rest) = returned.split_at(3);
    let mut store = Store::open(&path, "آزمون").unwrap();
    accounts::import_workbooks(&mut store, 1403, first, None, &mut |_, _, _| {}).unwrap();
    let committed = submissions(store.conn());
    let values_before: i64 = store.conn().query_row("SELECT count(*) FROM ra_value", [], |r| r.get(0)).unwrap();
    assert_eq!(committed.len(), 3);
    drop(store);

    let pipe = dir.path().join("blocks.xlsx");
    assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    let mut args: Vec<PathBuf> = rest[..10].to_vec();
    args.push(pipe.clone());
    args.extend_from_slice(&rest[10..]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_daftar"))
        .arg("--file")
        .arg(&path)
        .args(["accounts", "intake", "--year", "1403"])
        .args(&args)
        .env("USER", "آزمون")
        .env_remove("DAFTAR_READ_ONLY")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Progress is told before each file: once the pipe's line is out, ten are done.
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut told = Vec::new();
    for line in std::io::BufRead::lines(stderr) {
        let line = line.unwrap();
        let at_pipe = line.contains("blocks.xlsx");
        told.push(line);
        if at_pipe {
            break;
        }
    }
    assert_eq!(told.len(), 11, "{told:?}");
    child.kill().unwrap();
    assert!(!child.wait().unwrap().success());

    let mut store = Store::open(&path, "آزمون").unwrap();
    let integrity: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    assert_eq!(submissions(store.conn()), committed, "nothing of the killed batch stays");
    let values_after: i64 = store.conn().query_row("SELECT count(*) FROM ra_value", [], |r| r.get(0)).unwrap();
    assert_eq!(values_after, values_before);
    let again = accounts::import_workbooks(&mut store, 1403, rest, None, &mut |_, _, _| {}).unwrap();
    assert!(again.iter().all(|r| r.status == accounts::IntakeStatus::Imported), "{again:?}");
    assert_eq!(submissions(store.conn()).len(), 29);
}

/// In one batch a refused workbook lands nothing while the others land whole, as when each
/// had its own transaction.
#[test]
fn in_a_batch_each_workbook_lands_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let (path, returned) = year_with_returned_workbooks(dir.path());
    let broken = dir.path().join("broken.xlsx");
    std::fs::write(&broken, b"not a workbook").unwrap();
    let batch = [returned[0].clone(), broken, returned[1].clone()];
    let mut store = Store::open(&path, "آزمون").unwrap();
    let results = accounts::import_workbooks(&mut store, 1403, &batch, None, &mut |_, _, _| {}).unwrap();
    let statuses: Vec<_> = results.iter().map(|r| r.status).collect();
    use accounts::IntakeStatus::{Imported, Refused};
    assert_eq!(statuses, [Imported, Refused, Imported]);
    assert_eq!(submissions(store.conn()).len(), 2);
    let read: u32 = results.iter().map(|r| r.values_read).sum();
    let stored: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM ra_value WHERE year = 1403 AND source = 'workbook'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, i64::from(read));
}
