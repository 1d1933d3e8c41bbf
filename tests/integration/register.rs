//! The letter register (issue 14 item 1) on the demo province: final letters take sequential,
//! unique numbers printed on each agency's page, a preview takes none, intake logs each returned
//! workbook, hand entries, search, and the workbook read back.

use crate::common;
use daftar::fa::JalaliDate;
use daftar::register::{self, IncomingInput, RegisterFilter};
use daftar::reports::{self, ReportFormat, ReportRequest};
use daftar::store::Store;
use std::path::Path;
use std::process::Command;

/// The text poppler reads from `pages` (first, last) of the PDF, without bidi controls.
pub(crate) fn pdf_text(pdf: &Path, pages: Option<(usize, usize)>) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some((first, last)) = pages {
        cmd.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().expect("pdftotext (poppler-utils, make setup)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// How many pages poppler counts in the PDF.
pub(crate) fn pdf_pages(pdf: &Path) -> usize {
    let info = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils, make setup)");
    let text = String::from_utf8_lossy(&info.stdout).to_string();
    let line = text.lines().find(|l| l.starts_with("Pages:")).expect("pdfinfo names the pages");
    line.trim_start_matches("Pages:").trim().parse().unwrap()
}

/// Whether `part` is in `text`, whitespace aside.
pub(crate) fn has(text: &str, part: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squeeze(text).contains(&squeeze(part))
}

/// Whether the PDF's «شماره: …» line carries `number` in Persian digits. Poppler moves the
/// run of digits around the slashes in right-to-left text, so the line's characters are
/// compared, not their order.
pub(crate) fn prints_number(text: &str, number: &str) -> bool {
    let sorted = |s: &str| {
        let mut chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace() && *c != ':').collect();
        chars.sort();
        chars
    };
    let want = sorted(&daftar::fa::to_persian_digits(number));
    text.lines().filter(|l| l.contains("شماره")).any(|l| sorted(&l.replace("شماره", "")) == want)
}

fn suppliers(store: &Store) -> Vec<String> {
    let mut codes: Vec<String> = daftar::accounts::template_of(store, 1403)
        .unwrap()
        .items
        .iter()
        .filter_map(|i| i.agency_code.clone())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

fn letter(agency: &str, format: ReportFormat) -> ReportRequest {
    ReportRequest { kind: "request_letter".into(), year: 1403, agency: Some(agency.into()), format }
}

fn outgoing(store: &Store) -> Vec<register::RegisterEntry> {
    let all = register::list(store.conn(), &RegisterFilter::default()).unwrap();
    all.into_iter().filter(|e| e.direction == "out").collect()
}

#[test]
fn final_letters_take_sequential_unique_numbers_and_a_preview_takes_none() {
    let (dir, mut store) = common::demo_copy();
    let codes = suppliers(&store);
    let year = JalaliDate::today().year;

    // A preview: no number printed, nothing registered; so is the Excel version.
    let preview = reports::make(&store, &letter(&codes[0], ReportFormat::Pdf)).unwrap();
    let draft = dir.path().join("draft.pdf");
    std::fs::write(&draft, &preview.pdf).unwrap();
    assert!(!pdf_text(&draft, None).contains("شماره:"), "a draft prints no number");
    let xlsx = reports::save(&mut store, &letter(&codes[0], ReportFormat::Xlsx), &dir.path().join("l.xlsx")).unwrap();
    assert!(xlsx.numbers.is_empty());
    assert!(outgoing(&store).is_empty());

    // Three final letters: numbers 1, 2, 3 of the year, each printed on its letter.
    let mut numbers = Vec::new();
    for (n, code) in [&codes[0], &codes[1], &codes[0]].into_iter().enumerate() {
        let path = dir.path().join(format!("letter-{n}.pdf"));
        let saved = reports::save(&mut store, &letter(code, ReportFormat::Pdf), &path).unwrap();
        assert_eq!(saved.numbers, vec![format!("{year}/{}/ص", n + 1)]);
        let text = pdf_text(&path, None);
        assert!(prints_number(&text, &saved.numbers[0]), "{text}");
        numbers.extend(saved.numbers);
    }
    let entries = outgoing(&store);
    assert_eq!(entries.len(), 3);
    let mut unique: Vec<_> = entries.iter().filter_map(|e| e.number.clone()).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 3, "no number given twice");
    let first = entries.iter().find(|e| e.number.as_deref() == Some(numbers[0].as_str())).unwrap();
    assert_eq!((first.agency_code.as_str(), first.kind_label.as_str()), (codes[0].as_str(), "نامهٔ درخواست اقلام"));
    assert_eq!(first.entry_date, JalaliDate::today().to_latin_string());
    assert_eq!(first.document_name, "letter-0.pdf");
    assert_eq!(
        first.document_sha256,
        daftar::issued::sha256_hex(&std::fs::read(dir.path().join("letter-0.pdf")).unwrap())
    );

    // Listed per agency; a new pattern numbers the next letter.
    let mine = register::list(store.conn(), &RegisterFilter { agency: Some(codes[0].clone()), query: String::new() });
    assert_eq!(mine.unwrap().iter().filter(|e| e.direction == "out").count(), 2);
    let refused = register::set_pattern(&mut store, "ص/{year}").unwrap_err();
    assert_eq!(daftar::Problem::code(&refused), "register.pattern_without_seq");
    register::set_pattern(&mut store, "د-{seq}/{year}").unwrap();
    let saved = reports::save(&mut store, &letter(&codes[1], ReportFormat::Pdf), &dir.path().join("l4.pdf")).unwrap();
    assert_eq!(saved.numbers, vec![format!("د-4/{year}")]);
}

