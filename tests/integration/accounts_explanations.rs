//! Explanations of warnings belong to one agency and to the values explained (issue 12,
//! defect 5), on the demo province: R-T05-06 compares drinking water allocated by regional
//! water (203) with the water produced by water and wastewater (204), so it names both.

use crate::common;

use daftar::accounts::explanations::{self, WarningExplanation};
use daftar::accounts::review::{self, ReviewState};
use daftar::accounts::{checks, view};
use daftar::store::Store;
use daftar::Problem;
use std::path::Path;

const RULE: &str = "R-T05-06";
const WATER: &str = "203";
const WASTEWATER: &str = "204";

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    daftar::demo::build(&path, &common::fixtures(), false, "آزمون").unwrap();
    let store = Store::open(&path, "کارشناس").unwrap();
    (dir, store)
}

/// The agency sends its workbook again, with the fixture's values but `changes`; then the
/// checks run, as the analyst does after an intake.
fn resubmit(store: &mut Store, dir: &Path, agency: &str, changes: &[(&str, &str)]) {
    let round = dir.join(format!("round-{}", std::fs::read_dir(dir).unwrap().count()));
    let mut rows = daftar::demo::fixture_values(&common::fixtures()).unwrap();
    for (code, value) in changes {
        rows.iter_mut().find(|r| r.0 == *code).unwrap().1 = value.to_string();
    }
    let sent = daftar::accounts::generate_workbooks(store, 1403, &round.join("sent"), &[agency.to_string()]).unwrap();
    let suppliers = daftar::accounts::template_of(store, 1403)
        .unwrap()
        .items
        .into_iter()
        .filter_map(|i| Some((i.code, i.agency_code?)))
        .collect();
    let returned = daftar::accounts::reply::replies_from_values(&sent, &suppliers, &rows, &round).unwrap();
    let results = daftar::accounts::import_workbooks(store, 1403, &returned, Some(agency), &mut |_, _, _| {}).unwrap();
    assert_eq!(results[0].status, daftar::accounts::IntakeStatus::Imported, "{:?}", results[0]);
    checks::run_checks(store, 1403).unwrap();
}

fn unexplained(store: &Store, agency: &str) -> Vec<String> {
    let board = review::dashboard(store, 1403).unwrap();
    let part = board.agencies.iter().find(|a| a.agency_code == agency).unwrap();
    part.tables.iter().find(|t| t.table_code == "T05").unwrap().unexplained_warnings.clone()
}

fn standing(store: &Store, agency: &str) -> WarningExplanation {
    let view = view::findings(store, 1403).unwrap();
    view.explanations.into_iter().find(|e| e.rule_code == RULE && e.agency_code.as_deref() == Some(agency)).unwrap()
}

#[test]
fn an_agencys_explanation_does_not_clear_the_warning_for_another_agency() {
    let (dir, mut store) = demo();
    // Water and wastewater reports more water produced than regional water allocated.
    resubmit(&mut store, dir.path(), WASTEWATER, &[("T05.URBAN.PRODUCED", "180")]);
    assert_eq!(unexplained(&store, WATER), [RULE]);
    assert_eq!(unexplained(&store, WASTEWATER), [RULE]);

    explanations::explain(&mut store, 1403, RULE, WATER, "سهم شرب بر پایهٔ تخصیص مصوب وزارت نیرو است.").unwrap();
    assert!(unexplained(&store, WATER).is_empty());
    assert_eq!(unexplained(&store, WASTEWATER), [RULE], "203's explanation must not clear 204's part");
    assert!(!standing(&store, WASTEWATER).explained);
    assert_eq!(standing(&store, WASTEWATER).text, "");

    review::approve(&mut store, 1403, WATER, Some("T05")).unwrap();
    let err = review::approve(&mut store, 1403, WASTEWATER, Some("T05")).unwrap_err();
    assert_eq!(err.code(), "accounts.review.unexplained_warnings");

    // A warning is explained only for an agency it names.
    let err = explanations::explain(&mut store, 1403, RULE, "501", "نادرست").unwrap_err();
    assert_eq!(err.code(), "accounts.review.no_such_warning");
    assert!(err.to_string().contains("«R-T05-06»"), "{err}");
    let err = explanations::explain(&mut store, 1403, RULE, "999", "نادرست").unwrap_err();
    assert_eq!(err.code(), "agency.not_found");
}

