//! A sheet with a million rows is refused without reading it into memory: its size is
//! refused from the zip's directory before calamine reads a row.
//! Its own test binary, so that the peak memory measured is this test's alone.

#[allow(dead_code)]
#[path = "integration/common.rs"]
mod common;

use daftar::agencies::{self, MAX_IMPORT_ROWS};
use daftar::Problem;

fn peak_memory_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kib| kib / 1024)
        .unwrap_or(0)
}

/// A million-row workbook written part by part through the zip writer, so that writing it
/// needs no more memory than refusing it (rust_xlsxwriter's constant_memory feature did this;
/// as a dev-dependency feature it also changed the release CLI that `cargo bench` relinks).
fn write_million_rows(path: &std::path::Path) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, deflated).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", deflated).unwrap();
    zip.write_all(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>کد</t></is></c><c r="B1" t="inlineStr"><is><t>نام دستگاه</t></is></c></row>"#.as_bytes()).unwrap();
    for row in 2..=1_000_001u32 {
        write!(zip, r#"<row r="{row}"><c r="A{row}"><v>{}</v></c><c r="B{row}" t="inlineStr"><is><t>اداره کل نمونه</t></is></c></row>"#, row - 1).unwrap();
    }
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap();
}

#[test]
fn a_million_rows_are_refused_within_bounded_memory() {
    let (dir, mut store) = common::new_store();
    let path = dir.path().join("million.xlsx");
    write_million_rows(&path);
    let err = agencies::import_xlsx(&mut store, &path).unwrap_err();
    // Refused by the workbook's bounds (sheets::guard) before calamine reads a row.
    assert_eq!(err.code(), "sheet.too_large");
    assert_eq!(
        err.to_string(),
        "فایل «million.xlsx» خوانده نشد چون بخش «xl/worksheets/sheet1.xml» باز که شود ۱۲۳ مگابایت است و بیش از ۶۴ مگابایت پذیرفته نیست؛ کارپوشه‌ای که دفتر می‌خواند هرگز به این اندازه نمی‌رسد. برگه‌ها و ردیف‌های اضافه را پاک کنید یا کارپوشهٔ درست را از فرستنده بخواهید."
    );
    assert!(agencies::list(&store, "", true).unwrap().is_empty());
    assert_eq!(MAX_IMPORT_ROWS, 5_000);
    let peak = peak_memory_mib();
    eprintln!("peak memory of writing and refusing a million-row sheet: {peak} MiB");
    assert!(peak < 100, "peak memory {peak} MiB");
}
