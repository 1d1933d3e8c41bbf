//! The register as a right-to-left workbook.

use super::{list, RegisterEntry, RegisterError, RegisterFilter};
use rusqlite::Connection;
use std::path::Path;

/// Every entry `filter` picks as a workbook with Persian headers; returns how many.
pub fn export_xlsx(conn: &Connection, filter: &RegisterFilter, out: &Path) -> Result<u32, RegisterError> {
    let rows = list(conn, filter)?;
    let write_failed = |detail: String| RegisterError::Write { path: out.display().to_string(), detail };
    let bytes = workbook(&rows).map_err(|e| write_failed(e.to_string()))?;
    std::fs::write(out, bytes).map_err(|e| write_failed(e.to_string()))?;
    Ok(rows.len() as u32)
}

fn direction_label(direction: &str) -> &'static str {
    if direction == "out" {
        "صادره"
    } else {
        "وارده"
    }
}

fn service_label(service: &str) -> &'static str {
    if service == "accounts" {
        "حساب‌های منطقه‌ای"
    } else {
        "ارزیابی عملکرد"
    }
}

fn workbook(rows: &[RegisterEntry]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use crate::sheets::style;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("دبیرخانه")?.set_right_to_left(true);
    let columns: [(&str, f64); 11] = [
        ("شماره", 16.0),
        ("تاریخ", 12.0),
        ("صادره/وارده", 11.0),
        ("خدمت", 18.0),
        ("کد دستگاه", 10.0),
        ("دستگاه", 30.0),
        ("نوع", 20.0),
        ("موضوع", 40.0),
        ("مرجع", 24.0),
        ("فایل", 30.0),
        ("ثبت‌کننده", 14.0),
    ];
    let header = style::header();
    for (c, (title, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *title, &header)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let texts = [
            row.number.as_deref().unwrap_or(""),
            row.entry_date.as_str(),
            direction_label(&row.direction),
            service_label(&row.service),
            row.agency_code.as_str(),
            row.agency_name.as_str(),
            row.kind_label.as_str(),
            row.subject.as_str(),
            row.reference.as_str(),
            row.document_name.as_str(),
            row.created_by.as_str(),
        ];
        for (c, text) in texts.iter().enumerate() {
            sheet.write_string(i as u32 + 1, c as u16, *text)?;
        }
    }
    sheet.autofilter(0, 0, rows.len() as u32, columns.len() as u16 - 1)?;
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}
