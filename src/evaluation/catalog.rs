//! The year's indicator catalog from its workbook (docs/formats/indicators.md): axes,
//! indicators with their method, measures; checked cell by cell, then as a whole (ceilings
//! add up to the scales, every agency has its specific set), and stored in one transaction.

use super::model::{AgencyIndex, Axis, Catalog, Direction, Indicator, IndicatorKind, Measure, Method};
use super::{settings_of, EvalSettings, EvaluationError};
use crate::agencies;
use crate::fa::{format_decimal, normalize_text, parse_number, to_latin_digits, JalaliDate};
use crate::sheets::{CellProblem, Column, Header, SheetRow, WorkbookReader};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use ts_rs::TS;

const AXES_SHEET: &[&str] = &["محورها", "Axes"];
const INDICATORS_SHEET: &[&str] = &["شاخص‌ها", "شاخصها", "Indicators"];
const MEASURES_SHEET: &[&str] = &["سنجه‌ها", "سنجه ها", "Measures"];
const MAX_ROWS: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum A {
    Code,
    Title,
}
const AXIS_COLUMNS: &[Column<A>] = &[
    Column { field: A::Code, name: "کد محور", aliases: &["کد"] },
    Column { field: A::Title, name: "عنوان محور", aliases: &["عنوان", "محور"] },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum I {
    Code,
    Kind,
    Axis,
    Title,
    Ceiling,
    Unit,
    Evidence,
    Method,
    Direction,
    Target,
    Agencies,
    Lead,
}
const INDICATOR_COLUMNS: &[Column<I>] = &[
    Column { field: I::Code, name: "کد شاخص", aliases: &["کد"] },
    Column { field: I::Kind, name: "نوع", aliases: &["نوع شاخص"] },
    Column { field: I::Axis, name: "کد محور", aliases: &["محور"] },
    Column { field: I::Title, name: "عنوان شاخص", aliases: &["عنوان", "شاخص"] },
    Column { field: I::Ceiling, name: "سقف امتیاز", aliases: &["سقف", "وزن"] },
    Column { field: I::Unit, name: "واحد", aliases: &[] },
    Column { field: I::Evidence, name: "مستندات", aliases: &["مستندات لازم"] },
    Column { field: I::Method, name: "روش امتیازدهی", aliases: &["روش"] },
    Column { field: I::Direction, name: "جهت", aliases: &["جهت مطلوب"] },
    Column { field: I::Target, name: "هدف", aliases: &["مقدار هدف", "استاندارد"] },
    Column { field: I::Agencies, name: "دستگاه", aliases: &["کد دستگاه", "دستگاه‌ها"] },
    Column { field: I::Lead, name: "دستگاه سنجش", aliases: &["کد دستگاه سنجش"] },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum M {
    Indicator,
    Code,
    Title,
    Weight,
}
const MEASURE_COLUMNS: &[Column<M>] = &[
    Column { field: M::Indicator, name: "کد شاخص", aliases: &[] },
    Column { field: M::Code, name: "کد سنجه", aliases: &[] },
    Column { field: M::Title, name: "عنوان سنجه", aliases: &["سنجه"] },
    Column { field: M::Weight, name: "وزن", aliases: &["وزن سنجه"] },
];

fn code_of(text: &str) -> String {
    to_latin_digits(&normalize_text(text)).to_ascii_uppercase()
}

/// «۱۰۱، ۲۰۳» or «101,203» -> ["101", "203"].
fn agency_codes(text: &str) -> Vec<String> {
    to_latin_digits(text)
        .split(|c: char| c == '،' || c == ',' || c == '؛' || c == ';' || c.is_whitespace())
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// A sheet's header and its data rows.
type SheetTable<F> = (Header<F>, Vec<SheetRow>);

struct Reading<'a> {
    workbook: &'a mut WorkbookReader,
    problems: Vec<CellProblem>,
}

impl Reading<'_> {
    fn table<F: Copy + Eq + std::hash::Hash>(
        &mut self,
        names: &[&str],
        spec: &[Column<F>],
        required: &[F],
        optional_sheet: bool,
    ) -> Result<Option<SheetTable<F>>, EvaluationError> {
        let file = self.workbook.file_name().to_string();
        let Some(sheet) = self.workbook.find_sheet(names) else {
            if optional_sheet {
                return Ok(None);
            }
            return Err(EvaluationError::MissingSheet { file, sheet: names[0].to_string() });
        };
        let rows = self.workbook.rows(&sheet, MAX_ROWS)?;
        let split = Header::split(&rows, &sheet, spec, required);
        split.map(|(h, data)| Some((h, data.to_vec()))).map_err(|m| EvaluationError::MissingColumns {
            file,
            sheet,
            missing: m.missing,
        })
    }
}

/// Read and check a catalog workbook against the agency directory (`active` agency codes,
/// `known` = every code). Every problem is named by sheet, row and column.
pub fn parse_catalog(path: &Path, known: &HashSet<String>) -> Result<Catalog, EvaluationError> {
    let mut workbook = WorkbookReader::open(path)?;
    let file = workbook.file_name().to_string();
    let mut reading = Reading { workbook: &mut workbook, problems: Vec::new() };
    let axes = reading.axes()?;
    let mut indicators = reading.indicators(&axes, known)?;
    reading.measures(&mut indicators.list)?;
    reading.check_measure_weights(&indicators);
    if !reading.problems.is_empty() {
        return Err(EvaluationError::InvalidCatalog { file, problems: reading.problems });
    }
    Ok(Catalog::new(axes, indicators.list))
}

/// The indicators read, with the header and row of each so that later checks can name its cells.
struct IndicatorRows {
    list: Vec<Indicator>,
    header: Header<I>,
    rows_of: HashMap<String, SheetRow>,
}

/// Names the cell (column `I`) of a problem in the indicator row being read.
type RowProblem<'a> = dyn FnMut(I, String) + 'a;

impl Reading<'_> {
    fn axes(&mut self) -> Result<Vec<Axis>, EvaluationError> {
        let (header, rows) =
            self.table(AXES_SHEET, AXIS_COLUMNS, &[A::Code, A::Title], false)?.expect("required sheet");
        let mut axes = Vec::new();
        for row in &rows {
            let code = code_of(&header.text(row, A::Code));
            let title = normalize_text(&header.text(row, A::Title));
            if code.is_empty() || axes.iter().any(|a: &Axis| a.code == code) {
                let message = format!("کد محور «{code}» خالی است یا دوبار آمده است.");
                self.problems.push(header.problem(row, A::Code, message));
            }
            if title.is_empty() {
                self.problems.push(header.problem(row, A::Title, "عنوان محور را بنویسید.".into()));
            }
            axes.push(Axis { code, title });
        }
        Ok(axes)
    }

    fn indicators(&mut self, axes: &[Axis], known: &HashSet<String>) -> Result<IndicatorRows, EvaluationError> {
        let required = [I::Code, I::Kind, I::Title, I::Ceiling, I::Method];
        let (header, rows) =
            self.table(INDICATORS_SHEET, INDICATOR_COLUMNS, &required, false)?.expect("required sheet");
        let mut list: Vec<Indicator> = Vec::new();
        let mut rows_of: HashMap<String, SheetRow> = HashMap::new();
        for row in &rows {
            let mut problem = |field, message: String| self.problems.push(header.problem(row, field, message));
            let code = code_of(&header.text(row, I::Code));
            if code.is_empty() {
                problem(I::Code, "کد شاخص را بنویسید.".into());
            } else if rows_of.contains_key(&code) {
                problem(I::Code, format!("کد شاخص «{code}» دوبار آمده است؛ هر شاخص کد یکتا دارد."));
            }
            rows_of.insert(code.clone(), row.clone());
            list.push(indicator_of_row(code, &header, row, axes, known, &mut problem));
        }
        Ok(IndicatorRows { list, header, rows_of })
    }

    /// The measures sheet (optional): each measure joins its indicator.
    fn measures(&mut self, indicators: &mut [Indicator]) -> Result<(), EvaluationError> {
        let required = [M::Indicator, M::Code, M::Weight];
        let Some((header, rows)) = self.table(MEASURES_SHEET, MEASURE_COLUMNS, &required, true)? else {
            return Ok(());
        };
        for row in &rows {
            let mut problem = |field, message: String| self.problems.push(header.problem(row, field, message));
            let indicator_code = code_of(&header.text(row, M::Indicator));
            let code = code_of(&header.text(row, M::Code));
            let weight_text = header.text(row, M::Weight);
            let Some(indicator) = indicators.iter_mut().find(|i| i.code == indicator_code) else {
                problem(M::Indicator, format!("شاخص «{indicator_code}» در برگهٔ شاخص‌ها نیست."));
                continue;
            };
            if indicator.method != Method::Measures {
                problem(M::Indicator, format!("روش شاخص «{indicator_code}» «سنجه‌ای» نیست که سنجه داشته باشد."));
            }
            if code.is_empty() || indicator.measures.iter().any(|m| m.code == code) {
                problem(M::Code, format!("کد سنجه «{code}» خالی است یا در این شاخص دوبار آمده است."));
            }
            let weight = match parse_number(&weight_text) {
                Ok(w) if w > 0.0 => w,
                _ => {
                    problem(M::Weight, format!("وزن «{weight_text}» باید عددی بیشتر از صفر باشد."));
                    0.0
                }
            };
            indicator.measures.push(Measure { code, title: normalize_text(&header.text(row, M::Title)), weight });
        }
        Ok(())
    }

    /// A measures indicator needs measures whose weights add up to 100.
    fn check_measure_weights(&mut self, indicators: &IndicatorRows) {
        for indicator in indicators.list.iter().filter(|i| i.method == Method::Measures) {
            let row = &indicators.rows_of[&indicator.code];
            let sum: f64 = indicator.measures.iter().map(|m| m.weight).sum();
            let message = if indicator.measures.is_empty() {
                format!("شاخص سنجه‌ای «{}» در برگهٔ سنجه‌ها سنجه‌ای ندارد.", indicator.code)
            } else if (sum - 100.0).abs() > 1e-6 {
                let sum = format_decimal(sum, if sum.fract() == 0.0 { 0 } else { 2 });
                format!("وزن سنجه‌های شاخص «{}» روی هم {sum} است، نه ۱۰۰.", indicator.code)
            } else {
                continue;
            };
            self.problems.push(indicators.header.problem(row, I::Method, message));
        }
    }
}

