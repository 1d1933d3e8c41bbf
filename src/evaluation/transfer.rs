//! The national system's transfer (seed steps 10–12): the self-assessments that agencies'
//! headquarters entered in the national performance-management system come to the province as
//! one workbook (docs/formats/national-transfer.md). It is first read and compared with the
//! self-assessment in force, storing nothing; then, in a second step, stored whole as new
//! self-assessment versions whose source is the file — or, with any refused row, not at all.
//! Evaluators' scores are never touched.

use super::catalog::catalog_of;
use super::model::{Catalog, IndicatorKind};
use super::scores::{current_scores, store_score, Stage, StoredScore};
use super::scoring::{earned, ScoreInput};
use super::EvaluationError;
use crate::action::Action;
use crate::fa::{self, comparison_key, format_decimal, normalize_text, JalaliDate};
use crate::issued::cells::read_number;
use crate::issued::{file_sha256, Change, Provenance};
use crate::sheets::{CellProblem, CellValue, Column, Header, SheetRow, WorkbookReader};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// The source named on every score the transfer stores (its evidence when it brings none).
pub const SOURCE: &str = "سامانهٔ ملی ارزیابی عملکرد";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum T {
    Agency,
    AgencyName,
    Indicator,
    Claimed,
    Confirmed,
}

const COLUMNS: &[Column<T>] = &[
    Column {
        field: T::Agency, name: "کد دستگاه", aliases: &["کد دستگاه اجرایی", "شناسه دستگاه"]
    },
    Column {
        field: T::AgencyName, name: "نام دستگاه", aliases: &["نام دستگاه اجرایی", "عنوان دستگاه"]
    },
    Column { field: T::Indicator, name: "کد شاخص", aliases: &["شناسه شاخص"] },
    Column {
        field: T::Claimed, name: "امتیاز خوداظهاری", aliases: &["امتیاز خودارزیابی", "امتیاز دستگاه"]
    },
    Column {
        field: T::Confirmed,
        name: "امتیاز تأیید ستاد",
        aliases: &["امتیاز تأییدشدهٔ ستاد", "امتیاز تأیید شده ستاد", "امتیاز نهایی ستاد"],
    },
];

/// How far down the sheet the header may stand (exports put a title above it).
const HEADER_SEARCH_ROWS: usize = 10;

/// What importing a row would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TransferStatus {
    /// The score in force is already the one transferred: nothing changes.
    Same,
    /// The transferred score replaces a different self score (kept in history).
    Changed,
    /// No self score is in force: the transferred one becomes it.
    New,
    /// No score in the national system for it: nothing changes.
    Empty,
    /// The row cannot be taken, and keeps the whole file out.
    Refused,
}

/// One row of the file beside the self-assessment in force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TransferRow {
    /// The row as Excel numbers it.
    pub row: u32,
    pub agency_code: String,
    pub agency_name: String,
    pub indicator_code: String,
    pub indicator_title: String,
    pub ceiling: Option<f64>,
    /// The self score in force in this file now.
    pub stored: Option<f64>,
    /// What the agency claimed in the national system.
    pub claimed: Option<f64>,
    /// What its headquarters confirmed, when they have.
    pub confirmed: Option<f64>,
    /// What the import stores: the confirmed score, else the claim.
    pub transferred: Option<f64>,
    /// transferred − stored, when both are there and differ.
    pub difference: Option<f64>,
    /// The evaluator's score in force, which the import leaves as it is.
    pub evaluator: Option<f64>,
    pub status: TransferStatus,
    /// Why the row is refused, in Persian.
    pub refusal: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TransferPreview {
    pub file: String,
    pub year: i32,
    pub rows: Vec<TransferRow>,
    pub same: u32,
    pub changed: u32,
    pub new: u32,
    pub empty: u32,
    pub refused: u32,
    /// The second step: blocked by a refused row, a closed phase or the council's approval.
    pub import: Action,
}

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TransferReport {
    pub file: String,
    pub rows_read: u32,
    pub new_scores: u32,
    pub changed_scores: u32,
    pub unchanged: u32,
}

