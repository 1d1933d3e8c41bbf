//! The package for the Statistical Centre: refused while anything is unapproved, a draft
//! marked as such everywhere, and a final package after a clean year, read back file by file.

use crate::common;

use daftar::accounts::package::{package, Manifest};
use daftar::accounts::review::{self, ReviewState};
use daftar::accounts::{self, assign, checks, reply, values, IntakeStatus};
use daftar::store::Store;
use daftar::Problem;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

fn unzip(path: &Path) -> HashMap<String, Vec<u8>> {
    common::zip_entries(path).into_iter().collect()
}

fn manifest_of(files: &HashMap<String, Vec<u8>>) -> Manifest {
    serde_json::from_slice(&files["manifest.json"]).unwrap()
}

fn assert_hashes(files: &HashMap<String, Vec<u8>>, manifest: &Manifest) {
    assert_eq!(manifest.files.len(), 3);
    for f in &manifest.files {
        let bytes = &files[&f.name];
        assert_eq!(bytes.len() as u64, f.bytes);
        let sha: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(sha, f.sha256, "{}", f.name);
    }
}

#[test]
fn an_unapproved_year_gives_only_a_draft_marked_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    daftar::demo::build(&path, &common::fixtures(), false, "آزمون").unwrap();
    let mut store = Store::open(&path, "کارشناس").unwrap();
    let out = dir.path().join("package-1403.zip");

    let err = package(&mut store, 1403, &out, false).unwrap_err();
    assert_eq!(err.code(), "accounts.package.not_ready");
    assert_eq!(err.to_string(), "بسته هنوز آمادهٔ ارسال نیست: ۴۱ سهم تأیید نشده و ۳ قلم بی‌متولی است. آن‌ها را تأیید و واگذار کنید، یا بستهٔ پیش‌نویس بسازید.");
    assert!(!out.exists());

    let manifest = package(&mut store, 1403, &out, true).unwrap();
    assert!(manifest.draft);
    let files = unzip(&out);
    assert_eq!(manifest_of(&files), manifest);
    assert_hashes(&files, &manifest);
    assert_eq!((manifest.tables, manifest.items, manifest.missing, manifest.agencies), (13, 317, 4, 29));
    assert_eq!(manifest.year, 1403);
    assert!(manifest.created_at_jalali.starts_with('۱'));

    let data = String::from_utf8(files["data.csv"].clone()).unwrap();
    let lines: Vec<&str> = data.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "package,table,item,row,column,unit,value,agency,status,last_change");
    assert_eq!(lines.len(), 318);
    assert!(lines[1..].iter().all(|l| l.starts_with("draft,")));
    let wheat = lines.iter().find(|l| l.contains(",T01.WHEAT_IRR.AREA,")).unwrap();
    assert!(wheat.contains(",123598,501,checked,"), "{wheat}");

    let checks_csv = String::from_utf8(files["checks.csv"].clone()).unwrap();
    assert_eq!(checks_csv.lines().count(), 1 + 4 + 133);
    assert!(
        checks_csv.lines().any(|l| l.contains("R-T11-06,error") && l.contains(",0,1,0,")),
        "the failure is in checks.csv"
    );

    let xlsx = dir.path().join("tables.xlsx");
    std::fs::write(&xlsx, &files["tables-1403.xlsx"]).unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names().len(), 13);
    let t01 = book.worksheet_range("T01").unwrap();
    assert_eq!(t01.get_value((2, 0)).unwrap().to_string(), "پیش‌نویس — تأییدنشده؛ برای ارسال نهایی نیست.");
}

#[test]
fn a_clean_approved_year_is_packaged_and_sent() {
    let (dir, mut store) = common::demo_store();
    let fixtures = common::fixtures().join("accounts");
    accounts::import_template(&mut store, &fixtures.join("template-1403.xlsx")).unwrap();
    values::import_final_values(&mut store, 1402, &fixtures.join("values-1402.xlsx")).unwrap();
    for item in assign::overview(&store, 1403).unwrap().unassigned {
        assign::assign(&mut store, 1403, &item.code, "401", Some("بیمارستان‌های خیریه و نظامی را دانشگاه گزارش می‌کند"))
            .unwrap();
    }
    let sent = accounts::generate_workbooks(&mut store, 1403, &dir.path().join("sent"), &[]).unwrap();
    // A clean year: the agencies return exactly last year's (consistent) figures.
    let template = accounts::template_of(&store, 1403).unwrap();
    let suppliers = template.items.iter().filter_map(|i| i.agency_code.clone().map(|a| (i.code.clone(), a))).collect();
    let rows: Vec<(String, String, String)> = values::current_values(store.conn(), 1402)
        .unwrap()
        .into_iter()
        .map(|(code, v)| (code, v.number.unwrap().to_string(), String::new()))
        .collect();
    let returned = reply::replies_from_values(&sent, &suppliers, &rows, dir.path()).unwrap();
    let results = accounts::import_workbooks(&mut store, 1403, &returned, None, &mut |_, _, _| {}).unwrap();
    assert!(results.iter().all(|r| r.status == IntakeStatus::Imported));
    let run = checks::run_checks(&mut store, 1403).unwrap();
    assert_eq!((run.errors, run.warnings), (0, 0), "{:?}", run.failures);

    for agency in review::dashboard(&store, 1403).unwrap().agencies {
        review::approve(&mut store, 1403, &agency.agency_code, None).unwrap();
    }
    let out = dir.path().join("package.zip");
    let manifest = package(&mut store, 1403, &out, false).unwrap();
    assert!(!manifest.draft);
    assert_eq!(manifest.missing, 0);
    let files = unzip(&out);
    assert_hashes(&files, &manifest_of(&files));
    let board = review::dashboard(&store, 1403).unwrap();
    assert!(board.agencies.iter().all(|a| a.tables.iter().all(|t| t.state == Some(ReviewState::Sent))));
    // What was sent stays as sent.
    assert_eq!(
        values::enter_value(&mut store, 1403, "T01.WHEAT_IRR.AREA", "1", "").unwrap_err().code(),
        "accounts.locked"
    );
}
