//! Every kind of workbook the app writes, printed as an office prints it: LibreOffice converts
//! it to PDF (`soffice --headless --convert-to pdf`), and poppler reads the pages back. No
//! `###` (a number wider than its column), headers whole, every page one table wide on A4.

use crate::common;
use daftar::evaluation::simulate::{play_year, Until};
use daftar::fa::JalaliDate;
use daftar::reports::{self, ReportFormat, ReportRequest};
use daftar::store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;

/// LibreOffice, or None (and why) when it is not installed: scripts/setup.sh installs it.
fn soffice() -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join("soffice")).find(|p| p.is_file()));
    if found.is_none() {
        eprintln!(
            "SKIPPED: soffice (LibreOffice) is not installed, so workbooks cannot be printed to PDF; \
             scripts/setup.sh installs libreoffice-calc-nogui"
        );
    }
    found
}

/// `xlsx` converted to `format` by LibreOffice in `out`, with a profile of its own so that
/// parallel runs do not share one.
fn convert(soffice: &Path, xlsx: &Path, out: &Path, format: &str) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
        .args(["--headless", "--norestore", "--convert-to", format, "--outdir"])
        .arg(out)
        .arg(xlsx)
        .output()
        .unwrap();
    let converted = out.join(xlsx.with_extension(format).file_name().unwrap());
    assert!(
        status.status.success() && converted.is_file(),
        "soffice did not convert {}: {}",
        xlsx.display(),
        String::from_utf8_lossy(&status.stderr)
    );
    converted
}