/// One row of the indicators sheet; what is wrong in it goes to `problem`.
fn indicator_of_row(
    code: String,
    header: &Header<I>,
    row: &SheetRow,
    axes: &[Axis],
    known: &HashSet<String>,
    problem: &mut RowProblem,
) -> Indicator {
    let kind_text = normalize_text(&header.text(row, I::Kind));
    let kind = IndicatorKind::from_persian(&kind_text);
    if kind.is_none() {
        problem(I::Kind, format!("نوع «{kind_text}» شناخته نیست؛ یکی از «عمومی»، «اختصاصی» یا «توسعه‌ای» بنویسید."));
    }
    let title = normalize_text(&header.text(row, I::Title));
    if title.is_empty() {
        problem(I::Title, "عنوان شاخص را بنویسید.".into());
    }
    let ceiling_text = header.text(row, I::Ceiling);
    let ceiling = match parse_number(&ceiling_text) {
        Ok(v) if v > 0.0 => v,
        _ => {
            problem(I::Ceiling, format!("سقف امتیاز «{ceiling_text}» باید عددی بیشتر از صفر باشد."));
            0.0
        }
    };
    let method = method_of(header, row, problem);
    let (direction, target) = ratio_of(header, row, method, problem);
    let axis_code = axis_of(header, row, kind, axes, problem);
    let codes = agencies_of(header, row, kind, known, problem);
    let lead = lead_of(header, row, known, problem);
    Indicator {
        code,
        kind: kind.unwrap_or(IndicatorKind::General),
        axis_code,
        title,
        ceiling,
        unit: normalize_text(&header.text(row, I::Unit)),
        evidence: normalize_text(&header.text(row, I::Evidence)),
        method: method.unwrap_or(Method::Points),
        direction,
        target,
        measures: vec![],
        agencies: codes,
        lead,
    }
}

