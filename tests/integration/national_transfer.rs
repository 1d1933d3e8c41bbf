//! The national system's transfer (seed steps 10–12) on the fixtures: the preview sets each
//! row beside the self-assessment in force and stores nothing; the import stores what the file
//! says; every broken file is refused with its reason and nothing stored; nothing after the
//! council's approval or outside its phase.

use crate::common;
use daftar::evaluation::scores::{current_scores, history, Stage};
use daftar::evaluation::simulate::{play_year, Until};
use daftar::evaluation::transfer::{self, TransferPreview, TransferStatus};
use daftar::fa::JalaliDate;
use daftar::store::Store;
use daftar::Problem;
use std::collections::HashMap;
use std::path::PathBuf;

const START: &str = "1404/01/15";

fn d(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

fn year_until(until: Until) -> (tempfile::TempDir, Store) {
    let (dir, mut store) = common::demo_store();
    let work = dir.path().join("work");
    play_year(&mut store, &common::fixtures(), 1403, d(START), until, &work).unwrap();
    (dir, store)
}

fn first_day(store: &Store, code: &str) -> JalaliDate {
    let phases = daftar::evaluation::phases::phases(store.conn(), 1403, d(START)).unwrap();
    d(&phases.into_iter().find(|p| p.code == code).unwrap().starts_on)
}

fn good_file() -> PathBuf {
    common::fixtures().join("evaluation/national-transfer-1403.xlsx")
}

fn broken(name: &str) -> PathBuf {
    common::fixtures().join(format!("broken/national-{name}.xlsx"))
}

/// The source rows: (agency, indicator) -> (claimed, confirmed), "" when empty.
fn source() -> HashMap<(String, String), (String, String)> {
    let rows =
        daftar::evaluation::reply::read_tsv(&common::fixtures().join("src/evaluation/national-1403.tsv")).unwrap();
    rows.into_iter().map(|r| ((r[0].clone(), r[2].clone()), (r[5].clone(), r[6].clone()))).collect()
}

fn row<'p>(p: &'p TransferPreview, agency: &str, indicator: &str) -> &'p transfer::TransferRow {
    p.rows.iter().find(|r| r.agency_code == agency && r.indicator_code == indicator).unwrap()
}

#[test]
fn the_preview_sets_each_transferred_score_beside_the_self_assessment_and_stores_nothing() {
    let (_dir, store) = year_until(Until::SelfAssessed);
    let day = first_day(&store, "hq_confirmation");
    let before = std::fs::read(store.path()).unwrap();
    let p = transfer::preview_transfer(store.conn(), 1403, &good_file(), day).unwrap();
    assert_eq!(std::fs::read(store.path()).unwrap(), before, "a preview writes nothing");
    let source = source();
    assert_eq!(p.rows.len(), source.len());
    assert_eq!((p.same, p.changed, p.new, p.empty, p.refused), (160, 6, 1, 1, 0));
    assert!(p.import.enabled, "{:?}", p.import.blocker);
    for r in &p.rows {
        let (claimed, confirmed) = &source[&(r.agency_code.clone(), r.indicator_code.clone())];
        let number = |t: &str| t.parse::<f64>().ok();
        // The confirmed score transfers; without one, the claim.
        assert_eq!(r.transferred, number(confirmed).or(number(claimed)), "{}/{}", r.agency_code, r.indicator_code);
        let revised = !confirmed.is_empty() && confirmed != claimed && r.stored.is_some();
        assert_eq!(r.status == TransferStatus::Changed, revised, "{}/{}", r.agency_code, r.indicator_code);
        if r.status == TransferStatus::Same {
            // The national claim is the score the agency's own workbook earned.
            assert_eq!(r.stored, number(claimed), "{}/{}", r.agency_code, r.indicator_code);
        }
        assert_eq!(r.evaluator, None, "the evaluators have not begun");
    }
    let g01 = row(&p, "104", "G01");
    assert_eq!((g01.stored, g01.transferred, g01.difference), (Some(60.0), Some(40.0), Some(-20.0)));
    // Agency 301's scores are typed with Persian digits and ٫; 401's code too.
    let g12 = row(&p, "301", "G12");
    assert_eq!((g12.stored, g12.confirmed, g12.difference), (Some(56.34), Some(35.5), Some(-20.84)));
    assert_eq!(row(&p, "401", "S401-1").agency_name, "دانشگاه علوم پزشکی لرستان");
    // 102 claimed G05 only in the national system; G03 in neither.
    let (g05, g03) = (row(&p, "102", "G05"), row(&p, "102", "G03"));
    assert_eq!((g05.status, g05.stored, g05.transferred), (TransferStatus::New, None, Some(25.0)));
    assert_eq!((g03.status, g03.transferred), (TransferStatus::Empty, None));
}

