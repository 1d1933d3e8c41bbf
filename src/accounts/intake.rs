//! Returned agency workbooks: each file is checked against its identity sheet, read by
//! item code (never by cell position) and lands in one transaction or not at all.

use super::model::{ItemKind, Template, TemplateItem};
use super::state::{advance, ReviewState};
use super::values::{clear_from_workbook, set_value, StoredValue};
use super::workbook::{WorkbookIdentity, CODE_HEADER, FINDINGS_SHEET, IDENTITY_LABELS, NOTE_COLUMN, VALUE_COLUMN};
use super::{template_of, AccountsError};
use crate::agencies::{self, Agency};
use crate::error::{AppError, Problem};
use crate::fa::{self, comparison_key, normalize_text, parse_number};
use crate::issued::cells::{bounded, InputCells};
use crate::issued::{
    check_sheet_mark, import_each, in_one_batch, read_ahead, read_identity_sheet, sha256_hex, Change, IntakeStatus,
    IssuedError, Provenance, Service, GUIDE_SHEET, IDENTITY_SHEET,
};
use crate::sheets::{cell_address, file_name, CellValue, SheetError, SheetRow, WorkbookReader};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

const SERVICE: Service = Service::Accounts;
const MAX_ROWS_PER_SHEET: usize = 10_000;
/// Warnings listed one by one before «and N more».
const MAX_LISTED_WARNINGS: usize = 30;

/// A cell whose content could not be taken as a value: it must be fixed by the agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IntakeFinding {
    pub item_code: String,
    /// «T01!E7».
    pub cell: String,
    pub message: String,
}

/// The result of one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IntakeResult {
    pub file_name: String,
    pub status: IntakeStatus,
    pub agency_code: Option<String>,
    pub agency_name: Option<String>,
    pub values_read: u32,
    pub new_values: u32,
    pub changed_values: u32,
    /// Values an earlier workbook brought whose cells this one left empty: cleared, kept in history.
    pub cleared_values: u32,
    pub findings: Vec<IntakeFinding>,
    pub warnings: Vec<String>,
    pub refusal: Option<AppError>,
}

impl IntakeResult {
    fn refused(file_name: String, error: &AccountsError) -> Self {
        Self {
            file_name,
            status: IntakeStatus::Refused,
            agency_code: None,
            agency_name: None,
            values_read: 0,
            new_values: 0,
            changed_values: 0,
            cleared_values: 0,
            findings: vec![],
            warnings: vec![],
            refusal: Some(error.to_app_error()),
        }
    }
}

/// Import several returned workbooks of `year` in one transaction, each file in a savepoint of
/// its own (all of it or none of it lands). A refused file does not stop the others.
/// `progress(done, total, file)` is called before each file.
pub fn import_workbooks(
    store: &mut Store,
    year: i32,
    paths: &[PathBuf],
    expected_agency: Option<&str>,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<Vec<IntakeResult>, AccountsError> {
    // The files are read on another thread from the start (the template, the backup's copy
    // and the writes need the province file, reading and unpacking a workbook does not), and
    // the backup's copy is verified on a third while the writes go on.
    read_ahead(paths, WorkbookFile::read, |files| {
        let template = template_of(store, year)?;
        let items = ItemIndex::of(&template, agencies::list(store, "", true)?);
        in_one_batch(store, paths, |store| {
            let mut import = |path: &Path| {
                let file = files.next().expect("read_ahead reads every path");
                import_one(store, &items, path, file?, expected_agency)
            };
            import_each(paths, progress, &mut import, IntakeResult::refused)
        })
    })
}

/// What intake takes from a returned file before consulting the province file: its identity,
/// its digest and every table sheet's rows (read on the read-ahead thread). A sheet that could
/// not be read is refused when intake reaches it, in the order it always was.
struct WorkbookFile {
    identity: WorkbookIdentity,
    digest: String,
    sheets: Vec<(String, Result<Vec<SheetRow>, SheetError>)>,
}

impl WorkbookFile {
    fn read(path: &Path) -> Result<Self, AccountsError> {
        let mut workbook = WorkbookReader::open(path)?;
        let identity = read_identity(&mut workbook)?;
        let digest = sha256_hex(workbook.bytes());
        let skip = [comparison_key(IDENTITY_SHEET), comparison_key(GUIDE_SHEET), comparison_key(FINDINGS_SHEET)];
        let sheets = workbook
            .sheet_names()
            .into_iter()
            .filter(|sheet| !skip.contains(&comparison_key(sheet)))
            .map(|sheet| {
                let rows = workbook.rows(&sheet, MAX_ROWS_PER_SHEET);
                (sheet, rows)
            })
            .collect();
        Ok(Self { identity, digest, sheets })
    }
}

/// The template's items looked up by agency and by code, built once for a batch: each
/// workbook then costs its own items, not the whole template's.
struct ItemIndex<'a> {
    template: &'a Template,
    /// Agency code -> its items by code.
    by_agency: HashMap<&'a str, HashMap<&'a str, &'a TemplateItem>>,
    /// Item code -> the table of the first item with that code.
    table_of: HashMap<&'a str, &'a str>,
    /// Every agency by its code, read once for the batch rather than once per workbook.
    agencies: HashMap<String, Agency>,
}