#[test]
fn a_resubmission_with_other_values_reopens_the_warning_and_the_same_values_keep_it_explained() {
    let (dir, mut store) = demo();
    resubmit(&mut store, dir.path(), WASTEWATER, &[("T05.URBAN.PRODUCED", "180")]);
    let note = "آب تولیدی شهری با کنتور تازهٔ تصفیه‌خانه اندازه‌گیری شده است.";
    explanations::explain(&mut store, 1403, RULE, WASTEWATER, note).unwrap();
    explanations::explain(&mut store, 1403, RULE, WATER, "تخصیص شرب مصوب است.").unwrap();
    assert!(unexplained(&store, WASTEWATER).is_empty());

    // Another value for the cited item: open again, for both agencies the warning names; the
    // earlier text stays visible with what changed.
    resubmit(&mut store, dir.path(), WASTEWATER, &[("T05.URBAN.PRODUCED", "185.5")]);
    assert_eq!(unexplained(&store, WASTEWATER), [RULE]);
    assert_eq!(unexplained(&store, WATER), [RULE]);
    let old = standing(&store, WASTEWATER);
    assert!(!old.explained);
    assert_eq!(old.text, note);
    assert!(
        old.outdated.starts_with("مقادیر پس از توضیح تغییر کرده است: «T05.URBAN.PRODUCED» از ۱۸۰ به ۱۸۵٫۵"),
        "{}",
        old.outdated
    );
    let err = review::approve(&mut store, 1403, WASTEWATER, Some("T05")).unwrap_err();
    assert_eq!(err.code(), "accounts.review.unexplained_warnings");

    // Explained again; then the agency sends the same cited values (another item changed).
    explanations::explain(&mut store, 1403, RULE, WASTEWATER, note).unwrap();
    resubmit(&mut store, dir.path(), WASTEWATER, &[("T05.URBAN.PRODUCED", "185.5"), ("T05.URBAN.CUST", "433300")]);
    assert!(unexplained(&store, WASTEWATER).is_empty());
    assert!(standing(&store, WASTEWATER).explained);
    assert_eq!(standing(&store, WASTEWATER).outdated, "");
    let tables = review::approve(&mut store, 1403, WASTEWATER, Some("T05")).unwrap();
    assert!(tables.iter().any(|t| t.table_code == "T05" && t.state == Some(ReviewState::Approved)));
}

/// Turn a province file back into schema 6 with its explanations as 0002 kept them.
fn as_schema_6(path: &Path, rows: &[(&str, &str)]) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "DROP INDEX ra_explanation_key; DROP TABLE ra_explanation;
         CREATE TABLE ra_explanation (
             year INTEGER NOT NULL, rule_code TEXT NOT NULL,
             text TEXT NOT NULL CHECK (length(trim(text)) > 0),
             written_at TEXT NOT NULL, written_by TEXT NOT NULL,
             PRIMARY KEY (year, rule_code));",
    )
    .unwrap();
    let ran_at: String =
        conn.query_row("SELECT max(ran_at) FROM ra_check_run WHERE year = 1403", [], |r| r.get(0)).unwrap();
    for (rule, text) in rows {
        conn.execute(
            "INSERT INTO ra_explanation VALUES (1403, ?1, ?2, ?3, 'کارشناس پیشین')",
            rusqlite::params![rule, text, ran_at],
        )
        .unwrap();
    }
    // A later check run in which the crops warning cites another production of rice.
    conn.execute_batch(
        "INSERT INTO ra_check_run (year, ran_at, ran_by, passed, failed, not_computable, errors, warnings)
             SELECT year, '9999-01-01T00:00:00+03:30', ran_by, passed, failed, not_computable, errors, warnings
             FROM ra_check_run WHERE id = (SELECT max(id) FROM ra_check_run WHERE year = 1403);
         INSERT INTO ra_check_failure (run_id, rule_code, severity, message, items)
             SELECT (SELECT max(id) FROM ra_check_run), rule_code, severity, message,
                    CASE rule_code WHEN 'R-T01-12'
                        THEN json_set(items, '$[0].value', json_extract(items, '$[0].value') + 1) ELSE items END
             FROM ra_check_failure WHERE run_id = (SELECT max(id) FROM ra_check_run WHERE id < (SELECT max(id) FROM ra_check_run));",
    )
    .unwrap(); // Migration 0007 itself, over the table as schema 6 had it (the later migrations are in the
               // file already, so the runner cannot be sent back to 6).
    conn.execute_batch(include_str!("../../src/store/migrations/0007_explanations_by_agency.sql")).unwrap();
}