/// The lead agency that scores the indicator for every agency (seed §8), if the optional
/// «دستگاه سنجش» column names one: one code of the agency directory.
fn lead_of(header: &Header<I>, row: &SheetRow, known: &HashSet<String>, problem: &mut RowProblem) -> Option<String> {
    let codes = agency_codes(&header.text(row, I::Lead));
    match codes.as_slice() {
        [] => None,
        [code] if known.contains(code) => Some(code.clone()),
        [code] => {
            problem(
                I::Lead,
                format!("دستگاه سنجشی با کد «{code}» در فهرست دستگاه‌ها نیست؛ کد دستگاهی را بنویسید که این شاخص را برای همه می‌سنجد، یا خانه را خالی بگذارید."),
            );
            None
        }
        _ => {
            problem(I::Lead, "هر شاخص یک دستگاه سنجش دارد؛ تنها کد یک دستگاه را بنویسید.".into());
            None
        }
    }
}

fn method_of(header: &Header<I>, row: &SheetRow, problem: &mut RowProblem) -> Option<Method> {
    let method_text = normalize_text(&header.text(row, I::Method));
    let method = Method::from_persian(&method_text);
    if method.is_none() {
        let what = if method_text.is_empty() {
            "روش امتیازدهی نوشته نشده است".to_string()
        } else {
            format!("روش «{method_text}» شناخته نیست")
        };
        problem(I::Method, format!("{what}؛ یکی از «نسبت به هدف»، «امتیاز مستقیم»، «بله/خیر» یا «سنجه‌ای» بنویسید."));
    }
    method
}