/// Why the national system's transfer cannot be stored today, if it cannot: the year is locked,
/// the headquarters' confirmation phase (where seed steps 9–12 fall) is not open, or there is no
/// catalog yet.
pub fn transfer_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<(), EvaluationError> {
    super::ensure_not_locked(conn, year)?;
    super::phases::ensure_open(conn, year, "hq_confirmation", today)?;
    catalog_of(conn, year).map(|_| ())
}

/// Read the file and set it beside the self-assessment in force; nothing is written.
pub fn preview_transfer(
    conn: &Connection,
    year: i32,
    path: &Path,
    today: JalaliDate,
) -> Result<TransferPreview, EvaluationError> {
    let (preview, _) = read_transfer(conn, year, path, today)?;
    Ok(preview)
}

/// The preview, and the refused rows' cells for the import's refusal.
fn read_transfer(
    conn: &Connection,
    year: i32,
    path: &Path,
    today: JalaliDate,
) -> Result<(TransferPreview, Vec<CellProblem>), EvaluationError> {
    super::settings_of(conn, year)?;
    let catalog = catalog_of(conn, year)?;
    let mut workbook = WorkbookReader::open(path)?;
    let file = workbook.file_name().to_string();
    let (sheet, rows) = first_sheet_with_header(&mut workbook)?;
    let (header, data) = find_header(&rows, &sheet, &file)?;
    let reader = RowReader::new(conn, year, &catalog, &header)?;
    let mut seen: HashMap<(String, String), u32> = HashMap::new();
    let (mut out, mut problems) = (Vec::new(), Vec::new());
    for row in data {
        let (mut read, problem) = reader.read(row);
        if let (None, Some(first)) = (&problem, seen.get(&(read.agency_code.clone(), read.indicator_code.clone()))) {
            let message = format!(
                "شاخص «{}» دستگاه {} در ردیف {} هم آمده است؛ هر شاخص هر دستگاه یک ردیف دارد. ردیف اضافه را بردارید.",
                read.indicator_code,
                read.agency_code,
                fa::int(*first)
            );
            problems.push(header.problem(row, T::Indicator, message.clone()));
            refuse(&mut read, message);
        } else if let Some(p) = problem {
            refuse(&mut read, p.message.clone());
            problems.push(p);
        } else {
            seen.insert((read.agency_code.clone(), read.indicator_code.clone()), row.number);
        }
        out.push(read);
    }
    let count = |s: TransferStatus| out.iter().filter(|r| r.status == s).count() as u32;
    let refused = count(TransferStatus::Refused);
    let guard = transfer_allowed(conn, year, today).and_then(|()| match problems.is_empty() {
        true => Ok(()),
        false => Err(EvaluationError::TransferRowsRefused { file: file.clone(), problems: problems.clone() }),
    });
    let preview = TransferPreview {
        file,
        year,
        same: count(TransferStatus::Same),
        changed: count(TransferStatus::Changed),
        new: count(TransferStatus::New),
        empty: count(TransferStatus::Empty),
        refused,
        rows: out,
        import: Action::from_guard(guard)?,
    };
    Ok((preview, problems))
}

fn unknown_agency_code(code: &str) -> String {
    format!(
        "دستگاهی با کد «{code}» در فهرست دستگاه‌های استان نیست؛ کد را با فهرست دستگاه‌ها بسنجید یا دستگاه را نخست به فهرست بیفزایید."
    )
}

fn unknown_agency_name(name: &str) -> String {
    format!("دستگاهی به نام «{name}» در فهرست دستگاه‌های استان نیست؛ کد دستگاه را بنویسید.")
}

fn refuse(row: &mut TransferRow, message: String) {
    row.status = TransferStatus::Refused;
    row.refusal = Some(message);
    row.transferred = None;
    row.difference = None;
}