/// The text of each page, without the bidi controls pdftotext wraps right-to-left runs in.
fn pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect::<String>()
        .split('\u{000C}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Page count and the size of page 1 in points.
fn page_info(pdf: &Path) -> (usize, f64, f64) {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| {
        info.lines().find(|l| l.starts_with(name)).map(|l| l[name.len()..].trim().to_string()).unwrap_or_default()
    };
    let pages: usize = field("Pages:").parse().unwrap();
    let size = field("Page size:");
    let numbers: Vec<f64> = size.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    (pages, numbers[0], numbers[1])
}

/// What a printed workbook must show: the first and last column headers of one of its tables
/// on every page after the guide (headers repeated, one table wide per page).
struct Expect {
    name: &'static str,
    /// The first and last headers of each table of the workbook.
    headers: &'static [(&'static str, &'static str)],
    /// Most pages the print may take.
    max_pages: usize,
    /// Pages before the tables (a workbook's guide).
    guide_pages: usize,
}

/// Words at both ends of the guide's longest lines: cut lines lose them.
const GUIDE_ENDS: [&str; 2] = ["کارپوشه", "شماست"];

fn check_printed(soffice: &Path, xlsx: &Path, dir: &Path, expect: &Expect) {
    let pdf = convert(soffice, xlsx, dir, "pdf");
    let (count, width, height) = page_info(&pdf);
    let a4 = |w: f64, h: f64| (w - 595.0).abs() < 3.0 && (h - 842.0).abs() < 3.0;
    assert!(a4(width, height) || a4(height, width), "{}: page size {width} x {height}, not A4", expect.name);
    assert!(count >= 1 && count <= expect.max_pages, "{}: {count} pages", expect.name);
    let texts = pages(&pdf);
    assert!(!texts[0].contains("###"), "{}: a column too narrow for its numbers on page 1:\n{}", expect.name, texts[0]);
    for (n, text) in texts.iter().enumerate() {
        assert!(!text.contains("###"), "{}, page {}: ###", expect.name, n + 1);
        if n < expect.guide_pages {
            if expect.name == "agency workbook" {
                for word in GUIDE_ENDS {
                    assert!(text.contains(word), "{}: the guide is cut («{word}» missing):\n{text}", expect.name);
                }
            }
            continue;
        }
        // The header rows repeat on every page, whole: the first column's header and the
        // last's, so that no column spilled onto a page of its own.
        assert!(
            expect.headers.iter().any(|(first, last)| text.contains(first) && text.contains(last)),
            "{}, page {}: not both the first and last header of a table among {:?} (header not repeated, \
             or the table split across pages):\n{text}",
            expect.name,
            n + 1,
            expect.headers
        );
    }
    assert!(texts.len() > expect.guide_pages, "{}: no table printed", expect.name);
}

/// A province file whose evaluation year is approved (with the festival), and the work folder
/// where the self-assessment workbooks were issued.
fn approved_year(dir: &Path) -> (Store, PathBuf) {
    let (_, mut store) = common::demo_store();
    let work = dir.join("work");
    let at = JalaliDate::parse("1404/01/15").unwrap();
    play_year(&mut store, &common::fixtures(), 1403, at, Until::Festival, &work).unwrap();
    (store, work)
}

#[test]
fn every_workbook_prints_whole_on_a4() {
    let Some(soffice) = soffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();

    // Regional accounts: an agency's workbook and the package's tables workbook.
    let demo_path = out.join("demo.daftar");
    daftar::demo::build(&demo_path, &common::fixtures(), false, "آزمون").unwrap();
    let mut demo = Store::open(&demo_path, "کارشناس").unwrap();
    let sent = daftar::accounts::generate_workbooks(&mut demo, 1403, &out.join("sent"), &["101".into()]).unwrap();
    let agency_workbook = PathBuf::from(&sent[0].path);
    let package = out.join("package.zip");
    daftar::accounts::package::package(&mut demo, 1403, &package, true).unwrap();
    let tables = out.join("tables-1403.xlsx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&package).unwrap()).unwrap();
    std::io::copy(&mut zip.by_name("tables-1403.xlsx").unwrap(), &mut std::fs::File::create(&tables).unwrap()).unwrap();

    // Evaluation: a self-assessment workbook, the ranking and the national export.
    let (mut store, work) = approved_year(out);
    let purpose = daftar::evaluation::workbook::Purpose::SelfAssessment;
    let self_assessment = std::fs::read_dir(work.join(purpose.as_str()))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .unwrap();
    let ranking = out.join("ranking.xlsx");
    reports::save(
        &mut store,
        &ReportRequest { kind: "ranking".into(), year: 1403, agency: None, format: ReportFormat::Xlsx },
        &ranking,
    )
    .unwrap();
    let national = out.join("national.xlsx");
    daftar::evaluation::approval::export_national(&store, 1403, &national).unwrap();

    // DAFTAR_PRINT_DIR keeps the workbooks and their PDFs, to look at.
    let printed = std::env::var_os("DAFTAR_PRINT_DIR").map_or_else(|| out.join("printed"), PathBuf::from);
    std::fs::create_dir_all(&printed).unwrap();
    for xlsx in [&ranking, &tables, &agency_workbook, &self_assessment, &national] {
        std::fs::copy(xlsx, printed.join(xlsx.file_name().unwrap())).unwrap();
    }
    let cases = [
        (
            &ranking,
            Expect {
                name: "ranking", headers: &[("رتبه", "تغییر"), ("سطح", "دستگاه")], max_pages: 6, guide_pages: 0
            },
        ),
        (&tables, Expect { name: "package tables", headers: &[("شرح", "شرح")], max_pages: 30, guide_pages: 0 }),
        (
            &agency_workbook,
            Expect {
                name: "agency workbook", headers: &[("کد قلم", "یادداشت")], max_pages: 12, guide_pages: 1
            },
        ),
        (
            &self_assessment,
            Expect {
                name: "self-assessment", headers: &[("کد شاخص", "مستندات")], max_pages: 8, guide_pages: 1
            },
        ),
        (
            &national,
            Expect {
                name: "national export",
                headers: &[("استان", "رتبه"), ("کد دستگاه", "امتیاز نهایی")],
                max_pages: 60,
                guide_pages: 0,
            },
        ),
    ];
    for (xlsx, expect) in &cases {
        check_printed(&soffice, xlsx, &printed, expect);
    }
}