impl<'a> ItemIndex<'a> {
    fn of(template: &'a Template, agencies: Vec<Agency>) -> Self {
        let mut by_agency: HashMap<&str, HashMap<&str, &TemplateItem>> = HashMap::new();
        let mut table_of = HashMap::new();
        for item in &template.items {
            if let Some(agency) = item.agency_code.as_deref() {
                by_agency.entry(agency).or_default().insert(item.code.as_str(), item);
            }
            table_of.entry(item.code.as_str()).or_insert(item.table_code.as_str());
        }
        let agencies = agencies.into_iter().map(|a| (a.code.clone(), a)).collect();
        Self { template, by_agency, table_of, agencies }
    }
}

/// Read the identity sheet and check its digest.
fn read_identity(workbook: &mut WorkbookReader) -> Result<WorkbookIdentity, AccountsError> {
    let ([template_code, template_version], stamp) =
        read_identity_sheet::<_, AccountsError>(workbook, SERVICE, IDENTITY_LABELS)?;
    let identity = WorkbookIdentity { template_code, template_version, stamp };
    identity.stamp.verify(SERVICE, workbook.file_name(), &identity.compute_digest())?;
    Ok(identity)
}

/// A value cell read as the item's kind; Err is the finding's message.
fn read_value(item: &TemplateItem, cell: &CellValue) -> Result<Option<StoredValue>, String> {
    let value = |number: Option<f64>, text: Option<String>| {
        Ok(Some(StoredValue { number, text, note: String::new(), cell: String::new() }))
    };
    match (cell, item.kind) {
        (c, _) if c.is_empty() => Ok(None),
        (CellValue::Error(e), _) => Err(format!("خانه خطای فرمول «{e}» دارد؛ مقدار درست را بنویسید.")),
        (CellValue::Number(n), ItemKind::Text) => value(None, Some(CellValue::Number(*n).as_text())),
        (CellValue::Number(n), _) => value(Some(*n), None),
        (CellValue::Text(t), ItemKind::Text) => value(None, Some(normalize_text(t))),
        (CellValue::Text(t), _) => match parse_number(t) {
            Ok(n) => value(Some(n), None),
            Err(e) => Err(e.to_string()),
        },
        (CellValue::Bool(_) | CellValue::DateTime(_), ItemKind::Text) => value(None, Some(cell.as_text())),
        (CellValue::Bool(_) | CellValue::DateTime(_), _) => {
            Err("به جای عدد، تاریخ یا درست/نادرست نوشته شده است؛ عدد را بنویسید.".into())
        }
        (CellValue::Empty | CellValue::Uncomputed, _) => Ok(None),
    }
}

/// An item's code and the value read for it.
type ItemValue = (String, StoredValue);

struct Reading {
    values: Vec<ItemValue>,
    /// Items whose value cell is empty, with the note beside it and the cell.
    empty: Vec<ItemValue>,
    /// What refuses the whole workbook.
    cells: InputCells,
    findings: Vec<IntakeFinding>,
    warnings: Vec<String>,
}

