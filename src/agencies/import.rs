//! Importing the agency directory from an xlsx sheet: all rows land in one transaction,
//! or, if anything is wrong, none do and every problem is named by row and column.

use super::repo::{by_code, by_name_key, group_id, insert, update};
use super::validate::{clean, problems};
use super::{Agency, AgencyError, AgencyInput, RowProblem};
use crate::fa::{self, comparison_key};
use crate::sheets::{read_sheet, CellValue, Column, Header, SheetRow};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// A province has tens of agencies; a sheet with more filled rows than this is the wrong sheet.
pub const MAX_IMPORT_ROWS: usize = 5_000;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub file_name: String,
    pub rows_read: u32,
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub groups_added: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Code,
    Name,
    ShortName,
    Group,
    Ministry,
    Focal,
    Phone,
    Email,
    Active,
}

/// The columns of the documented sheet (docs/formats/agencies.md): header and accepted aliases.
const COLUMNS: &[Column<Field>] = &[
    Column { field: Field::Code, name: "کد", aliases: &["کد دستگاه"] },
    Column { field: Field::Name, name: "نام دستگاه", aliases: &["نام", "عنوان دستگاه"] },
    Column { field: Field::ShortName, name: "نام کوتاه", aliases: &["نام اختصاری"] },
    Column { field: Field::Group, name: "گروه جشنواره", aliases: &["گروه"] },
    Column {
        field: Field::Ministry, name: "دستگاه مادر", aliases: &["وزارتخانه", "وزارتخانه مادر"]
    },
    Column { field: Field::Focal, name: "کارشناس رابط", aliases: &["رابط", "کارشناس"] },
    Column { field: Field::Phone, name: "تلفن", aliases: &["شماره تلفن"] },
    Column {
        field: Field::Email, name: "رایانامه", aliases: &["ایمیل", "پست الکترونیک", "پست الکترونیکی"]
    },
    Column { field: Field::Active, name: "فعال", aliases: &["وضعیت"] },
];
const REQUIRED: [Field; 2] = [Field::Code, Field::Name];

type Layout = Header<Field>;

struct Record {
    row: SheetRow,
    input: AgencyInput,
    /// None: the row does not say (empty cell or no column).
    active: Option<bool>,
}

/// The file's values over the agency's: an empty cell or an absent column keeps what the
/// province file has, so that a partial sheet never erases anything.
fn merged(existing: &AgencyInput, from_file: &AgencyInput) -> AgencyInput {
    let keep = |new: &str, old: &str| if new.is_empty() { old.to_string() } else { new.to_string() };
    AgencyInput {
        code: from_file.code.clone(),
        name: keep(&from_file.name, &existing.name),
        short_name: keep(&from_file.short_name, &existing.short_name),
        group: from_file.group.clone().or_else(|| existing.group.clone()),
        parent_ministry: keep(&from_file.parent_ministry, &existing.parent_ministry),
        focal_person: keep(&from_file.focal_person, &existing.focal_person),
        phone: keep(&from_file.phone, &existing.phone),
        email: keep(&from_file.email, &existing.email),
    }
}

fn field_of(name: &str) -> Field {
    match name {
        "code" => Field::Code,
        "name" => Field::Name,
        "phone" => Field::Phone,
        "email" => Field::Email,
        _ => Field::Name,
    }
}

/// Ok(None) when the cell is empty; Err when it is not understood.
fn parse_active(text: &str) -> Result<Option<bool>, ()> {
    match comparison_key(text).as_str() {
        "" => Ok(None),
        "بله" | "آری" | "فعال" | "1" | "true" | "yes" => Ok(Some(true)),
        "خیر" | "نه" | "غیرفعال" | "0" | "false" | "no" => Ok(Some(false)),
        _ => Err(()),
    }
}

fn read_records(layout: &Layout, rows: &[SheetRow]) -> (Vec<Record>, Vec<RowProblem>) {
    let mut records = Vec::new();
    let mut found = Vec::new();
    let mut first_row_of_code: HashMap<String, u32> = HashMap::new();
    let mut first_row_of_name: HashMap<String, u32> = HashMap::new();
    for row in rows {
        let mut row_problems = Vec::new();
        for (field, index) in layout.fields() {
            if let CellValue::Error(e) = row.cell(index) {
                row_problems.push(layout.problem(
                    row,
                    field,
                    format!("خانه خطای فرمول «{e}» دارد؛ مقدار درست را بنویسید."),
                ));
            }
        }
        let raw = AgencyInput {
            code: layout.text(row, Field::Code),
            name: layout.text(row, Field::Name),
            short_name: layout.text(row, Field::ShortName),
            group: Some(layout.text(row, Field::Group)),
            parent_ministry: layout.text(row, Field::Ministry),
            focal_person: layout.text(row, Field::Focal),
            phone: layout.text(row, Field::Phone),
            email: layout.text(row, Field::Email),
        };
        let input = clean(&raw);
        for (field, message) in problems(&input) {
            row_problems.push(layout.problem(row, field_of(field), message));
        }
        let active_text = layout.text(row, Field::Active);
        let active = parse_active(&active_text).unwrap_or_else(|()| {
            row_problems.push(layout.problem(
                row,
                Field::Active,
                format!("«{active_text}» را نمی‌فهمم؛ «بله» یا «خیر» بنویسید."),
            ));
            None
        });
        if !input.code.is_empty() {
            if let Some(first) = first_row_of_code.insert(input.code.clone(), row.number) {
                first_row_of_code.insert(input.code.clone(), first);
                row_problems.push(layout.problem(
                    row,
                    Field::Code,
                    format!(
                        "کد «{}» در ردیف {} هم آمده است؛ هر دستگاه کد یکتا دارد.",
                        crate::fa::code(&input.code),
                        fa::int(first)
                    ),
                ));
            }
        }
        if !input.name.is_empty() {
            let key = comparison_key(&input.name);
            if let Some(first) = first_row_of_name.insert(key.clone(), row.number) {
                first_row_of_name.insert(key, first);
                row_problems.push(layout.problem(
                    row,
                    Field::Name,
                    format!(
                        "«{}» همان دستگاه ردیف {} است (نام‌ها جدا از ی/ي، ک/ك و نیم‌فاصله یکی‌اند)؛ یکی از دو ردیف را پاک کنید.",
                        input.name,
                        fa::int(first)
                    ),
                ));
            }
        }
        if row_problems.is_empty() {
            records.push(Record { row: row.clone(), input, active });
        }
        found.extend(row_problems);
    }
    (records, found)
}