/// Direction and target, which only a ratio indicator has (and must have).
fn ratio_of(
    header: &Header<I>,
    row: &SheetRow,
    method: Option<Method>,
    problem: &mut RowProblem,
) -> (Option<Direction>, Option<f64>) {
    if method != Some(Method::Ratio) {
        return (None, None);
    }
    let direction = Direction::from_persian(&normalize_text(&header.text(row, I::Direction)));
    let target_text = header.text(row, I::Target);
    let target = parse_number(&target_text).ok();
    if direction.is_none() {
        problem(I::Direction, "شاخص «نسبت به هدف» جهت می‌خواهد: «بیشتر بهتر» یا «کمتر بهتر».".into());
    }
    if !target.is_some_and(|t| t > 0.0) {
        problem(I::Target, format!("شاخص «نسبت به هدف» هدفی بیشتر از صفر می‌خواهد، نه «{target_text}»."));
    }
    (direction, target)
}

fn axis_of(
    header: &Header<I>,
    row: &SheetRow,
    kind: Option<IndicatorKind>,
    axes: &[Axis],
    problem: &mut RowProblem,
) -> Option<String> {
    let axis_code = Some(code_of(&header.text(row, I::Axis))).filter(|a| !a.is_empty());
    match (&axis_code, kind) {
        (None, Some(IndicatorKind::General)) => problem(I::Axis, "شاخص عمومی باید محور داشته باشد.".into()),
        (Some(a), _) if !axes.iter().any(|x| &x.code == a) => {
            problem(I::Axis, format!("محور «{a}» در برگهٔ محورها نیست."))
        }
        _ => {}
    }
    axis_code
}

/// The agencies a specific (one) or development indicator is for; a general one names none.
fn agencies_of(
    header: &Header<I>,
    row: &SheetRow,
    kind: Option<IndicatorKind>,
    known: &HashSet<String>,
    problem: &mut RowProblem,
) -> Vec<String> {
    let codes = agency_codes(&header.text(row, I::Agencies));
    for unknown in codes.iter().filter(|c| !known.contains(*c)) {
        problem(I::Agencies, format!("دستگاهی با کد «{unknown}» در فهرست دستگاه‌ها نیست."));
    }
    match kind {
        Some(IndicatorKind::Specific) if codes.len() != 1 => {
            problem(I::Agencies, "شاخص اختصاصی باید کد یک دستگاه را داشته باشد.".into())
        }
        Some(IndicatorKind::General) if !codes.is_empty() => {
            problem(I::Agencies, "شاخص عمومی برای همهٔ دستگاه‌هاست؛ ستون دستگاه را خالی بگذارید.".into())
        }
        _ => {}
    }
    codes
}

