//! Returned self-assessment and evaluator workbooks: the identity sheet is checked, rows are
//! read by indicator (and measure) code, every score is checked, and a file lands whole in one
//! transaction — or, with any problem, not at all, with each problem's cell named.

use super::catalog::catalog_of;
use super::hq::ChangeRecord;
use super::model::{Indicator, Method};
use super::scores::{clear_from_workbook, current_scores, departure_needs_comment, store_score, Stage, StoredScore};
use super::scoring::{earned, ScoreInput};
use super::workbook::{
    EvalIdentity, Purpose, ACTUAL_COLUMN, CODE_HEADER, IDENTITY_LABELS, MEASURE_COLUMN, NOTE_COLUMN, SCORES_SHEET,
    SCORE_COLUMN,
};
use super::{agency_by_code, settings_of, EvaluationError};
use crate::error::{AppError, Problem};
use crate::fa::to_latin_digits;
use crate::fa::JalaliDate;
use crate::fa::{comparison_key, format_decimal, normalize_text};
use crate::issued::cells::{read_number, InputCells};
use crate::issued::{
    check_sheet_mark, import_each, in_one_batch, read_identity_sheet, sha256_hex, Change, IntakeStatus, IssuedError,
    Provenance, Service, IDENTITY_SHEET,
};
use crate::sheets::{cell_address, CellValue, SheetRow, WorkbookReader};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

const SERVICE: Service = Service::Evaluation;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EvalIntakeResult {
    pub file_name: String,
    pub status: IntakeStatus,
    pub agency_code: Option<String>,
    pub agency_name: Option<String>,
    pub scores_read: u32,
    pub new_scores: u32,
    pub changed_scores: u32,
    /// Scores an earlier workbook brought whose cells this one left empty: no longer in force,
    /// kept in history.
    pub cleared_scores: u32,
    pub refusal: Option<AppError>,
}

/// Why no returned workbook of `purpose` can be imported today, if none can: the year is locked,
/// its phase is not open, or there is no catalog yet.
pub fn intake_allowed(
    conn: &Connection,
    year: i32,
    purpose: Purpose,
    today: JalaliDate,
) -> Result<(), EvaluationError> {
    super::ensure_not_locked(conn, year)?;
    super::phases::ensure_open(conn, year, purpose.phase_code(), today)?;
    catalog_of(conn, year).map(|_| ())
}

/// Import returned workbooks of `purpose`, one transaction each; a refused file does not
/// stop the others. `progress(done, total, file)` is called before each file.
pub fn import_workbooks(
    store: &mut Store,
    year: i32,
    purpose: Purpose,
    paths: &[PathBuf],
    today: JalaliDate,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<Vec<EvalIntakeResult>, EvaluationError> {
    intake_allowed(store.conn(), year, purpose, today)?;
    let catalog = catalog_of(store.conn(), year)?;
    in_one_batch(store, paths, |store| {
        import_each(paths, progress, |path| import_one(store, year, purpose, &catalog, path, None), refused)
    })
}

/// A self-assessment workbook returned by the agency's headquarters with its letter.
struct FromHq<'a> {
    agency_code: &'a str,
    reference: &'a str,
}

/// Import the self-assessment workbook `agency_code`'s headquarters returned (seed step 9),
/// read as any returned self-assessment workbook is; every score it changes is recorded as
/// the headquarters' change with `reference`. The caller has checked the phase.
pub(super) fn import_hq_workbook(
    store: &mut Store,
    year: i32,
    agency_code: &str,
    path: &Path,
    reference: &str,
) -> Result<EvalIntakeResult, EvaluationError> {
    let catalog = catalog_of(store.conn(), year)?;
    let hq = FromHq { agency_code, reference };
    import_one(store, year, Purpose::SelfAssessment, &catalog, path, Some(&hq))
}