#[test]
fn intake_logs_each_returned_workbook_and_letters_are_logged_by_hand() {
    let (dir, mut store) = common::demo_copy();
    let all = register::list(store.conn(), &RegisterFilter::default()).unwrap();
    let returned: Vec<_> = all.iter().filter(|e| e.kind == "returned_workbook").collect();
    let accounts = returned.iter().filter(|e| e.service == "accounts").count();
    assert_eq!(accounts, suppliers(&store).len(), "the demo returns one workbook per supplying agency");
    assert!(returned.iter().any(|e| e.service == "evaluation"), "self-assessment workbooks too");
    for e in &returned {
        assert_eq!((e.direction.as_str(), e.number.as_deref()), ("in", None));
        assert!(e.reference.ends_with(".xlsx"), "the file name: {}", e.reference);
        assert_eq!(e.entry_date, JalaliDate::today().to_latin_string());
    }

    // By hand: an objection with its reference; refused without one or for an unknown agency.
    let code = suppliers(&store)[0].clone();
    let input = IncomingInput {
        service: "evaluation".into(),
        agency_code: code.clone(),
        kind: "objection".into(),
        date: "۱۴۰۳/۰۲/۱۰".into(),
        subject: "اعتراض به امتیاز شاخص آموزش".into(),
        reference: "۷۷۱۲/ص".into(),
    };
    let entry = register::log_incoming(&mut store, &input).unwrap();
    assert_eq!((entry.entry_date.as_str(), entry.kind_label.as_str()), ("1403/02/10", "اعتراض"));
    let no_reference = IncomingInput { reference: " ".into(), ..input.clone() };
    let err = register::log_incoming(&mut store, &no_reference).unwrap_err();
    assert_eq!(daftar::Problem::code(&err), "register.reference_required");
    let unknown = IncomingInput { agency_code: "999999".into(), ..input.clone() };
    assert_eq!(
        daftar::Problem::code(&register::log_incoming(&mut store, &unknown).unwrap_err()),
        "register.unknown_agency"
    );
    let bad_date = IncomingInput { date: "1403/13/01".into(), ..input.clone() };
    assert_eq!(daftar::Problem::code(&register::log_incoming(&mut store, &bad_date).unwrap_err()), "register.bad_date");

    // Search by the reference in Latin digits, by a word of the subject, by the agency.
    let find = |query: &str, agency: Option<&str>| {
        let filter = RegisterFilter { agency: agency.map(Into::into), query: query.into() };
        register::list(store.conn(), &filter).unwrap()
    };
    assert_eq!(find("7712", None).iter().map(|e| e.id).collect::<Vec<_>>(), vec![entry.id]);
    assert_eq!(find("شاخص آموزش", None).len(), 1);
    assert!(find("", Some(&code)).iter().all(|e| e.agency_code == code));
    assert!(find("چیزی که نیست", None).is_empty());

    // The workbook: a header and one row per entry, the newest first.
    let out = dir.path().join("register.xlsx");
    let count = register::export_xlsx(store.conn(), &RegisterFilter::default(), &out).unwrap();
    assert_eq!(count as usize, all.len() + 1);
    let mut book = daftar::sheets::WorkbookReader::open(&out).unwrap();
    let rows = book.rows("دبیرخانه", 10_000).unwrap();
    assert_eq!(rows.len(), all.len() + 2);
    assert_eq!(rows[0].cell(0).as_text(), "شماره");
    assert_eq!(rows[1].cell(8).as_text(), "۷۷۱۲/ص");
    assert_eq!(rows[1].cell(6).as_text(), "اعتراض");
}