/// Fill in who is evaluated on what (general and open development indicators: every active
/// agency) and check the ceilings of every active agency against the scales.
pub fn resolve_and_check(
    catalog: &mut Catalog,
    settings: &EvalSettings,
    active: &[(String, String)],
) -> Result<(), EvaluationError> {
    let is_active: HashSet<&str> = active.iter().map(|(code, _)| code.as_str()).collect();
    for indicator in &mut catalog.indicators {
        if indicator.agencies.is_empty() {
            indicator.agencies = active.iter().map(|(code, _)| code.clone()).collect();
        } else {
            indicator.agencies.retain(|c| is_active.contains(c.as_str()));
        }
    }
    catalog.by_agency = AgencyIndex::default();
    let n = |v: f64| format_decimal(v, if (v - v.round()).abs() < 1e-9 { 0 } else { 2 });
    let mut problems = Vec::new();
    let general: f64 = catalog.indicators.iter().filter(|i| i.kind == IndicatorKind::General).map(|i| i.ceiling).sum();
    if (general - settings.general_scale).abs() > 1e-6 {
        problems.push(format!("مجموع سقف شاخص‌های عمومی {} است، نه {}.", n(general), n(settings.general_scale)));
    }
    for (code, name) in active {
        let fa_code = crate::fa::code(code);
        let sum = |kind| -> (f64, usize) {
            let of: Vec<&Indicator> = catalog.of_agency(code).filter(|i| i.kind == kind).collect();
            (of.iter().map(|i| i.ceiling).sum(), of.len())
        };
        let (specific, count) = sum(IndicatorKind::Specific);
        let (development, dev_count) = sum(IndicatorKind::Development);
        if count == 0 {
            problems
                .push(format!("«{name}» ({fa_code}) شاخص اختصاصی ندارد؛ سهم استانی شاخص‌های اختصاصی آن را بیفزایید."));
            continue;
        }
        let dev_scale = if dev_count > 0 { settings.development_scale() } else { 0.0 };
        if (specific - (settings.specific_scale - dev_scale)).abs() > 1e-6 {
            problems.push(format!(
                "«{name}» ({fa_code}): مجموع سقف شاخص‌های اختصاصی {} است، نه {}.",
                n(specific),
                n(settings.specific_scale - dev_scale)
            ));
        }
        if dev_count > 0 && (development - dev_scale).abs() > 1e-6 {
            problems.push(format!(
                "«{name}» ({fa_code}): مجموع سقف شاخص‌های توسعه‌ای {} است، نه {}.",
                n(development),
                n(dev_scale)
            ));
        }
    }
    if !problems.is_empty() {
        return Err(EvaluationError::CeilingsDoNotAddUp { problems });
    }
    Ok(())
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CatalogImportReport {
    pub year: i32,
    pub axes: u32,
    pub general: u32,
    pub specific: u32,
    pub development: u32,
    pub agencies: u32,
}

/// Active agencies as (code, name), by code.
fn active_agencies(store: &Store) -> Result<Vec<(String, String)>, EvaluationError> {
    let mut active: Vec<(String, String)> =
        agencies::list(store, "", false)?.into_iter().filter(|a| a.active).map(|a| (a.code, a.name)).collect();
    active.sort();
    Ok(active)
}

/// Why the catalog of `year` cannot be imported today, if it cannot: the year is locked, none of
/// the circular's, the specific indicators' or the development indicators' phases is open, or
/// scores have been entered against the current catalog.
pub fn import_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<(), EvaluationError> {
    super::ensure_not_locked(conn, year)?;
    let open = ["circular", "specific_approval", "development"]
        .iter()
        .find(|p| super::phases::ensure_open(conn, year, p, today).is_ok());
    if open.is_none() {
        super::phases::ensure_open(conn, year, "circular", today)?;
    }
    let scored: i64 = conn.query_row("SELECT count(*) FROM ev_score WHERE year = ?1", [year], |r| r.get(0))?;
    if scored > 0 {
        return Err(EvaluationError::CatalogHasScores { year, scores: scored as u32 });
    }
    Ok(())
}

/// Import the catalog of `year` from `path`, replacing the catalog while no score has been
/// entered. Allowed while the circular, the specific indicators' approval or the development
/// indicators' phase is open.
pub fn import_catalog(
    store: &mut Store,
    year: i32,
    path: &Path,
    today: JalaliDate,
) -> Result<CatalogImportReport, EvaluationError> {
    let settings = settings_of(store.conn(), year)?;
    import_allowed(store.conn(), year, today)?;
    let known: HashSet<String> = agencies::list(store, "", true)?.into_iter().map(|a| a.code).collect();
    let mut catalog = parse_catalog(path, &known)?;
    let active = active_agencies(store)?;
    resolve_and_check(&mut catalog, &settings, &active)?;
    let file_name = crate::sheets::file_name(path);
    store.write(|tx, actor| {
        tx.execute("DELETE FROM ev_applies WHERE year = ?1", [year])?;
        tx.execute("DELETE FROM ev_measure WHERE year = ?1", [year])?;
        tx.execute("DELETE FROM ev_indicator WHERE year = ?1", [year])?;
        tx.execute("DELETE FROM ev_axis WHERE year = ?1", [year])?;
        write_catalog(tx, year, &catalog)?;
        let report = report_of(year, &catalog, active.len());
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ev_catalog", &year.to_string(), "import").new_value(&report).reason(Some(&file_name)),
        )?;
        Ok(report)
    })
}