impl Reading {
    /// One item row: its value (or why it cannot be read), and a warning for anything typed
    /// outside the input cells or on a row that is not one of the agency's items.
    fn read_row(&mut self, items: &HashMap<&str, &TemplateItem>, sheet: &str, row: &SheetRow) {
        let r = row.number - 1;
        let code = normalize_text(&row.cell(0).as_text()).to_ascii_uppercase();
        for (c, cell) in row.cells.iter().enumerate().skip(NOTE_COLUMN as usize + 1) {
            if !cell.is_empty() {
                let at = cell_address(r, c as u32);
                self.warnings.push(format!("خانهٔ {sheet}!{at} بیرون از خانه‌های ورود داده است و نادیده گرفته شد."));
            }
        }
        let Some(item) = items.get(code.as_str()) else {
            if !row.cell(VALUE_COLUMN as usize).is_empty() {
                let what = if code.is_empty() {
                    "کد قلم ندارد".to_string()
                } else {
                    format!("قلم «{code}» از اقلام این دستگاه نیست")
                };
                self.warnings.push(format!("ردیف {} برگهٔ «{sheet}» {what} و نادیده گرفته شد.", fa::int(row.number)));
            }
            return;
        };
        if !self.cells.first_row(&item.code, &format!("قلم «{}»", item.code), sheet, row.number) {
            return;
        }
        let cell = format!("{sheet}!{}", cell_address(r, u32::from(VALUE_COLUMN)));
        let input = row.cell(VALUE_COLUMN as usize);
        let note = normalize_text(&row.cell(NOTE_COLUMN as usize).as_text());
        if *input == CellValue::Uncomputed {
            self.cells.formula_without_value(&cell);
            return;
        }
        match read_value(item, input) {
            Ok(Some(value)) => match value.number.map(bounded) {
                Some(Err(message)) => self.cells.problem(&cell, message),
                _ => self.values.push((item.code.clone(), StoredValue { note, cell, ..value })),
            },
            Ok(None) => self.empty.push((item.code.clone(), StoredValue { number: None, text: None, note, cell })),
            Err(message) => self.findings.push(IntakeFinding { item_code: item.code.clone(), cell, message }),
        }
    }
}

/// Read every table sheet's item rows, matched by the code in column A, after checking that
/// each sheet belongs to the workbook whose identity sheet it sits beside.
fn read_values(
    conn: &rusqlite::Connection,
    file: &str,
    workbook: WorkbookFile,
    index: &ItemIndex,
) -> Result<Reading, AccountsError> {
    let identity = &workbook.identity;
    let no_items = HashMap::new();
    let items = index.by_agency.get(identity.stamp.agency_code.as_str()).unwrap_or(&no_items);
    let mut reading =
        Reading { values: vec![], empty: vec![], cells: InputCells::default(), findings: vec![], warnings: vec![] };
    let code_header = comparison_key(CODE_HEADER);
    for (sheet, rows) in workbook.sheets {
        let rows = rows?;
        let Some(header_at) = rows.iter().position(|r| comparison_key(&r.cell(0).as_text()) == code_header) else {
            if !rows.is_empty() {
                reading.warnings.push(format!("برگهٔ «{sheet}» جدول این کارپوشه نیست و نادیده گرفته شد."));
            }
            continue;
        };
        check_sheet_mark::<AccountsError>(conn, SERVICE, file, &sheet, &rows, &identity.stamp)?;
        for row in &rows[header_at + 1..] {
            reading.read_row(items, &sheet, row);
        }
    }
    if reading.warnings.len() > MAX_LISTED_WARNINGS {
        let more = reading.warnings.len() - MAX_LISTED_WARNINGS;
        reading.warnings.truncate(MAX_LISTED_WARNINGS);
        reading.warnings.push(format!("و {} هشدار دیگر از همین گونه.", fa::count(more)));
    }
    Ok(reading)
}

fn import_one(
    store: &mut Store,
    index: &ItemIndex,
    path: &Path,
    workbook: WorkbookFile,
    expected_agency: Option<&str>,
) -> Result<IntakeResult, AccountsError> {
    let (file, template) = (file_name(path), index.template);
    let agency = issued_agency(store, index, &workbook.identity, &file, expected_agency)?;
    let digest = workbook.digest.clone();
    let mut result = IntakeResult {
        file_name: file.clone(),
        status: IntakeStatus::Imported,
        agency_code: Some(agency.code.clone()),
        agency_name: Some(agency.name.clone()),
        values_read: 0,
        new_values: 0,
        changed_values: 0,
        cleared_values: 0,
        findings: vec![],
        warnings: vec![],
        refusal: None,
    };
    let seen: bool = store
        .conn()
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM ra_submission WHERE year = ?1 AND agency_id = ?2 AND file_sha256 = ?3)",
        )?
        .query_row(params![template.year, agency.id, digest], |r| r.get(0))?;
    if seen {
        result.status = IntakeStatus::Unchanged;
        return Ok(result);
    }
    let reading = read_values(store.conn(), &file, workbook, index)?;
    reading.cells.verdict(SERVICE, &file, &agency.name)?;
    result.values_read = reading.values.len() as u32;
    result.findings = reading.findings;
    result.warnings = reading.warnings;
    store_submission(store, index, &agency, &digest, (&reading.values, &reading.empty), &mut result)?;
    Ok(result)
}