/// The first sheet whose first rows hold the header (exports may begin with a cover sheet).
fn first_sheet_with_header(workbook: &mut WorkbookReader) -> Result<(String, Vec<SheetRow>), EvaluationError> {
    let names = workbook.sheet_names();
    let mut first = None;
    for name in &names {
        let rows = workbook.rows(name, 20_000)?;
        if rows.iter().take(HEADER_SEARCH_ROWS).any(|r| missing(&Header::read(r, COLUMNS)).is_empty()) {
            return Ok((name.clone(), rows));
        }
        first.get_or_insert((name.clone(), rows));
    }
    first.ok_or_else(|| EvaluationError::MissingColumns {
        file: workbook.file_name().to_string(),
        sheet: String::new(),
        missing: COLUMNS.iter().map(|c| c.name.to_string()).collect(),
    })
}

/// The columns a header lacks: the indicator, the claim, and the agency by code or by name.
fn missing(header: &Header<T>) -> Vec<String> {
    let mut missing = header.missing(COLUMNS, &[T::Indicator, T::Claimed]);
    if !header.has(T::Agency) && !header.has(T::AgencyName) {
        missing.insert(0, "کد دستگاه".into());
    }
    missing
}

/// The header row (within the first rows) and the rows under it.
fn find_header<'r>(
    rows: &'r [SheetRow],
    sheet: &str,
    file: &str,
) -> Result<(Header<T>, &'r [SheetRow]), EvaluationError> {
    let mut fewest: Option<Vec<String>> = None;
    for (at, row) in rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let header = Header::read(row, COLUMNS).in_sheet(sheet);
        let lacks = missing(&header);
        if lacks.is_empty() {
            return Ok((header, &rows[at + 1..]));
        }
        if fewest.as_ref().is_none_or(|f| lacks.len() < f.len()) {
            fewest = Some(lacks);
        }
    }
    let missing = fewest.unwrap_or_else(|| missing(&Header::read(&SheetRow { number: 1, cells: vec![] }, COLUMNS)));
    Err(EvaluationError::MissingColumns { file: file.to_string(), sheet: sheet.to_string(), missing })
}

/// What a row is judged against: agencies, the catalog, the scores in force.
struct RowReader<'a> {
    year: i32,
    catalog: &'a Catalog,
    header: &'a Header<T>,
    /// Agencies by code, and codes by the comparison key of the name.
    agencies: HashMap<String, String>,
    by_name: HashMap<String, String>,
    own: HashMap<(String, String), StoredScore>,
    evaluator: HashMap<(String, String), StoredScore>,
}

