//! The forms of docs/architecture-notes.md («Numbers and codes») found again in what the app
//! writes: a PDF read back with pdftotext and the same document's workbook read with calamine;
//! and files of other formats named for what they are.

use crate::common;
use daftar::evaluation::simulate::{play_year, Until};
use daftar::fa::{self, JalaliDate};
use daftar::reports::{self, ReportFormat, ReportRequest};
use std::io::Write;
use std::process::Command;

#[test]
fn a_scorecard_reads_the_same_in_its_pdf_and_its_workbook() {
    use calamine::{Data, Reader};
    let (dir, mut store) = common::demo_store();
    let at = JalaliDate::parse("1404/01/15").unwrap();
    play_year(&mut store, &common::fixtures(), 1403, at, Until::Festival, &dir.path().join("work")).unwrap();
    let result = daftar::evaluation::approval::approved_results(store.conn(), 1403)
        .unwrap()
        .unwrap()
        .into_iter()
        .find(|r| r.agency.code == "101")
        .unwrap();
    let request = |format| ReportRequest { kind: "scorecard".into(), year: 1403, agency: Some("101".into()), format };
    let pdf = dir.path().join("scorecard.pdf");
    reports::save(&mut store, &request(ReportFormat::Pdf), &pdf).unwrap();
    let xlsx = dir.path().join("scorecard.xlsx");
    reports::save(&mut store, &request(ReportFormat::Xlsx), &xlsx).unwrap();

    let out = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    assert!(out.status.success());
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect();
    // Codes Latin, the percent sign after the number, decimals with ٫ and ٬.
    assert!(text.contains("G01") && !text.contains("G۰۱"), "indicator codes in Latin digits:\n{text}");
    let percent = fa::percent(result.percent, 2);
    assert!(text.contains(&percent), "{percent} in the PDF:\n{text}");
    assert!(!text.contains(&format!("٪{}", fa::format_decimal(result.percent, 2))), "no ٪ before a number");
    assert!(text.contains(&fa::format_decimal(result.total, 2)), "the total as a decimal");

    let mut book = calamine::open_workbook_auto(&xlsx).unwrap();
    let mut codes = Vec::new();
    let mut numbers = 0;
    let mut texts = Vec::new();
    for name in book.sheet_names() {
        for row in book.worksheet_range(&name).unwrap().rows() {
            for cell in row {
                match cell {
                    Data::String(s) if s.len() <= 4 && s.starts_with('G') => codes.push(s.clone()),
                    Data::String(s) => texts.push(s.clone()),
                    Data::Float(_) => numbers += 1,
                    _ => {}
                }
            }
        }
    }
    assert!(codes.contains(&"G01".to_string()), "the workbook's codes: {codes:?}");
    assert!(numbers > 10, "scores are numbers in Excel");
    assert!(texts.contains(&percent), "the percentage as the PDF writes it: {texts:?}");
    assert!(texts.iter().all(|t| !t.contains("G۰۱")), "no code in Persian digits");
}

fn refusal(name: &str, bytes: &[u8]) -> daftar::sheets::SheetError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    daftar::sheets::read_sheet(&path, &[], 100).err().unwrap()
}

#[test]
fn an_ods_file_is_named_as_such_not_damaged() {
    // An OpenDocument spreadsheet as LibreOffice writes one: a zip whose first entry,
    // stored, is «mimetype».
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(b"<office:document-content/>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let err = refusal("gas.xlsx", &bytes);
    assert_eq!(daftar::Problem::code(&err), "sheet.not_xlsx");
    assert_eq!(
        err.to_string(),
        "فایل «gas.xlsx» کارپوشهٔ اکسل (xlsx) نیست؛ صفحه‌گستردهٔ OpenDocument (ods) است، نه آسیب‌دیده. \
         آن را در اکسل یا لیبره‌آفیس باز کنید و با قالب xlsx ذخیره کنید: در اکسل «Excel Workbook (*.xlsx)» \
         و در لیبره‌آفیس «Excel 2007–365»."
    );
}

#[test]
fn an_xls_file_names_both_programs_save_formats() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(1024, 0);
    let err = refusal("gas.xls", &bytes);
    assert_eq!(daftar::Problem::code(&err), "sheet.not_xlsx");
    assert_eq!(
        err.to_string(),
        "فایل «gas.xls» کارپوشهٔ اکسل (xlsx) نیست؛ کارپوشهٔ قدیمی اکسل (xls) است. \
         آن را در اکسل یا لیبره‌آفیس باز کنید و با قالب xlsx ذخیره کنید: در اکسل «Excel Workbook (*.xlsx)» \
         و در لیبره‌آفیس «Excel 2007–365»."
    );
}