/// The agency whose workbook this is, once the file proves to be one this province file issued
/// to it for the template of this year (and, if given, to the agency expected).
fn issued_agency(
    store: &Store,
    index: &ItemIndex,
    identity: &WorkbookIdentity,
    file: &str,
    expected_agency: Option<&str>,
) -> Result<Agency, AccountsError> {
    let (stamp, file, template) = (&identity.stamp, file.to_string(), index.template);
    let agency = index.agencies.get(&agencies::normalized_code(&stamp.agency_code)).cloned();
    let agency =
        agency.ok_or_else(|| AccountsError::UnknownAgency { file: file.clone(), code: stamp.agency_code.clone() })?;
    let issued: Option<i64> = store
        .conn()
        .prepare_cached("SELECT id FROM ra_workbook_issued WHERE digest = ?1 AND agency_id = ?2")?
        .query_row(params![stamp.digest, agency.id], |r| r.get(0))
        .optional()?;
    if issued.is_none() {
        return Err(IssuedError::NotIssued { service: SERVICE, file, agency: agency.name }.into());
    }
    if stamp.year != template.year {
        let (found, expected) = (stamp.year, template.year);
        return Err(IssuedError::WrongYear { service: SERVICE, file, agency: agency.name, found, expected }.into());
    }
    if identity.template_version != template.version || identity.template_code != template.code {
        let (found, expected) = (identity.template_version.clone(), template.version.clone());
        return Err(AccountsError::WrongVersion { file, agency: agency.name, found, expected });
    }
    if let Some(expected) = expected_agency {
        let expected = agencies::find(store, expected)?;
        if expected.id != agency.id {
            let (found, expected) = (agency.name, expected.name);
            return Err(IssuedError::WrongAgency { service: SERVICE, file, found, expected }.into());
        }
    }
    Ok(agency)
}

/// The submission and its values in one transaction: what its empty cells clear is cleared,
/// the parts it touched are received, and the import is audited; `result` counts what changed.
fn store_submission(
    store: &mut Store,
    index: &ItemIndex,
    agency: &Agency,
    digest: &str,
    (values, empty): (&[ItemValue], &[ItemValue]),
    result: &mut IntakeResult,
) -> Result<(), AccountsError> {
    let template = index.template;
    store.write(|tx, actor| {
        tx.execute(
            "INSERT INTO ra_submission (year, agency_id, file_name, file_sha256, template_version, received_at, received_by, values_read)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![template.year, agency.id, result.file_name, digest, template.version, crate::store::now_iso(), actor, result.values_read],
        )?;
        let submission_id = tx.last_insert_rowid();
        for (code, value) in values {
            let from = Provenance::workbook(submission_id, &value.cell, actor);
            match set_value(tx, template.year, code, value, &from)? {
                Change::New => result.new_values += 1,
                Change::Changed => result.changed_values += 1,
                Change::Same => {}
            }
        }
        let mut touched: Vec<&str> = values.iter().map(|(code, _)| code.as_str()).collect();
        for (code, cleared) in empty {
            let from = Provenance::workbook(submission_id, &cleared.cell, actor);
            if clear_from_workbook(tx, template.year, code, &cleared.note, &from)? {
                result.cleared_values += 1;
                touched.push(code);
            }
        }
        let mut parts: Vec<(i64, String)> = Vec::new();
        for code in touched {
            let table = index.table_of.get(code).map(|t| t.to_string()).unwrap_or_default();
            if !parts.iter().any(|(_, t)| *t == table) {
                parts.push((agency.id, table));
            }
        }
        advance(tx, actor, template.year, &parts, ReviewState::Received, ReviewState::Approved)?;
        record_audit(tx, actor, &AuditEntry::new("ra_submission", &agency.code, "import").new_value(&*result))?;
        crate::register::log_returned_workbook(tx, actor, "accounts", &agency.code, &result.file_name)?;
        Ok::<_, AccountsError>(())
    })
}
