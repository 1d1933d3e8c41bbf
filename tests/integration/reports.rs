//! Regional-accounts documents on the demo province, read back with poppler.

use crate::common;

use std::process::Command;

fn text_of(pdf: &[u8], dir: &std::path::Path, name: &str) -> (String, String) {
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    let run = |tool: &str, args: &[&str]| {
        let out = Command::new(tool)
            .args(args)
            .arg(&path)
            .args(if tool == "pdftotext" { vec!["-"] } else { vec![] })
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // pdftotext wraps right-to-left runs in bidi controls; they are not part of the text.
    let text: String = run("pdftotext", &[])
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect();
    (text, run("pdffonts", &[]))
}

fn demo() -> (tempfile::TempDir, daftar::store::Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    daftar::demo::build(&path, &common::fixtures(), false, "آزمون").unwrap();
    let mut store = daftar::store::Store::open(&path, "کارشناس").unwrap();
    daftar::accounts::review::set_deadline(&mut store, 1403, daftar::fa::JalaliDate::parse("1403/09/30").unwrap())
        .unwrap();
    (dir, store)
}

#[test]
fn the_request_letter_names_the_agency_its_items_and_the_deadline() {
    let (dir, store) = demo();
    let pdf = daftar::reports::request_letter(&store, 1403, "202").unwrap().pdf;
    let (text, fonts) = text_of(&pdf, dir.path(), "request.pdf");
    // Words and numbers come out in logical order; poppler moves neutral punctuation at the
    // edges of runs («به :»), which the assertions leave aside.
    assert!(text.contains("شرکت گاز استان لرستان"), "{text}");
    assert!(text.contains("۱۴۰۳/۰۹/۳۰"), "{text}");
    assert!(text.contains("درخواست اقلام آماری حساب‌های منطقه‌ای سال ۱۴۰۳"), "{text}");
    assert!(text.contains("۱۴"), "the item count");
    assert!(text.contains("صفحه") && text.contains("از ۱"), "{text}");
    assert!(fonts.contains("Vazirmatn-Regular") && fonts.contains("Vazirmatn-Bold"), "{fonts}");
    let err = daftar::reports::request_letter(&store, 1403, "999").err().unwrap();
    assert_eq!(daftar::Problem::code(&err), "agency.not_found");
}

#[test]
fn the_check_report_lists_each_finding_with_its_cell() {
    let (dir, store) = demo();
    let pdf = daftar::reports::check_report(&store, 1403, "501").unwrap().pdf;
    let (text, _) = text_of(&pdf, dir.path(), "check.pdf");
    assert!(text.contains("سازمان جهاد کشاورزی استان لرستان"), "{text}");
    for expected in ["R-T01-03", "R-T01-12", "B-REQUIRED", "T01!E49"] {
        assert!(text.contains(expected), "«{expected}» in:\n{text}");
    }
    assert!(text.contains("خطا و") && text.contains("هشدار یافت"), "{text}");
    let clean = daftar::reports::check_report(&store, 1403, "203").unwrap().pdf;
    let (text, _) = text_of(&clean, dir.path(), "clean.pdf");
    assert!(text.contains("در اقلام این دستگاه ایرادی پیدا نشد."), "{text}");
}

#[test]
fn the_cover_letter_lists_every_file_with_its_hash() {
    let (dir, mut store) = demo();
    let zip = dir.path().join("p.zip");
    let manifest = daftar::accounts::package::package(&mut store, 1403, &zip, true).unwrap();
    let pdf = daftar::reports::package_cover_letter(&store, &zip).unwrap().pdf;
    let (text, _) = text_of(&pdf, dir.path(), "cover.pdf");
    assert!(text.contains("مرکز آمار ایران"), "{text}");
    assert!(text.contains("پیش‌نویس"), "a draft says so: {text}");
    for file in &manifest.files {
        assert!(text.contains(&file.name), "{}", file.name);
        assert!(text.contains(&file.sha256[..32]), "the hash of {}", file.name);
    }
    let report = daftar::accounts::package::verify(&zip, None).unwrap();
    assert!(text.contains(&report.manifest_sha256[..32]), "the manifest's own hash: {text}");
    assert!(text.contains(&manifest.public_key[..32]), "the office's public key: {text}");
    // The fingerprint's groups may wrap onto two lines in its cell, depending on the key's glyphs.
    let flat: String = text.split_whitespace().collect();
    let fingerprint = manifest.key_fingerprint.replace(' ', "");
    assert!(flat.contains(&fingerprint), "the key's fingerprint {}: {text}", manifest.key_fingerprint);
}