impl<'a> RowReader<'a> {
    fn new(conn: &Connection, year: i32, catalog: &'a Catalog, header: &'a Header<T>) -> Result<Self, EvaluationError> {
        let mut stmt = conn.prepare("SELECT code, name FROM agency")?;
        let list = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Self {
            year,
            catalog,
            header,
            by_name: list.iter().map(|(c, n)| (comparison_key(n), c.clone())).collect(),
            agencies: list.into_iter().collect(),
            own: current_scores(conn, year, Stage::SelfAssessment)?,
            evaluator: current_scores(conn, year, Stage::Evaluator)?,
        })
    }

    /// The row beside the scores in force, or what is wrong with it (its first fault).
    fn read(&self, row: &SheetRow) -> (TransferRow, Option<CellProblem>) {
        let h = self.header;
        let code = fa::code(&normalize_text(&h.text(row, T::Agency)));
        let name = normalize_text(&h.text(row, T::AgencyName));
        let indicator_code = fa::code(&normalize_text(&h.text(row, T::Indicator))).to_ascii_uppercase();
        let agency_code = match code.is_empty() {
            true => self.by_name.get(&comparison_key(&name)).cloned().unwrap_or_default(),
            false => code.clone(),
        };
        let mut out = TransferRow {
            row: row.number,
            agency_name: self.agencies.get(&agency_code).cloned().unwrap_or(name.clone()),
            agency_code: agency_code.clone(),
            indicator_code: indicator_code.clone(),
            indicator_title: String::new(),
            ceiling: None,
            stored: None,
            claimed: None,
            confirmed: None,
            transferred: None,
            difference: None,
            evaluator: None,
            status: TransferStatus::Empty,
            refusal: None,
        };
        let problem = self.judge(row, &mut out, (&code, &name)).err();
        (out, problem)
    }

    fn judge(&self, row: &SheetRow, out: &mut TransferRow, (code, name): (&str, &str)) -> Result<(), CellProblem> {
        let h = self.header;
        if !self.agencies.contains_key(&out.agency_code) {
            return Err(match code.is_empty() {
                true => h.problem(row, T::AgencyName, unknown_agency_name(name)),
                false => h.problem(row, T::Agency, unknown_agency_code(code)),
            });
        }
        let indicator = self.indicator(out).map_err(|message| h.problem(row, T::Indicator, message))?;
        let key = (out.agency_code.clone(), indicator.code.clone());
        out.stored = self.own.get(&key).map(|s| s.score);
        out.evaluator = self.evaluator.get(&key).map(|s| s.score);
        out.claimed = self.score(row, T::Claimed, indicator)?;
        out.confirmed = self.score(row, T::Confirmed, indicator)?;
        out.transferred = out.confirmed.or(out.claimed);
        out.status = match (out.transferred, out.stored) {
            (None, _) => TransferStatus::Empty,
            (Some(_), None) => TransferStatus::New,
            (Some(t), Some(s)) if (t - s).abs() < 0.005 => TransferStatus::Same,
            (Some(t), Some(s)) => {
                out.difference = Some(super::scoring::round2(t - s));
                TransferStatus::Changed
            }
        };
        Ok(())
    }

    /// The row's indicator, when it is a national indicator of the row's agency.
    fn indicator(&self, out: &mut TransferRow) -> Result<&'a super::Indicator, String> {
        let code = &out.indicator_code;
        let Some(indicator) = self.catalog.indicator(code) else {
            return Err(format!("شاخصی با کد «{code}» در فهرست شاخص‌های سال {} نیست.", fa::int(self.year)));
        };
        out.indicator_title = indicator.title.clone();
        out.ceiling = Some(indicator.ceiling);
        if indicator.kind == IndicatorKind::Development {
            return Err(format!(
                "شاخص «{code}» از شاخص‌های توسعه‌ای استان است و از سامانهٔ ملی نمی‌آید؛ امتیاز آن را دستگاه در کارپوشهٔ خودارزیابی می‌نویسد."
            ));
        }
        if !indicator.agencies.contains(&out.agency_code) {
            return Err(format!("شاخص «{code}» از شاخص‌های «{}» نیست.", out.agency_name));
        }
        Ok(indicator)
    }

    /// A score cell: empty, or a number from 0 to the indicator's ceiling.
    fn score(&self, row: &SheetRow, field: T, indicator: &super::Indicator) -> Result<Option<f64>, CellProblem> {
        let cell = self.header.cell(row, field);
        if cell.is_empty() {
            return Ok(None);
        }
        let number = match cell {
            CellValue::Uncomputed => Err("این خانه فرمول دارد ولی مقدار حساب‌شدهٔ آن در فایل نیست؛ فایل را در Excel یا LibreOffice باز کنید و دوباره ذخیره کنید.".to_string()),
            cell => read_number(cell),
        };
        let number = number.map_err(|m| self.header.problem(row, field, m))?;
        let score = earned(indicator, &ScoreInput::Points { points: number })
            .map_err(|p| self.header.problem(row, field, p.message()))?;
        Ok(Some(score))
    }
}

