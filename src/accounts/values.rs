//! Values of items by year, with their history: a new value marks the old one not current,
//! and both stay.

use crate::issued::cells::bounded;
use crate::issued::{Change, Provenance};
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
    let mut stmt = conn
        .prepare("SELECT item_code, value_num, value_text, note, cell FROM ra_value WHERE year = ?1 AND current = 1")?;
    let rows = stmt.query_map([year], |r| {
        Ok((
            r.get::<_, String>(0)?,
            StoredValue { number: r.get(1)?, text: r.get(2)?, note: r.get(3)?, cell: r.get(4)? },
        ))
    })?;
    rows.collect()
}

/// Make `value` the current value of `item_code` in `year`, keeping the old one in the history.
/// A number past the bound every entry path holds is refused here too, as the last guard: a
/// non-finite number would be stored as NULL and an absurd one pass the checks.
pub fn set_value(
    conn: &Connection,
    year: i32,
    item_code: &str,
    value: &StoredValue,
    from: &Provenance,
) -> rusqlite::Result<Change> {
    if let Some(Err(message)) = value.number.map(bounded) {
        return Err(rusqlite::Error::ToSqlConversionFailure(format!("{item_code}: {message}").into()));
    }
    let old = current_values_of(conn, year, item_code)?;
    let change = match &old {
        None => Change::New,
        Some(o) if o.number == value.number && o.text == value.text && o.note == value.note => return Ok(Change::Same),
        Some(_) => Change::Changed,
    };
    // Cached statements: a workbook sets hundreds of values; each compiled once per connection.
    if old.is_some() {
        conn.prepare_cached("UPDATE ra_value SET current = 0 WHERE year = ?1 AND item_code = ?2 AND current = 1")?
            .execute(params![year, item_code])?;
    }
    conn.prepare_cached(
        "INSERT INTO ra_value (year, item_code, value_num, value_text, note, source, submission_id, cell, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
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
        ])?;
    Ok(change)
}

/// Clear `item_code`'s value because the newer workbook of its agency left its cell empty
/// (docs/formats/intake.md): only a value an earlier workbook brought is cleared; one typed in
/// the app or imported came by another way and stays. The empty state is a new current row,
/// the cleared value stays in the history. Whether a value was cleared.
pub fn clear_from_workbook(
    conn: &Connection,
    year: i32,
    item_code: &str,
    note: &str,
    from: &Provenance,
) -> rusqlite::Result<bool> {
    let brought_by_workbook: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM ra_value WHERE year = ?1 AND item_code = ?2 AND current = 1 AND source = 'workbook'
             AND (value_num IS NOT NULL OR value_text IS NOT NULL))",
        )?
        .query_row(params![year, item_code], |r| r.get(0))?;
    if !brought_by_workbook {
        return Ok(false);
    }
    let empty = StoredValue { number: None, text: None, note: note.to_string(), cell: from.cell.to_string() };
    set_value(conn, year, item_code, &empty, from)?;
    Ok(true)
}

fn current_values_of(conn: &Connection, year: i32, item_code: &str) -> rusqlite::Result<Option<StoredValue>> {
    use rusqlite::OptionalExtension;
    conn.prepare_cached(
        "SELECT value_num, value_text, note, cell FROM ra_value WHERE year = ?1 AND item_code = ?2 AND current = 1",
    )?
    .query_row(params![year, item_code], |r| {
        Ok(StoredValue { number: r.get(0)?, text: r.get(1)?, note: r.get(2)?, cell: r.get(3)? })
    })
    .optional()
}

/// One value an item had: (value, source, entered at, by, current).
pub type PastValue = (StoredValue, String, String, String, bool);