#[test]
fn explanations_of_a_schema_6_file_are_carried_over_per_agency_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    daftar::demo::build(&path, &common::fixtures(), false, "آزمون").unwrap();
    let gas = "راه‌اندازی فاز دوم فولاد ازنا.";
    let rice = "برداشت شلتوک در پاییز دیر شد.";
    let ahead = "پیش از بررسی نوشته شد.";
    as_schema_6(&path, &[("R-T04-03", gas), ("R-T01-12", rice), ("R-T99-01", ahead)]);

    let mut store = Store::open(&path, "کارشناس").unwrap();
    let view = view::findings(&store, 1403).unwrap();
    let find = |rule: &str, agency: &str| {
        view.explanations.iter().find(|e| e.rule_code == rule && e.agency_code.as_deref() == Some(agency)).unwrap()
    };
    // Gas: the same values as when explained, so it still stands, for the gas company.
    let gas_row = find("R-T04-03", "202");
    assert!(gas_row.explained);
    assert_eq!((gas_row.text.as_str(), gas_row.written_by.as_str()), (gas, "کارشناس پیشین"));
    // Rice: the values changed after the explanation; open again, the text kept.
    let rice_row = find("R-T01-12", "501");
    assert!(!rice_row.explained);
    assert_eq!(rice_row.text, rice);
    assert!(rice_row.outdated.starts_with("مقادیر پس از توضیح تغییر کرده است"), "{}", rice_row.outdated);
    // An explanation no check found a warning for is kept, tied to no agency.
    let kept: (Option<i64>, String) = store
        .conn()
        .query_row("SELECT agency_id, text FROM ra_explanation WHERE rule_code = 'R-T99-01'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(kept, (None, ahead.to_string()));

    review::approve(&mut store, 1403, "202", None).unwrap();
    let err = review::approve(&mut store, 1403, "501", Some("T01")).unwrap_err();
    assert_eq!(err.code(), "accounts.review.blocked_by_errors");
    // The carried-over row is replaced by the agency's own explanation, not duplicated.
    explanations::explain(&mut store, 1403, "R-T01-12", "501", "برداشت دیرهنگام.").unwrap();
    assert!(find_now(&store, "R-T01-12", "501").explained);
    let rows: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM ra_explanation WHERE rule_code = 'R-T01-12'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}

fn find_now(store: &Store, rule: &str, agency: &str) -> WarningExplanation {
    let view = view::findings(store, 1403).unwrap();
    view.explanations.into_iter().find(|e| e.rule_code == rule && e.agency_code.as_deref() == Some(agency)).unwrap()
}

#[test]
fn the_cli_explains_for_an_agency_and_the_package_carries_the_explanation() {
    let (dir, store) = demo();
    let file = dir.path().join("lorestan.daftar");
    drop(store);
    let note = "راه‌اندازی فاز دوم فولاد ازنا.";
    let (code, _, err) = common::cli(&file, &["accounts", "explain", "R-T04-03", note]);
    assert_eq!(code, 2, "--agency is required: {err}");
    let (code, _, err) = common::cli(&file, &["accounts", "explain", "R-T04-03", note, "--agency", "501"]);
    assert_eq!(code, 2);
    assert!(err.contains("هشدار «R-T04-03» را دربارهٔ اقلام «سازمان جهاد کشاورزی استان لرستان» نیافته است"), "{err}");
    let (code, out, err) = common::cli(&file, &["accounts", "explain", "R-T04-03", note, "--agency", "202"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.trim(), "توضیح «R-T04-03» برای دستگاه 202 ثبت شد.");
    let (code, out, err) = common::cli(&file, &["accounts", "approve", "202"]);
    assert_eq!(code, 0, "{out}{err}");

    let package = dir.path().join("draft.zip");
    let (code, out, err) = common::cli(&file, &["accounts", "package", "--draft", "--out", &package.to_string_lossy()]);
    assert_eq!(code, 0, "{out}{err}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&package).unwrap()).unwrap();
    let mut checks = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("checks.csv").unwrap(), &mut checks).unwrap();
    let gas = checks.lines().find(|l| l.starts_with("draft,R-T04-03,")).unwrap();
    assert!(gas.ends_with(&format!(",202: {note}")), "{gas}");
}