#[test]
fn the_cli_logs_lists_and_exports_the_register() {
    let (dir, store) = common::demo_copy();
    let code = suppliers(&store)[0].clone();
    let file = store.path().to_path_buf();
    drop(store);
    let args = [
        "register",
        "log-in",
        "--service",
        "accounts",
        "--agency",
        &code,
        "--subject",
        "نامهٔ دستگاه",
        "--reference",
        "1234/د",
    ];
    let (status, _, err) = common::cli(&file, &args);
    assert_eq!(status, 0, "{err}");
    let (status, out, _) = common::cli(&file, &["--json", "register", "list", "--query", "1234"]);
    assert_eq!(status, 0);
    let rows: Vec<register::RegisterEntry> = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].agency_code.as_str(), rows[0].reference.as_str()), (code.as_str(), "1234/د"));
    let (status, _, err) = common::cli(
        &file,
        &["register", "log-in", "--service", "accounts", "--agency", &code, "--subject", "x", "--reference", ""],
    );
    assert_ne!(status, 0);
    assert!(err.contains("مرجع"), "{err}");
    let xlsx = dir.path().join("r.xlsx");
    let (status, _, err) = common::cli(&file, &["register", "export", "--out", xlsx.to_str().unwrap()]);
    assert_eq!(status, 0, "{err}");
    assert!(xlsx.is_file());
    let (status, out, _) = common::cli(&file, &["register", "pattern", "--set", "{seq}-{year}/ص"]);
    assert_eq!(status, 0);
    assert!(out.contains("{seq}-{year}/ص"), "{out}");
}

/// Tier notifications for every agency in one PDF, one page each: one number per agency, each
/// printed on its agency's page, all registered.
#[test]
fn a_batch_of_letters_takes_one_number_per_agency_printed_on_its_page() {
    use crate::reports_evaluation::{approved_year, phase_day};
    use daftar::evaluation::approval;
    let (dir, mut store) = approved_year();
    let approved = approval::approved_results(store.conn(), 1403).unwrap().unwrap();
    let national = dir.path().join("national.xlsx");
    let tiers = [(approved[0].agency.code.as_str(), "ممتاز ملی", 12)];
    common::national_workbook(&national, &tiers, Some((5, 31)));
    let today = phase_day(&store, "national");
    approval::import_national(&mut store, 1403, &national, today).unwrap();

    let request =
        ReportRequest { kind: "tier_notification".into(), year: 1403, agency: None, format: ReportFormat::Pdf };
    let path = dir.path().join("tiers.pdf");
    let saved = reports::save(&mut store, &request, &path).unwrap();
    assert_eq!(saved.pages, Some(approved.len() as u32));
    assert_eq!(saved.numbers.len(), approved.len(), "one number per agency");
    let entries = outgoing(&store);
    assert_eq!(entries.len(), approved.len());
    for (page, (result, number)) in approved.iter().zip(&saved.numbers).enumerate() {
        let text = pdf_text(&path, Some((page + 1, page + 1)));
        assert!(prints_number(&text, number), "page {}: {number}\n{text}", page + 1);
        assert!(has(&text, &result.agency.name), "page {} is {}'s", page + 1, result.agency.name);
        let entry = entries.iter().find(|e| e.number.as_deref() == Some(number.as_str())).unwrap();
        assert_eq!(
            (entry.agency_code.as_str(), entry.kind.as_str()),
            (result.agency.code.as_str(), "tier_notification")
        );
        assert_eq!(entry.document_name, "tiers.pdf");
    }
    // The preview of the same letters: no number on any page, nothing more registered.
    let preview = reports::make(&store, &request).unwrap();
    let draft = dir.path().join("draft.pdf");
    std::fs::write(&draft, &preview.pdf).unwrap();
    assert!(!pdf_text(&draft, None).contains("شماره"));
    assert_eq!(outgoing(&store).len(), approved.len());
    if let Some(keep) = std::env::var_os("DAFTAR_KEEP_REPORTS") {
        std::fs::copy(&path, Path::new(&keep).join("register-tiers.pdf")).unwrap();
    }
}

/// A letter whose file cannot be written takes no number (the entries roll back with it), and a
/// read-only file still prints the letter, as a draft without a number, and registers nothing.
#[test]
fn no_numbered_file_without_its_entry_and_none_in_a_read_only_file() {
    let (dir, mut store) = common::demo_copy();
    let code = suppliers(&store)[0].clone();
    let nowhere = dir.path().join("no-such-folder").join("letter.pdf");
    let err = reports::save(&mut store, &letter(&code, ReportFormat::Pdf), &nowhere).unwrap_err();
    assert_eq!(daftar::Problem::code(&err), "report.write_failed");
    assert!(outgoing(&store).is_empty(), "the number went back with the failed write");
    let saved = reports::save(&mut store, &letter(&code, ReportFormat::Pdf), &dir.path().join("a.pdf")).unwrap();
    assert_eq!(saved.numbers, vec![format!("{}/1/ص", JalaliDate::today().year)], "the next save takes number 1");

    let path = store.path().to_path_buf();
    drop(store);
    let mut store = Store::open_read_only(&path, "آزمون").unwrap();
    let out = dir.path().join("b.pdf");
    let draft = reports::save(&mut store, &letter(&code, ReportFormat::Pdf), &out).unwrap();
    assert!(draft.numbers.is_empty());
    assert!(!pdf_text(&out, None).contains("شماره:"), "a draft prints no number");
    assert_eq!(outgoing(&store).len(), 1);
}