/// Every value an item has had in `year`, oldest first.
pub fn history(conn: &Connection, year: i32, item_code: &str) -> rusqlite::Result<Vec<PastValue>> {
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

/// The final values of an earlier year (or any year) from a sheet of «کد قلم» and «مقدار»
/// (and optionally «یادداشت»): all rows land, or none do.
pub fn import_final_values(
    store: &mut crate::store::Store,
    year: i32,
    path: &std::path::Path,
) -> Result<u32, super::AccountsError> {
    use crate::sheets::{read_sheet, Column, Header};
    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    enum F {
        Code,
        Value,
        Note,
    }
    const COLUMNS: &[Column<F>] = &[
        Column { field: F::Code, name: "کد قلم", aliases: &["کد"] },
        Column { field: F::Value, name: "مقدار", aliases: &[] },
        Column { field: F::Note, name: "یادداشت", aliases: &[] },
    ];
    let sheet = read_sheet(path, &["مقادیر"], 50_000)?;
    let (header, rows) = match Header::split(&sheet.rows, &sheet.sheet, COLUMNS, &[F::Code, F::Value]) {
        Ok(split) => split,
        Err(m) => {
            return Err(super::AccountsError::MissingColumns {
                file: sheet.file_name,
                sheet: sheet.sheet,
                missing: m.missing,
                found: m.found,
            })
        }
    };
    let mut parsed = Vec::new();
    let mut problems = Vec::new();
    for row in rows {
        let code = crate::fa::normalize_text(&header.text(row, F::Code)).to_ascii_uppercase();
        let number = match header.cell(row, F::Value) {
            cell if cell.is_empty() => None,
            cell => match crate::issued::cells::read_number(cell) {
                Ok(n) => Some(n),
                Err(message) => {
                    problems.push(header.problem(row, F::Value, message));
                    None
                }
            },
        };
        if code.is_empty() {
            problems.push(header.problem(row, F::Code, "کد قلم را بنویسید.".into()));
        }
        if let Some(number) = number {
            let note = crate::fa::normalize_text(&header.text(row, F::Note));
            parsed.push((code, StoredValue { number: Some(number), text: None, note, cell: String::new() }));
        }
    }
    if !problems.is_empty() {
        return Err(super::AccountsError::InvalidValues { file: sheet.file_name, problems });
    }
    let file = sheet.file_name.clone();
    store.write(|tx, actor| {
        for (code, value) in &parsed {
            set_value(tx, year, code, value, &Provenance::imported(actor))?;
        }
        crate::store::record_audit(
            tx,
            actor,
            &crate::store::AuditEntry::new("ra_values", &year.to_string(), "import")
                .new_value(serde_json::json!({ "file": file, "values": parsed.len() })),
        )?;
        Ok::<_, super::AccountsError>(parsed.len() as u32)
    })
}

/// A value typed by the analyst in the app (for items that came by letter); empty clears it.
pub fn enter_value(
    store: &mut crate::store::Store,
    year: i32,
    item_code: &str,
    typed: &str,
    note: &str,
) -> Result<Change, super::AccountsError> {
    let template = super::template_of(store, year)?;
    let code = item_code.trim().to_ascii_uppercase();
    let item = template
        .items
        .iter()
        .find(|i| i.code == code)
        .ok_or_else(|| super::AccountsError::UnknownItem { year, code: code.clone() })?;
    let typed = crate::fa::normalize_text(typed);
    let value = if item.kind == super::ItemKind::Text {
        StoredValue {
            number: None,
            text: Some(typed.clone()).filter(|t| !t.is_empty()),
            note: note.trim().to_string(),
            cell: String::new(),
        }
    } else if typed.is_empty() {
        StoredValue { number: None, text: None, note: note.trim().to_string(), cell: String::new() }
    } else {
        let number = crate::fa::parse_number(&typed)
            .map_err(|e| e.to_string())
            .and_then(bounded)
            .map_err(|message| super::AccountsError::InvalidValue { code: code.clone(), message })?;
        StoredValue { number: Some(number), text: None, note: note.trim().to_string(), cell: String::new() }
    };
    store.write(|tx, actor| {
        let change = set_value(tx, year, &code, &value, &Provenance::typed(actor))?;
        if change != Change::Same {
            crate::store::record_audit(
                tx,
                actor,
                &crate::store::AuditEntry::new("ra_value", &format!("{year}/{code}"), "enter")
                    .new_value(serde_json::json!({ "number": value.number, "text": value.text, "note": value.note })),
            )?;
        }
        Ok::<_, super::AccountsError>(change)
    })
}