fn report_of(year: i32, catalog: &Catalog, agencies: usize) -> CatalogImportReport {
    let count = |kind| catalog.indicators.iter().filter(|i| i.kind == kind).count() as u32;
    CatalogImportReport {
        year,
        axes: catalog.axes.len() as u32,
        general: count(IndicatorKind::General),
        specific: count(IndicatorKind::Specific),
        development: count(IndicatorKind::Development),
        agencies: agencies as u32,
    }
}

fn write_catalog(conn: &Connection, year: i32, catalog: &Catalog) -> Result<(), EvaluationError> {
    for (position, axis) in catalog.axes.iter().enumerate() {
        conn.execute(
            "INSERT INTO ev_axis (year, code, title, position) VALUES (?1, ?2, ?3, ?4)",
            params![year, axis.code, axis.title, position as i64],
        )?;
    }
    let ids: HashMap<String, i64> = conn
        .prepare("SELECT code, id FROM agency")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut insert = conn.prepare(
        "INSERT INTO ev_indicator (year, code, kind, axis_code, title, ceiling, unit, evidence, method, direction, target, position, lead_agency_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut measure = conn.prepare(
        "INSERT INTO ev_measure (year, indicator_code, code, title, weight, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut applies = conn.prepare("INSERT INTO ev_applies (year, indicator_code, agency_id) VALUES (?1, ?2, ?3)")?;
    for (position, i) in catalog.indicators.iter().enumerate() {
        insert.execute(params![
            year,
            i.code,
            i.kind.as_str(),
            i.axis_code,
            i.title,
            i.ceiling,
            i.unit,
            i.evidence,
            i.method.as_str(),
            i.direction.map(Direction::as_str),
            i.target,
            position as i64,
            i.lead.as_ref().map(|code| ids[code])
        ])?;
        for (p, m) in i.measures.iter().enumerate() {
            measure.execute(params![year, i.code, m.code, m.title, m.weight, p as i64])?;
        }
        for code in &i.agencies {
            applies.execute(params![year, i.code, ids[code]])?;
        }
    }
    Ok(())
}

/// The stored catalog of a year, with agency codes per indicator.
pub fn catalog_of(conn: &Connection, year: i32) -> Result<Catalog, EvaluationError> {
    let axes = conn
        .prepare("SELECT code, title FROM ev_axis WHERE year = ?1 ORDER BY position")?
        .query_map([year], |r| Ok(Axis { code: r.get(0)?, title: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut measures: HashMap<String, Vec<Measure>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT indicator_code, code, title, weight FROM ev_measure WHERE year = ?1 ORDER BY indicator_code, position",
    )?;
    for row in stmt.query_map([year], |r| {
        Ok((r.get::<_, String>(0)?, Measure { code: r.get(1)?, title: r.get(2)?, weight: r.get(3)? }))
    })? {
        let (code, m) = row?;
        measures.entry(code).or_default().push(m);
    }
    let mut applies: HashMap<String, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT p.indicator_code, a.code FROM ev_applies p JOIN agency a ON a.id = p.agency_id WHERE p.year = ?1 ORDER BY a.code",
    )?;
    for row in stmt.query_map([year], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (code, agency) = row?;
        applies.entry(code).or_default().push(agency);
    }
    let mut stmt = conn.prepare(
        "SELECT i.code, i.kind, i.axis_code, i.title, i.ceiling, i.unit, i.evidence, i.method, i.direction, i.target, l.code
         FROM ev_indicator i LEFT JOIN agency l ON l.id = i.lead_agency_id WHERE i.year = ?1 ORDER BY i.position",
    )?;
    let indicators = stmt
        .query_map([year], |r| {
            let code: String = r.get(0)?;
            Ok(Indicator {
                measures: measures.remove(&code).unwrap_or_default(),
                agencies: applies.remove(&code).unwrap_or_default(),
                code,
                kind: IndicatorKind::from_db(&r.get::<_, String>(1)?),
                axis_code: r.get(2)?,
                title: r.get(3)?,
                ceiling: r.get(4)?,
                unit: r.get(5)?,
                evidence: r.get(6)?,
                method: Method::from_db(&r.get::<_, String>(7)?),
                direction: r.get::<_, Option<String>>(8)?.as_deref().and_then(Direction::from_db),
                target: r.get(9)?,
                lead: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if indicators.is_empty() {
        return Err(EvaluationError::NoCatalog { year });
    }
    Ok(Catalog::new(axes, indicators))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(code: &str, kind: IndicatorKind, ceiling: f64, agencies: &[&str]) -> Indicator {
        Indicator::points(code, kind, ceiling, agencies.iter().map(|a| a.to_string()).collect())
    }

    fn active() -> Vec<(String, String)> {
        vec![("101".into(), "آموزش و پرورش".into()), ("102".into(), "دانشگاه".into())]
    }

    #[test]
    fn ceilings_that_add_up_pass_and_fill_in_every_agency() {
        let mut catalog = Catalog::new(
            vec![],
            vec![
                indicator("G01", IndicatorKind::General, 600.0, &[]),
                indicator("G02", IndicatorKind::General, 400.0, &[]),
                indicator("S101-1", IndicatorKind::Specific, 800.0, &["101"]),
                indicator("S102-1", IndicatorKind::Specific, 1000.0, &["102"]),
                indicator("D01", IndicatorKind::Development, 200.0, &["101"]),
            ],
        );
        resolve_and_check(&mut catalog, &EvalSettings::default(), &active()).unwrap();
        assert_eq!(catalog.indicators[0].agencies, ["101", "102"]);
    }

    #[test]
    fn ceilings_that_do_not_add_up_are_named() {
        let mut catalog = Catalog::new(
            vec![],
            vec![
                indicator("G01", IndicatorKind::General, 995.0, &[]),
                indicator("S101-1", IndicatorKind::Specific, 790.0, &["101"]),
                indicator("D01", IndicatorKind::Development, 200.0, &[]),
            ],
        );
        let err = resolve_and_check(&mut catalog, &EvalSettings::default(), &active()).unwrap_err();
        let EvaluationError::CeilingsDoNotAddUp { problems } = err else { panic!() };
        assert_eq!(
            problems,
            [
                "مجموع سقف شاخص‌های عمومی ۹۹۵ است، نه ۱٬۰۰۰.",
                "«آموزش و پرورش» (101): مجموع سقف شاخص‌های اختصاصی ۷۹۰ است، نه ۸۰۰.",
                "«دانشگاه» (102) شاخص اختصاصی ندارد؛ سهم استانی شاخص‌های اختصاصی آن را بیفزایید.",
            ]
        );
    }

    #[test]
    fn agency_lists_are_read_in_any_digits_and_separators() {
        assert_eq!(agency_codes("۱۰۱، 203,305 ؛ ۴۰۱"), ["101", "203", "305", "401"]);
    }
}