pub(super) fn refused(file_name: String, error: &EvaluationError) -> EvalIntakeResult {
    EvalIntakeResult {
        file_name,
        status: IntakeStatus::Refused,
        agency_code: None,
        agency_name: None,
        scores_read: 0,
        new_scores: 0,
        changed_scores: 0,
        cleared_scores: 0,
        refusal: Some(error.to_app_error()),
    }
}

/// Read the identity sheet and check its digest; a sheet with neither purpose nor digest is
/// not an evaluation workbook.
pub(super) fn read_identity(workbook: &mut WorkbookReader) -> Result<EvalIdentity, EvaluationError> {
    let file = workbook.file_name().to_string();
    let ([purpose], stamp) = read_identity_sheet::<_, EvaluationError>(workbook, SERVICE, IDENTITY_LABELS)?;
    if purpose.is_empty() && stamp.digest.is_empty() {
        return Err(not_ours(file));
    }
    let identity = EvalIdentity { purpose, stamp };
    identity.stamp.verify(SERVICE, &file, &identity.compute_digest())?;
    Ok(identity)
}

fn not_ours(file: String) -> EvaluationError {
    IssuedError::NotOurWorkbook { service: SERVICE, file }.into()
}

/// What one indicator's rows say.
#[derive(Default)]
pub(super) struct Typed {
    actual: Option<(CellValue, String)>,
    score: Option<(CellValue, String)>,
    note: String,
    note_cell: String,
    measures: Vec<(String, CellValue, String)>,
    measure_notes: Vec<String>,
}

impl Typed {
    /// The indicator's evidence or comment: its own cell, else its measures' cells.
    pub(super) fn note(&self) -> String {
        if self.note.is_empty() {
            self.measure_notes.join("؛ ")
        } else {
            self.note.clone()
        }
    }
}

