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

#[test]
fn a_million_rows_are_refused_within_bounded_memory() {
    let (dir, mut store) = common::new_store();
    let path = dir.path().join("million.xlsx");
    {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet_with_constant_memory().unwrap();
        sheet.write_string(0, 0, "کد").unwrap();
        sheet.write_string(0, 1, "نام دستگاه").unwrap();
        for row in 1..=1_000_000u32 {
            sheet.write_number(row, 0, f64::from(row)).unwrap();
            sheet.write_string(row, 1, "اداره کل نمونه").unwrap();
        }
        workbook.save(&path).unwrap();
    }
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