#[test]
fn the_import_stores_exactly_what_the_file_says_as_new_versions_from_the_national_system() {
    let (_dir, mut store) = year_until(Until::SelfAssessed);
    let day = first_day(&store, "hq_confirmation");
    let before = current_scores(store.conn(), 1403, Stage::SelfAssessment).unwrap();
    let report = transfer::import_transfer(&mut store, 1403, &good_file(), day).unwrap();
    assert_eq!((report.rows_read, report.new_scores, report.changed_scores, report.unchanged), (168, 1, 6, 161));
    let after = current_scores(store.conn(), 1403, Stage::SelfAssessment).unwrap();
    for ((agency, indicator), (claimed, confirmed)) in source() {
        let want = confirmed.parse::<f64>().ok().or(claimed.parse::<f64>().ok());
        let key = (agency.clone(), indicator.clone());
        assert_eq!(after.get(&key).map(|s| s.score), want, "{agency}/{indicator}");
    }
    assert_eq!(after.len(), before.len() + 1, "one score is new; no other agency's scores moved");
    for (key, score) in &before {
        if !source().contains_key(key) {
            assert_eq!(&after[key], score, "{key:?} is not in the file");
        }
    }
    // The replaced claim stays in the history; the new version names its source.
    let kept = history(store.conn(), 1403, "104", "G01", Stage::SelfAssessment).unwrap();
    assert_eq!(kept.iter().map(|s| s.score).collect::<Vec<_>>(), [40.0, 60.0]);
    assert!(kept[0].cell.starts_with("national-transfer-1403.xlsx، ردیف"), "{}", kept[0].cell);
    assert_eq!(kept[0].evidence, kept[1].evidence, "the agency's evidence stays with the score");
    assert_eq!(after[&("102".into(), "G05".into())].evidence, transfer::SOURCE);
    let from_national = transfer::transferred_scores(store.conn(), 1403).unwrap();
    assert_eq!(from_national.len(), 7);
    assert!(current_scores(store.conn(), 1403, Stage::Evaluator).unwrap().is_empty(), "no evaluator score is made");
    let audited: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'ev_transfer' AND action = 'import'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(audited, 1);
    // The same file again changes nothing.
    let again = transfer::import_transfer(&mut store, 1403, &good_file(), day).unwrap();
    assert_eq!((again.new_scores, again.changed_scores), (0, 0));
}

#[test]
fn each_broken_transfer_is_refused_with_its_reason_and_nothing_is_stored() {
    let (_dir, mut store) = year_until(Until::SelfAssessed);
    let day = first_day(&store, "hq_confirmation");
    let cases = [
        ("unknown-indicator", "104", "G99", "شاخصی با کد «G99» در فهرست شاخص‌های سال ۱۴۰۳ نیست."),
        ("unknown-agency", "999", "G01", "دستگاهی با کد «999» در فهرست دستگاه‌های استان نیست"),
        ("text-score", "104", "G05", "«NaN» عدد نیست"),
        ("over-ceiling", "201", "G12", "امتیاز ۷۵٫۰۰ از سقف امتیاز این شاخص (۶۰٫۰۰) بیشتر است"),
        ("duplicate-row", "104", "G06", "شاخص «G06» دستگاه 104 در ردیف"),
        ("formula-no-value", "401", "G01", "فرمول دارد ولی مقدار حساب‌شدهٔ آن در فایل نیست"),
    ];
    let before = std::fs::read(store.path()).unwrap();
    for (name, agency, indicator, reason) in cases {
        let p = transfer::preview_transfer(store.conn(), 1403, &broken(name), day).unwrap();
        assert_eq!(p.refused, 1, "{name}");
        let refused: Vec<_> = p.rows.iter().filter(|r| r.status == TransferStatus::Refused).collect();
        assert_eq!(
            (refused[0].agency_code.as_str(), refused[0].indicator_code.as_str()),
            (agency, indicator),
            "{name}"
        );
        let said = refused[0].refusal.clone().unwrap();
        assert!(said.contains(reason), "{name}: {said}");
        let blocker = p.import.blocker.clone().unwrap_or_default();
        assert!(!p.import.enabled && blocker.contains("۱ ردیف پذیرفته نیست"), "{name}: {blocker}");
        let err = transfer::import_transfer(&mut store, 1403, &broken(name), day).unwrap_err();
        assert_eq!(err.code(), "evaluation.transfer.rows_refused", "{name}");
        assert_eq!(err.to_string(), blocker, "the disabled button and the refusal say one thing");
        let details = err.details().join("\n");
        assert!(details.contains(reason) && details.contains("ردیف"), "{name}: {details}");
    }
    assert_eq!(std::fs::read(store.path()).unwrap(), before, "nothing was stored");
}

