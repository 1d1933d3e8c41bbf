//! Plays an agency's part: takes the workbook the office sent and writes what the agency
//! sends back, with values typed in. The demo province and the tests use it; values can be
//! typed the ways people do (Persian digits as text, formulas, error cells).

use super::workbook::{NOTE_COLUMN, VALUE_COLUMN};
use crate::issued::IDENTITY_SHEET;
use calamine::{open_workbook, Data, Reader, Xlsx};
use rust_xlsxwriter::{Formula, Workbook, XlsxError};
use std::collections::HashMap;
use std::path::Path;

/// What the agency typed into an item's value cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    Number(f64),
    /// Text as typed, e.g. «۱۲٬۳۴۵٫۵».
    Text(String),
    /// A formula with the result Excel saved for it, e.g. ("=100+20", "120") or ("=1/0", "#DIV/0!").
    Formula(String, String),
    Empty,
}

/// The agency's reply: values and notes by item code, and stray cells typed elsewhere.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub values: HashMap<String, Typed>,
    pub notes: HashMap<String, String>,
    /// (sheet, 0-based row, 0-based column, text) typed outside the input cells.
    pub stray: Vec<(String, u32, u16, String)>,
    /// (sheet, 0-based row, cells): a row the agency inserted; the rows below move down.
    pub inserted: Vec<(String, u32, Vec<String>)>,
}

/// Write `reply` into a copy of the workbook at `sent`, saved at `returned`.
pub fn write_reply(sent: &Path, returned: &Path, reply: &Reply) -> Result<(), String> {
    let mut source: Xlsx<_> = open_workbook(sent).map_err(|e: calamine::XlsxError| e.to_string())?;
    let mut out = Workbook::new();
    for name in source.sheet_names() {
        let range = source.worksheet_range(&name).map_err(|e| e.to_string())?;
        let sheet = out.add_worksheet();
        sheet.set_name(&name).map_err(|e| e.to_string())?.set_right_to_left(true);
        let (top, left) = range.start().unwrap_or((0, 0));
        let inserted: Vec<&(String, u32, Vec<String>)> = reply.inserted.iter().filter(|(s, _, _)| *s == name).collect();
        let shift = |r: u32| r + inserted.iter().filter(|(_, at, _)| r >= *at).count() as u32;
        let mut codes_by_row: HashMap<u32, String> = HashMap::new();
        for (r, c, value) in range.cells() {
            let (r, c) = (shift(r as u32 + top), (c as u32 + left) as u16);
            if c == 0 {
                if let Data::String(s) = value {
                    codes_by_row.insert(r, s.clone());
                }
            }
            write_data(sheet, r, c, value).map_err(|e| e.to_string())?;
        }
        for (r, code) in &codes_by_row {
            if let Some(typed) = reply.values.get(code) {
                let result = match typed {
                    Typed::Number(n) => sheet.write_number(*r, VALUE_COLUMN, *n).map(|_| ()),
                    Typed::Text(t) => sheet.write_string(*r, VALUE_COLUMN, t).map(|_| ()),
                    Typed::Formula(f, cached) => {
                        sheet.write_formula(*r, VALUE_COLUMN, Formula::new(f).set_result(cached)).map(|_| ())
                    }
                    Typed::Empty => sheet.write_blank(*r, VALUE_COLUMN, &rust_xlsxwriter::Format::new()).map(|_| ()),
                };
                result.map_err(|e| e.to_string())?;
            }
            if let Some(note) = reply.notes.get(code) {
                sheet.write_string(*r, NOTE_COLUMN, note).map_err(|e| e.to_string())?;
            }
        }
        for (_, at, cells) in &inserted {
            for (c, text) in cells.iter().enumerate() {
                sheet.write_string(*at, c as u16, text).map_err(|e| e.to_string())?;
            }
        }
        for (stray_sheet, r, c, text) in &reply.stray {
            if *stray_sheet == name {
                sheet.write_string(*r, *c, text).map_err(|e| e.to_string())?;
            }
        }
        if name == IDENTITY_SHEET {
            sheet.set_very_hidden(true);
        }
    }
    out.save(returned).map_err(|e| e.to_string())
}

fn write_data(sheet: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, value: &Data) -> Result<(), XlsxError> {
    match value {
        Data::String(s) => sheet.write_string(r, c, s).map(|_| ()),
        Data::Float(f) => sheet.write_number(r, c, *f).map(|_| ()),
        Data::Int(i) => sheet.write_number(r, c, *i as f64).map(|_| ()),
        Data::Bool(b) => sheet.write_boolean(r, c, *b).map(|_| ()),
        _ => Ok(()),
    }
}

/// The replies of every agency of `sent` from a table of (item code, value, note) rows, as
/// agencies type them: most numbers as numbers, every seventh as Persian text with separators.
/// Returns the paths of the returned workbooks, written into `dir`.
pub fn replies_from_values(
    sent: &[super::GeneratedWorkbook],
    suppliers: &HashMap<String, String>,
    rows: &[(String, String, String)],
    dir: &Path,
) -> Result<Vec<std::path::PathBuf>, String> {
    let mut returned = Vec::new();
    for workbook in sent {
        let mut reply = Reply::default();
        for (n, (code, value, note)) in rows.iter().enumerate() {
            if suppliers.get(code) != Some(&workbook.agency_code) || value.is_empty() {
                continue;
            }
            let typed = match value.parse::<f64>() {
                Ok(v) if n % 7 == 0 => {
                    Typed::Text(crate::fa::format_decimal(v, value.split('.').nth(1).map_or(0, str::len)))
                }
                Ok(v) => Typed::Number(v),
                Err(_) => Typed::Text(value.clone()),
            };
            reply.values.insert(code.clone(), typed);
            if !note.is_empty() {
                reply.notes.insert(code.clone(), note.clone());
            }
        }
        let path = dir.join(format!("returned-{}.xlsx", workbook.agency_code));
        write_reply(Path::new(&workbook.path), &path, &reply)?;
        returned.push(path);
    }
    Ok(returned)
}