/// Import the agencies of an xlsx file. Matches by code (then updates) and by normalized name
/// (a different code for a name already present is refused as a duplicate).
pub fn import_xlsx(store: &mut Store, path: &Path) -> Result<ImportReport, AgencyError> {
    let sheet = read_sheet(path, &["دستگاه‌ها", "دستگاه ها", "agencies"], MAX_IMPORT_ROWS)?;
    let (header, data) = sheet.rows.split_first().expect("read_sheet returns at least one row");
    let layout = Layout::read(header, COLUMNS);
    let missing = layout.missing(COLUMNS, &REQUIRED);
    if !missing.is_empty() {
        return Err(AgencyError::MissingColumns {
            file: sheet.file_name,
            sheet: sheet.sheet,
            missing,
            found: layout.found,
        });
    }
    let invalid = |problems: Vec<RowProblem>| AgencyError::InvalidRows {
        file: sheet.file_name.clone(),
        sheet: sheet.sheet.clone(),
        problems,
    };
    let (records, mut found) = read_records(&layout, data);
    if !found.is_empty() {
        found.sort_by_key(|p| p.row);
        return Err(invalid(found));
    }
    let mut report = ImportReport {
        file_name: sheet.file_name.clone(),
        rows_read: data.len() as u32,
        added: 0,
        updated: 0,
        unchanged: 0,
        groups_added: 0,
    };
    store.write(|tx, actor| {
        let mut conflicts = Vec::new();
        for record in &records {
            let (_, group_created) = group_id(tx, actor, record.input.group.as_deref())?;
            report.groups_added += u32::from(group_created);
            match by_code(tx, &record.input.code)? {
                Some(existing) => {
                    if update_from_file(tx, actor, &existing, record)? {
                        report.updated += 1;
                    } else {
                        report.unchanged += 1;
                    }
                }
                None => {
                    if let Some(other) = by_name_key(tx, &comparison_key(&record.input.name))? {
                        conflicts.push(name_taken(&layout, record, &other));
                        continue;
                    }
                    let agency = insert(tx, actor, &record.input)?;
                    if record.active == Some(false) {
                        tx.execute("UPDATE agency SET active = 0 WHERE id = ?1", [agency.id])?;
                    }
                    report.added += 1;
                }
            }
        }
        if !conflicts.is_empty() {
            return Err(invalid(conflicts));
        }
        record_audit(tx, actor, &AuditEntry::new("agency_import", &report.file_name, "import").new_value(&report))?;
        Ok(report.clone())
    })
}

/// Update an agency the file names by its code (and its active flag, when the file has one);
/// true when anything changed.
fn update_from_file(conn: &Connection, actor: &str, existing: &Agency, record: &Record) -> Result<bool, AgencyError> {
    let input = merged(&existing.to_input(), &record.input);
    let mut after = update(conn, actor, existing, &input, Some("ورود از فایل"))?;
    let active = record.active.unwrap_or(after.active);
    if after.active != active {
        conn.execute("UPDATE agency SET active = ?1 WHERE id = ?2", rusqlite::params![active, after.id])?;
        let changed = after.clone();
        after.active = active;
        record_audit(
            conn,
            actor,
            &AuditEntry::new("agency", &after.code, if active { "activate" } else { "deactivate" })
                .old(&changed)
                .new_value(&after)
                .reason(Some("ورود از فایل")),
        )?;
    }
    Ok(after != *existing)
}

/// A new code for a name already in the file: refused, since a changed code is edited in the app.
fn name_taken(layout: &Layout, record: &Record, other: &Agency) -> RowProblem {
    layout.problem(
        &record.row,
        Field::Name,
        format!(
            "«{}» با کد «{}» در پرونده هست و این ردیف کد «{}» دارد؛ اگر کد عوض شده، آن را در برنامه ویرایش کنید.",
            other.name,
            fa::code(&other.code),
            fa::code(&record.input.code)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_flags_in_words_and_numbers() {
        assert_eq!(parse_active("بله"), Ok(Some(true)));
        assert_eq!(parse_active(" "), Ok(None));
        assert_eq!(parse_active("خير"), Ok(Some(false)));
        assert_eq!(parse_active("۰"), Ok(Some(false)));
        assert_eq!(parse_active("شاید"), Err(()));
    }
}