/// Store the file's scores as self-assessment versions whose source is the file, in one
/// transaction, audited; refused whole when any row is refused. Rows whose score is the one in
/// force change nothing (the agency's own entry, with its actual value, stays).
pub fn import_transfer(
    store: &mut Store,
    year: i32,
    path: &Path,
    today: JalaliDate,
) -> Result<TransferReport, EvaluationError> {
    transfer_allowed(store.conn(), year, today)?;
    let (preview, problems) = read_transfer(store.conn(), year, path, today)?;
    if !problems.is_empty() {
        return Err(EvaluationError::TransferRowsRefused { file: preview.file, problems });
    }
    let sha = file_sha256(path)?;
    let own = current_scores(store.conn(), year, Stage::SelfAssessment)?;
    let mut report = TransferReport {
        file: preview.file.clone(),
        rows_read: preview.rows.len() as u32,
        new_scores: 0,
        changed_scores: 0,
        unchanged: preview.same + preview.empty,
    };
    store.write(|tx, actor| {
        tx.execute(
            "INSERT INTO ev_transfer (year, file_name, file_sha256, rows_read, imported_at, imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![year, preview.file, sha, report.rows_read, crate::store::now_iso(), actor],
        )?;
        let transfer = tx.last_insert_rowid();
        let mut changes = Vec::new();
        for row in preview.rows.iter().filter(|r| matches!(r.status, TransferStatus::New | TransferStatus::Changed)) {
            let score = row.transferred.expect("a new or changed row has a score");
            let key = (row.agency_code.clone(), row.indicator_code.clone());
            let evidence = own.get(&key).map(|s| s.evidence.clone()).filter(|e| !e.is_empty());
            let stored = StoredScore {
                input: ScoreInput::Points { points: score },
                score,
                evidence: evidence.unwrap_or_else(|| SOURCE.to_string()),
                comment: String::new(),
                cell: format!("{}، ردیف {}", preview.file, fa::int(row.row)),
                entered_at: String::new(),
                entered_by: String::new(),
            };
            let (agency_id, ..) = super::agency_by_code(tx, &row.agency_code)?;
            let from = Provenance { source: "national", submission_id: None, cell: &stored.cell, actor };
            match store_score(tx, year, agency_id, &row.indicator_code, Stage::SelfAssessment, &stored, &from)? {
                Change::New => report.new_scores += 1,
                Change::Changed => report.changed_scores += 1,
                Change::Same => continue,
            }
            mark_transferred(tx, year, agency_id, &row.indicator_code, transfer)?;
            changes.push((format!("{}/{}", row.agency_code, row.indicator_code), row.stored, score));
        }
        let key = format!("{year}/{transfer}");
        let entry = AuditEntry::new("ev_transfer", &key, "import")
            .new_value((&preview.file, &sha, &changes))
            .reason(Some(SOURCE));
        record_audit(tx, actor, &entry)?;
        Ok::<_, EvaluationError>(())
    })?;
    Ok(report)
}

/// The self score just put in force came with transfer `transfer`.
fn mark_transferred(
    conn: &Connection,
    year: i32,
    agency_id: i64,
    indicator: &str,
    transfer: i64,
) -> Result<(), EvaluationError> {
    conn.execute(
        "UPDATE ev_score SET transfer_id = ?4 WHERE year = ?1 AND agency_id = ?2 AND indicator_code = ?3 AND stage = 'self' AND current = 1",
        params![year, agency_id, indicator, transfer],
    )?;
    Ok(())
}

/// The self scores in force that came from the national system: (agency, indicator) -> file.
pub fn transferred_scores(conn: &Connection, year: i32) -> Result<HashMap<(String, String), String>, EvaluationError> {
    let mut stmt = conn.prepare(
        "SELECT a.code, s.indicator_code, t.file_name FROM ev_score s JOIN agency a ON a.id = s.agency_id
         JOIN ev_transfer t ON t.id = s.transfer_id WHERE s.year = ?1 AND s.stage = 'self' AND s.current = 1",
    )?;
    let rows = stmt.query_map([year], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
}

/// A score difference as the preview and the CLI write it: «+۴٫۵۰», «−۲۰٫۰۰».
pub fn signed(difference: f64) -> String {
    let sign = if difference > 0.0 { "+" } else { "−" };
    format!("{sign}{}", format_decimal(difference.abs(), 2))
}