#[test]
fn a_file_without_the_columns_is_refused_naming_them() {
    let (_dir, store) = year_until(Until::SelfAssessed);
    let day = first_day(&store, "hq_confirmation");
    let err =
        transfer::preview_transfer(store.conn(), 1403, &common::fixtures().join("agencies.xlsx"), day).unwrap_err();
    assert_eq!(err.code(), "evaluation.missing_columns");
    assert!(err.to_string().contains("«کد شاخص»"), "{err}");
}

#[test]
fn the_transfer_waits_for_its_phase_and_is_refused_once_the_council_has_approved() {
    let (_dir, mut store) = year_until(Until::SelfAssessed);
    let early = first_day(&store, "self_assessment");
    let p = transfer::preview_transfer(store.conn(), 1403, &good_file(), early).unwrap();
    assert!(!p.import.enabled);
    let err = transfer::import_transfer(&mut store, 1403, &good_file(), early).unwrap_err();
    assert_eq!(err.code(), "evaluation.phase_closed");
    assert_eq!(p.import.blocker.as_deref(), Some(err.to_string().as_str()));

    let (_dir, mut store) = year_until(Until::Festival);
    let hq = first_day(&store, "hq_confirmation");
    let before = std::fs::read(store.path()).unwrap();
    let p = transfer::preview_transfer(store.conn(), 1403, &good_file(), hq).unwrap();
    let err = transfer::import_transfer(&mut store, 1403, &good_file(), hq).unwrap_err();
    assert_eq!(err.code(), "evaluation.year_locked");
    assert_eq!(p.import.blocker.as_deref(), Some(err.to_string().as_str()));
    assert_eq!(std::fs::read(store.path()).unwrap(), before);
}

#[test]
fn the_cli_previews_and_imports_the_transfer() {
    let (dir, store) = year_until(Until::SelfAssessed);
    let day = first_day(&store, "hq_confirmation").to_latin_string();
    let path = store.path().to_path_buf();
    drop(store);
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_daftar"))
            .arg("--file")
            .arg(&path)
            .args(args)
            .env("USER", "آزمون")
            .env("DAFTAR_TODAY", &day)
            .env_remove("DAFTAR_READ_ONLY")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let file = good_file();
    let file = file.to_str().unwrap();
    let (code, text) = run(&["eval", "transfer", file, "--preview", "--year", "1403"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("104\tG01\t۶۰٫۰۰ ← ۴۰٫۰۰\t−۲۰٫۰۰"), "{text}");
    assert!(text.contains("چیزی نوشته نشد"), "{text}");
    let (code, json) = run(&["--json", "eval", "transfer", file, "--preview", "--year", "1403"]);
    assert_eq!(code, 0, "{json}");
    let preview: TransferPreview = serde_json::from_str(&json).unwrap();
    assert_eq!(preview.changed, 6);
    let (code, text) = run(&["eval", "transfer", broken("over-ceiling").to_str().unwrap(), "--year", "1403"]);
    assert_ne!(code, 0);
    assert!(text.contains("ردیف پذیرفته نیست") && text.contains("سقف امتیاز"), "{text}");
    let (code, json) = run(&["--json", "eval", "transfer", file, "--year", "1403"]);
    assert_eq!(code, 0, "{json}");
    let report: transfer::TransferReport = serde_json::from_str(&json).unwrap();
    assert_eq!((report.new_scores, report.changed_scores), (1, 6));
    drop(dir);
}
