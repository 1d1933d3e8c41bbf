//! Plays an agency's (or an evaluator's) part: takes the workbook the office sent and writes
//! the one that comes back, with values typed in. The demo, the tests and the benchmark use it.

use super::workbook::{ACTUAL_COLUMN, MEASURE_COLUMN, NOTE_COLUMN, SCORE_COLUMN};
use crate::issued::IDENTITY_SHEET;
use calamine::{open_workbook, Data, Reader, Xlsx};
use rust_xlsxwriter::Workbook;
use std::collections::HashMap;
use std::path::Path;

/// What is typed on one row: (indicator, measure or "") -> (value, score, note).
pub type Typed = HashMap<(String, String), (String, String, String)>;

/// Rows of a fixture table (agency, indicator, measure, value, score, note) for one agency.
pub fn typed_for(rows: &[Vec<String>], agency: &str) -> Typed {
    rows.iter()
        .filter(|r| r.first().map(String::as_str) == Some(agency))
        .map(|r| {
            let cell = |i: usize| r.get(i).cloned().unwrap_or_default();
            ((cell(1), cell(2)), (cell(3), cell(4), cell(5)))
        })
        .collect()
}

/// Write `typed` into a copy of the workbook at `sent`, saved at `returned`. Numbers are
/// written as numbers, except every fifth one, which is typed as Persian text as people do.
pub fn write_reply(sent: &Path, returned: &Path, typed: &Typed) -> Result<(), String> {
    write_reply_at(sent, returned, typed, 0)
}

/// Rows of a fixture table (agency, indicator, measure, value, score, note) for a lead
/// workbook: keyed by «agency/indicator» and measure, the indicators of `indicators` only.
pub fn typed_for_lead(rows: &[Vec<String>], indicators: &[String]) -> Typed {
    rows.iter()
        .filter(|r| r.get(1).is_some_and(|i| indicators.contains(i)))
        .map(|r| {
            let cell = |i: usize| r.get(i).cloned().unwrap_or_default();
            ((format!("{}/{}", cell(0), cell(1)), cell(2)), (cell(3), cell(4), cell(5)))
        })
        .collect()
}

/// A lead agency's reply: as [`write_reply`], on a sheet whose indicator columns start at
/// column `shift`, after the agency's code (column 0) and name.
pub fn write_lead_reply(sent: &Path, returned: &Path, typed: &Typed) -> Result<(), String> {
    write_reply_at(sent, returned, typed, super::lead_workbook::LEAD_SHIFT)
}

fn write_reply_at(sent: &Path, returned: &Path, typed: &Typed, shift: u16) -> Result<(), String> {
    let mut source: Xlsx<_> = open_workbook(sent).map_err(|e: calamine::XlsxError| e.to_string())?;
    let mut out = Workbook::new();
    let mut count = 0usize;
    for name in source.sheet_names() {
        let range = source.worksheet_range(&name).map_err(|e| e.to_string())?;
        let sheet = out.add_worksheet();
        sheet.set_name(&name).map_err(|e| e.to_string())?.set_right_to_left(true);
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut keys: HashMap<u32, (String, String)> = HashMap::new();
        for (r, c, value) in range.cells() {
            let (r, c) = (r as u32 + top, (c as u32 + left) as u16);
            match value {
                Data::String(s) => {
                    sheet.write_string(r, c, s).map_err(|e| e.to_string())?;
                }
                Data::Float(f) => {
                    sheet.write_number(r, c, *f).map_err(|e| e.to_string())?;
                }
                Data::Int(i) => {
                    sheet.write_number(r, c, *i as f64).map_err(|e| e.to_string())?;
                }
                _ => {}
            }
            if let Data::String(s) = value {
                let entry = keys.entry(r).or_default();
                if c == 0 && shift > 0 {
                    entry.0 = format!("{s}/{}", entry.0);
                } else if c == shift {
                    entry.0 = format!("{}{s}", entry.0);
                } else if c == MEASURE_COLUMN + shift {
                    entry.1 = s.clone();
                }
            }
        }
        for (r, key) in &keys {
            let Some((value, score, note)) = typed.get(key) else { continue };
            for (column, text) in [(ACTUAL_COLUMN + shift, value), (SCORE_COLUMN + shift, score)] {
                if text.is_empty() {
                    continue;
                }
                count += 1;
                match text.parse::<f64>() {
                    Ok(n) if !count.is_multiple_of(5) => sheet.write_number(*r, column, n).map(|_| ()),
                    Ok(_) => sheet
                        .write_string(*r, column, crate::fa::to_persian_digits(&text.replace('.', "٫")))
                        .map(|_| ()),
                    Err(_) => sheet.write_string(*r, column, text).map(|_| ()),
                }
                .map_err(|e| e.to_string())?;
            }
            if !note.is_empty() {
                sheet.write_string(*r, NOTE_COLUMN + shift, note).map_err(|e| e.to_string())?;
            }
        }
        if name == IDENTITY_SHEET {
            sheet.set_very_hidden(true);
        }
    }
    out.save(returned).map_err(|e| e.to_string())
}

/// Read a fixture TSV (header line skipped).
pub fn read_tsv(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect())
}