fn yes_no(cell: &CellValue) -> Option<bool> {
    match comparison_key(&cell.as_text()).as_str() {
        "بله" | "آری" | "1" | "true" | "yes" => Some(true),
        "خیر" | "نه" | "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// Nothing typed for an indicator, or a problem with its cells (recorded in the workbook's
/// [`InputCells`]).
pub(super) enum NoScore {
    Empty,
    Refused,
}

/// The input and the score of one indicator; its problems go to `cells`.
pub(super) fn score_of(
    indicator: &Indicator,
    typed: &Typed,
    cells: &mut InputCells,
) -> Result<(ScoreInput, f64, String), NoScore> {
    let mut problem = |cell: &str, message: String| {
        cells.problem(cell, message);
        NoScore::Refused
    };
    let (input, cell) = if let Some((value, cell)) = &typed.score {
        (ScoreInput::Points { points: read_number(value).map_err(|m| problem(cell, m))? }, cell.clone())
    } else {
        match indicator.method {
            Method::Ratio | Method::YesNo | Method::Points => {
                let Some((value, cell)) = &typed.actual else { return Err(NoScore::Empty) };
                let input = match indicator.method {
                    Method::YesNo => ScoreInput::YesNo {
                        yes: yes_no(value).ok_or_else(|| {
                            problem(cell, format!("«{}» را نمی‌توان خواند؛ «بله» یا «خیر» بنویسید.", value.as_text()))
                        })?,
                    },
                    Method::Points => {
                        return Err(problem(cell, "برای این شاخص امتیاز را در ستون امتیاز بنویسید.".into()))
                    }
                    _ => ScoreInput::Actual { actual: read_number(value).map_err(|m| problem(cell, m))? },
                };
                (input, cell.clone())
            }
            Method::Measures => {
                if typed.measures.is_empty() {
                    return Err(NoScore::Empty);
                }
                let mut percents = Vec::new();
                for (code, value, cell) in &typed.measures {
                    if let Ok(p) = read_number(value).map_err(|m| problem(cell, m)) {
                        percents.push((code.clone(), p));
                    }
                }
                if percents.len() < typed.measures.len() {
                    return Err(NoScore::Refused);
                }
                let cell = typed.measures[0].2.clone();
                (ScoreInput::Measures { percents }, cell)
            }
        }
    };
    let score = earned(indicator, &input).map_err(|p| problem(&cell, p.message()))?;
    Ok((input, score, cell))
}

fn import_one(
    store: &mut Store,
    year: i32,
    purpose: Purpose,
    catalog: &super::Catalog,
    path: &Path,
    hq: Option<&FromHq>,
) -> Result<EvalIntakeResult, EvaluationError> {
    let mut workbook = WorkbookReader::open(path)?;
    let sha = sha256_hex(workbook.bytes());
    let file = workbook.file_name().to_string();
    let identity = read_identity(&mut workbook)?;
    check_issued(store.conn(), &identity, purpose, year, &file)?;
    let (agency_id, code, name) = agency_by_code(store.conn(), &identity.stamp.agency_code)?;
    if let Some(hq) = hq.filter(|hq| hq.agency_code != code) {
        let expected = agency_by_code(store.conn(), hq.agency_code)?.2;
        return Err(EvaluationError::HqWorkbookOfAnotherAgency { file, found: name, expected });
    }
    if purpose == Purpose::Evaluator {
        super::hq::ensure_confirmed_if_required(store.conn(), year, &code)?;
    }
    super::teams::check_workbook_team(store.conn(), year, &identity.stamp.digest, agency_id, &name, &file)?;
    let unchanged = store
        .conn()
        .query_row(
            "SELECT 1 FROM ev_submission WHERE year = ?1 AND agency_id = ?2 AND purpose = ?3 AND file_sha256 = ?4",
            params![year, agency_id, purpose.as_str(), sha],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    let indicators: HashMap<RowKey, &Indicator> =
        catalog.of_agency(&code).map(|i| ((String::new(), i.code.clone()), i)).collect();
    let mut cells = InputCells::default();
    let typed = read_rows(store.conn(), &mut workbook, &identity, RowKeys::AGENCY, &indicators, &mut cells)?;
    // In catalog order, as `of_agency` gives them (codes are unique in a year's catalog).
    let ordered: Vec<&Indicator> = catalog.of_agency(&code).collect();
    let judge = Judge::new(store.conn(), year, purpose, &code)?;
    let (scores, empty) = judge.scores(&ordered, &typed, &mut cells);
    cells.verdict(SERVICE, &file, &name)?;
    let mut result = EvalIntakeResult {
        file_name: file.clone(),
        status: if unchanged { IntakeStatus::Unchanged } else { IntakeStatus::Imported },
        agency_code: Some(code.clone()),
        agency_name: Some(name.clone()),
        scores_read: scores.len() as u32,
        new_scores: 0,
        changed_scores: 0,
        cleared_scores: 0,
        refusal: None,
    };
    if !unchanged {
        let hq_reference = hq.map(|hq| hq.reference);
        let submission =
            Submission { year, purpose, agency_id, agency_code: &code, file: &file, sha: &sha, hq_reference };
        store_submission(store, &submission, (&scores, &empty), &mut result)?;
    }
    Ok(result)
}

/// Refuse a workbook this province file did not issue, or issued for another purpose or year.
fn check_issued(
    conn: &Connection,
    identity: &EvalIdentity,
    purpose: Purpose,
    year: i32,
    file: &str,
) -> Result<(), EvaluationError> {
    let stamp = &identity.stamp;
    let file = file.to_string();
    let agency = stamp.agency_name.clone();
    let issued: Option<i64> = conn
        .query_row("SELECT id FROM ev_workbook_issued WHERE digest = ?1", [&stamp.digest], |r| r.get(0))
        .optional()?;
    if issued.is_none() {
        let lead: Option<i64> = conn
            .query_row("SELECT id FROM ev_lead_workbook_issued WHERE digest = ?1", [&stamp.digest], |r| r.get(0))
            .optional()?;
        if lead.is_some() {
            let (found, expected) = (super::lead_workbook::LEAD_PERSIAN.into(), purpose.persian().into());
            return Err(EvaluationError::WrongPurpose { file, found, expected });
        }
        return Err(IssuedError::NotIssued { service: SERVICE, file, agency }.into());
    }
    if identity.purpose != purpose.as_str() {
        let found = Purpose::parse(&identity.purpose).map(|p| p.persian()).unwrap_or("دیگری");
        return Err(EvaluationError::WrongPurpose { file, found: found.into(), expected: purpose.persian().into() });
    }
    if stamp.year != year {
        let (found, expected) = (stamp.year, year);
        return Err(IssuedError::WrongYear { service: SERVICE, file, agency, found, expected }.into());
    }
    Ok(())
}

/// A row of a scores sheet is the row of (agency code, indicator code); the agency's code is
/// empty in an agency's own workbook, whose rows are all its own.
pub(super) type RowKey = (String, String);

/// Where a scores sheet's rows say whose they are: an agency's own workbook starts with the
/// indicator's code; a lead agency's with the agency's code and name, then the indicator's
/// columns (`shift` columns further).
#[derive(Clone, Copy)]
pub(super) struct RowKeys {
    pub(super) first_header: &'static str,
    pub(super) shift: u16,
}

impl RowKeys {
    pub(super) const AGENCY: Self = Self { first_header: CODE_HEADER, shift: 0 };

    /// The agency's code of a row, empty in an agency's own workbook.
    fn agency(self, row: &SheetRow) -> String {
        match self.shift {
            0 => String::new(),
            _ => to_latin_digits(&normalize_text(&row.cell(0).as_text())),
        }
    }
}

/// What a row is, for a message: «شاخص «G01»» or «دستگاه «101»، شاخص «G01»».
fn row_name(agency: &str, indicator: &str) -> String {
    match agency {
        "" => format!("شاخص «{indicator}»"),
        _ => format!("دستگاه «{agency}»، شاخص «{indicator}»"),
    }
}

/// The scores sheet's rows by (agency, indicator) (measures under theirs), once the sheet
/// proves to belong to this workbook; rows that name no (agency, indicator) of the workbook but
/// carry a value, rows twice, and formulas without values go to `cells`.
pub(super) fn read_rows(
    conn: &Connection,
    workbook: &mut WorkbookReader,
    identity: &EvalIdentity,
    keys: RowKeys,
    indicators: &HashMap<RowKey, &Indicator>,
    cells: &mut InputCells,
) -> Result<HashMap<RowKey, Typed>, EvaluationError> {
    let file = workbook.file_name().to_string();
    let sheet = workbook.find_sheet(&[SCORES_SHEET]).ok_or_else(|| IssuedError::MissingSheet {
        service: SERVICE,
        file: file.clone(),
        expected: SCORES_SHEET.into(),
        found: workbook.sheet_names().into_iter().filter(|s| s != IDENTITY_SHEET).collect(),
    })?;
    let rows = workbook.rows(&sheet, 5_000)?;
    check_sheet_mark::<EvaluationError>(conn, SERVICE, &file, &sheet, &rows, &identity.stamp)?;
    let header_at = rows
        .iter()
        .position(|r| comparison_key(&r.cell(0).as_text()) == comparison_key(keys.first_header))
        .ok_or_else(|| not_ours(file.clone()))?;
    let mut typed: HashMap<RowKey, Typed> = HashMap::new();
    let c = |column: u16| column + keys.shift;
    let at = |row: u32, column: u16| format!("{sheet}!{}", cell_address(row, u32::from(column)));
    // A formula saved without its value is neither a value nor an empty cell.
    let computed = |cell: &CellValue, at: String, cells: &mut InputCells| {
        if *cell == CellValue::Uncomputed {
            cells.formula_without_value(&at);
            None
        } else {
            Some((cell.clone(), at)).filter(|(c, _)| !c.is_empty())
        }
    };
    for row in &rows[header_at + 1..] {
        let r = row.number - 1;
        let agency = keys.agency(row);
        let indicator_code = normalize_text(&row.cell(c(0).into()).as_text()).to_ascii_uppercase();
        let Some(indicator) = indicators.get(&(agency.clone(), indicator_code.clone())) else {
            if !row.cell(c(ACTUAL_COLUMN).into()).is_empty() || !row.cell(c(SCORE_COLUMN).into()).is_empty() {
                let message = match agency.as_str() {
                    "" => format!("شاخص «{indicator_code}» از شاخص‌های این دستگاه نیست."),
                    _ => format!("{} در این کارپوشه سنجیده نمی‌شود.", row_name(&agency, &indicator_code)),
                };
                cells.problem(&at(r, 0), message);
            }
            continue;
        };
        let measure = normalize_text(&row.cell(c(MEASURE_COLUMN).into()).as_text()).to_ascii_uppercase();
        let what = match measure.as_str() {
            "" => row_name(&agency, &indicator.code),
            _ => format!("سنجهٔ «{measure}» {}", row_name(&agency, &indicator.code)),
        };
        if !cells.first_row(&format!("{agency}/{}/{measure}", indicator.code), &what, &sheet, row.number) {
            continue;
        }
        let entry = typed.entry((agency, indicator.code.clone())).or_default();
        let actual = computed(row.cell(c(ACTUAL_COLUMN).into()), at(r, c(ACTUAL_COLUMN)), cells);
        let note = normalize_text(&row.cell(c(NOTE_COLUMN).into()).as_text());
        if !measure.is_empty() {
            if let Some((actual, cell)) = actual {
                entry.measures.push((measure, actual, cell));
            }
            // Evidence may be written per measure; the indicator's own cell comes first.
            if !note.is_empty() {
                entry.measure_notes.push(note);
            }
            continue;
        }
        entry.actual = actual;
        entry.score = computed(row.cell(c(SCORE_COLUMN).into()), at(r, c(SCORE_COLUMN)), cells);
        entry.note = note;
        entry.note_cell = at(r, c(NOTE_COLUMN));
    }
    Ok(typed)
}

/// What a returned workbook's scores are held to: evidence for a self score (when the
/// settings require it), a comment for an evaluator's score far from the agency's own.
struct Judge {
    purpose: Purpose,
    agency_code: String,
    settings: super::EvalSettings,
    own: HashMap<(String, String), StoredScore>,
}

impl Judge {
    fn new(conn: &Connection, year: i32, purpose: Purpose, agency_code: &str) -> Result<Self, EvaluationError> {
        let own = if purpose == Purpose::Evaluator {
            current_scores(conn, year, Stage::SelfAssessment)?
        } else {
            HashMap::new()
        };
        Ok(Self { purpose, agency_code: agency_code.to_string(), settings: settings_of(conn, year)?, own })
    }

    /// The scores to store, in catalog order, and the indicators whose rows are there with
    /// nothing typed; every problem goes to `cells`.
    fn scores(
        &self,
        ordered: &[&Indicator],
        typed: &HashMap<RowKey, Typed>,
        cells: &mut InputCells,
    ) -> (Vec<(String, StoredScore)>, Vec<String>) {
        let (mut scores, mut empty) = (Vec::new(), Vec::new());
        for indicator in ordered {
            let Some(t) = typed.get(&(String::new(), indicator.code.clone())) else { continue };
            match score_of(indicator, t, cells) {
                Ok((input, score, cell)) => match self.refusal(indicator, t, score) {
                    Some(problem) => cells.problem(&t.note_cell, problem),
                    None => scores.push((indicator.code.clone(), self.stored(t, input, score, cell))),
                },
                Err(NoScore::Empty) => empty.push(indicator.code.clone()),
                Err(NoScore::Refused) => {}
            }
        }
        (scores, empty)
    }

    fn refusal(&self, indicator: &Indicator, t: &Typed, score: f64) -> Option<String> {
        if !t.note().is_empty() {
            return None;
        }
        match self.purpose {
            Purpose::SelfAssessment => (self.settings.evidence_required && score > 0.0).then(|| {
                format!(
                    "برای امتیاز {} شاخص «{}» مستندات نوشته نشده است؛ مستندات را بنویسید یا امتیاز را خالی بگذارید.",
                    format_decimal(score, 2),
                    indicator.code
                )
            }),
            Purpose::Evaluator => {
                let self_score = self.own.get(&(self.agency_code.clone(), indicator.code.clone())).map(|s| s.score);
                let limit = self.settings.departure_percent;
                departure_needs_comment(indicator, self_score, score, limit).map(|(departure, _)| {
                    format!(
                        "امتیاز ارزیاب شاخص «{}» {} با امتیاز خوداظهاری فاصله دارد (بیش از {}٪ سقف)؛ توضیح ارزیاب را بنویسید.",
                        indicator.code,
                        format_decimal(departure, 2),
                        format_decimal(limit, 0)
                    )
                })
            }
        }
    }

    fn stored(&self, t: &Typed, input: ScoreInput, score: f64, cell: String) -> StoredScore {
        let (evidence, comment) = match self.purpose {
            Purpose::SelfAssessment => (t.note(), String::new()),
            Purpose::Evaluator => (String::new(), t.note()),
        };
        StoredScore { input, score, evidence, comment, cell, entered_at: String::new(), entered_by: String::new() }
    }
}

/// One returned file being stored.
struct Submission<'a> {
    year: i32,
    purpose: Purpose,
    agency_id: i64,
    agency_code: &'a str,
    file: &'a str,
    sha: &'a str,
    /// The headquarters' letter, when the headquarters returned it: each score it changes is
    /// the headquarters' change.
    hq_reference: Option<&'a str>,
}

/// The submission and its scores in one transaction, what its empty rows clear cleared,
/// audited; `result` counts what changed.
fn store_submission(
    store: &mut Store,
    s: &Submission,
    (scores, empty): (&[(String, StoredScore)], &[String]),
    result: &mut EvalIntakeResult,
) -> Result<(), EvaluationError> {
    let Submission { year, purpose, agency_id, agency_code, file, sha, hq_reference } = *s;
    store.write(|tx, actor| {
        tx.execute(
            "INSERT INTO ev_submission (year, agency_id, purpose, file_name, file_sha256, received_at, received_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![year, agency_id, purpose.as_str(), file, sha, crate::store::now_iso(), actor],
        )?;
        let submission = tx.last_insert_rowid();
        let hq = |indicator| {
            hq_reference.map(|reference| ChangeRecord { year, agency_id, indicator, reference, submission_id: Some(submission) })
        };
        for (indicator, score) in scores {
            let from = Provenance::workbook(submission, &score.cell, actor);
            let change = match hq(indicator) {
                Some(record) => record.store(tx, Some((score, &from)), actor)?,
                None => store_score(tx, year, agency_id, indicator, purpose.stage(), score, &from)?,
            };
            match change {
                Change::New => result.new_scores += 1,
                Change::Changed => result.changed_scores += 1,
                Change::Same => {}
            }
        }
        let mut cleared = Vec::new();
        for indicator in empty {
            let was_cleared = match hq(indicator) {
                Some(record) => record.store(tx, None, actor)? != Change::Same,
                None => clear_from_workbook(tx, year, agency_id, indicator, purpose.stage())?,
            };
            if was_cleared {
                cleared.push(indicator.as_str());
            }
        }
        result.cleared_scores = cleared.len() as u32;
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ev_submission", &format!("{year}/{agency_code}/{}", purpose.as_str()), "import")
                .new_value((file, result.scores_read, result.new_scores, result.changed_scores, &cleared)),
        )?;
        crate::register::log_returned_workbook(tx, actor, "evaluation", agency_code, file)?;
        Ok::<_, EvaluationError>(())
    })
}
