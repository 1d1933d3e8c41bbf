//! Values of items by year, with their history: a new value marks the old one not current,
//! and both stay.

use rusqlite::{params, Connection};
use std::collections::HashMap;

/// A value as stored: a number or a text, the agency's note, and where it sits in the
/// workbook it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredValue {
    pub number: Option<f64>,
    pub text: Option<String>,
    pub note: String,
    pub cell: String,
}

/// The current value of every item of `year`.
pub fn current_values(conn: &Connection, year: i32) -> rusqlite::Result<HashMap<String, StoredValue>> {
    let mut stmt = conn.prepare("SELECT item_code, value_num, value_text, note, cell FROM ra_value WHERE year = ?1 AND current = 1")?;
    let rows = stmt.query_map([year], |r| {
        Ok((r.get::<_, String>(0)?, StoredValue { number: r.get(1)?, text: r.get(2)?, note: r.get(3)?, cell: r.get(4)? }))
    })?;
    rows.collect()
}

/// Where a new value came from.
pub struct Provenance<'a> {
    pub source: &'a str,
    pub submission_id: Option<i64>,
    pub cell: &'a str,
    pub actor: &'a str,
}

/// Whether setting a value changed anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Changed,
    Same,
}

/// Make `value` the current value of `item_code` in `year`, keeping the old one in the history.
pub fn set_value(conn: &Connection, year: i32, item_code: &str, value: &StoredValue, from: &Provenance) -> rusqlite::Result<Change> {
    let old = current_values_of(conn, year, item_code)?;
    let change = match &old {
        None => Change::New,
        Some(o) if o.number == value.number && o.text == value.text && o.note == value.note => return Ok(Change::Same),
        Some(_) => Change::Changed,
    };
    conn.execute("UPDATE ra_value SET current = 0 WHERE year = ?1 AND item_code = ?2 AND current = 1", params![year, item_code])?;
    conn.execute(
        "INSERT INTO ra_value (year, item_code, value_num, value_text, note, source, submission_id, cell, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            year,
            item_code,
            value.number,
            value.text,
            value.note,
            from.source,
            from.submission_id,
            from.cell,
            crate::store::now_iso(),
            from.actor
        ],
    )?;
    Ok(change)
}

fn current_values_of(conn: &Connection, year: i32, item_code: &str) -> rusqlite::Result<Option<StoredValue>> {
    use rusqlite::OptionalExtension;
    conn.query_row(
        "SELECT value_num, value_text, note, cell FROM ra_value WHERE year = ?1 AND item_code = ?2 AND current = 1",
        params![year, item_code],
        |r| Ok(StoredValue { number: r.get(0)?, text: r.get(1)?, note: r.get(2)?, cell: r.get(3)? }),
    )
    .optional()
}

/// Every value an item has had in `year`, oldest first: (value, source, entered at, by, current).
pub fn history(conn: &Connection, year: i32, item_code: &str) -> rusqlite::Result<Vec<(StoredValue, String, String, String, bool)>> {
    let mut stmt = conn.prepare(
        "SELECT value_num, value_text, note, cell, source, entered_at, entered_by, current
         FROM ra_value WHERE year = ?1 AND item_code = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![year, item_code], |r| {
        Ok((
            StoredValue { number: r.get(0)?, text: r.get(1)?, note: r.get(2)?, cell: r.get(3)? },
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
        ))
    })?;
    rows.collect()
}
