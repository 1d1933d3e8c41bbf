//! Council approval: the final results are stored as a snapshot with a SHA-256 of their
//! content and the year's scores are locked by the file's triggers. Reopening needs a
//! reason; approving again makes a new version. Also: last year's results and the national
//! tiering brought in as data, and the final results exported for the national system.

use super::objections::objections;
use super::results::{results, AgencyResult, Basis};
use super::{agency_by_code, EvaluationError};
use crate::fa::{normalize_text, parse_number, JalaliDate};
use crate::sheets::{CellProblem, Column, Header, WorkbookReader};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Approval {
    pub version: u32,
    pub approved_on: String,
    pub session: String,
    pub content_hash: String,
    pub approved_by: String,
    pub reopened: bool,
    pub reopen_reason: Option<String>,
}

fn hash_of(results: &[AgencyResult]) -> (String, String) {
    let json = serde_json::to_string(results).expect("results serialize");
    let hash = crate::issued::sha256_hex(json.as_bytes());
    (json, hash)
}

pub fn approvals(conn: &Connection, year: i32) -> Result<Vec<Approval>, EvaluationError> {
    let mut stmt = conn.prepare(
        "SELECT version, approved_on, session, content_hash, approved_by, reopened_at IS NOT NULL, reopen_reason FROM ev_approval WHERE year = ?1 ORDER BY version",
    )?;
    let rows = stmt.query_map([year], |r| {
        Ok(Approval {
            version: r.get(0)?,
            approved_on: JalaliDate::display_stored(&r.get::<_, String>(1)?),
            session: r.get(2)?,
            content_hash: r.get(3)?,
            approved_by: r.get(4)?,
            reopened: r.get(5)?,
            reopen_reason: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The approved final results in force (the latest approval not reopened), checked against
/// their hash.
pub fn approved_results(conn: &Connection, year: i32) -> Result<Option<Vec<AgencyResult>>, EvaluationError> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT results, content_hash FROM ev_approval WHERE year = ?1 AND reopened_at IS NULL ORDER BY version DESC LIMIT 1",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((json, hash)) = row else { return Ok(None) };
    if crate::issued::sha256_hex(json.as_bytes()) != hash {
        return Err(EvaluationError::SnapshotDamaged { year });
    }
    Ok(serde_json::from_str(&json).ok())
}

/// Why the council cannot approve today, if it cannot: the year is locked, the council's phase
/// is not open, or an objection is undecided. The approve button shows the same sentence.
pub fn approve_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<(), EvaluationError> {
    super::ensure_not_locked(conn, year)?;
    super::phases::ensure_open(conn, year, "council", today)?;
    let closes: String = conn
        .query_row("SELECT window_closes FROM ev_preliminary WHERE year = ?1", [year], |r| r.get(0))
        .optional()?
        .ok_or(EvaluationError::ApprovalBeforePublication { year })?;
    let pending: Vec<String> = objections(conn, year)?
        .into_iter()
        .filter(|o| o.decision.is_none())
        .map(|o| format!("{}: شاخص «{}»", o.agency_name, o.indicator_code))
        .collect();
    if !pending.is_empty() {
        return Err(EvaluationError::ObjectionsPending { pending });
    }
    // The council approves once no agency may object any more: the publication's window has
    // passed and the objection phase is not held open by a reopening.
    let closes = JalaliDate::parse(&closes).expect("stored by publish");
    let reopened = super::phases::ensure_open(conn, year, "objection", today).is_ok();
    if today <= closes || reopened {
        let closes = if reopened { phase_end(conn, year, "objection", today)? } else { closes };
        return Err(EvaluationError::ObjectionWindowOpen { closes: closes.to_string(), today: today.to_string() });
    }
    Ok(())
}

/// The last day a phase is open: its reopening's end when reopened, else its own.
fn phase_end(conn: &Connection, year: i32, code: &str, today: JalaliDate) -> Result<JalaliDate, EvaluationError> {
    let phase = super::phases::phases(conn, year, today)?.into_iter().find(|p| p.code == code);
    let ends = phase.iter().flat_map(|p| [Some(&p.ends_on), p.reopened_until.as_ref()]).flatten();
    Ok(ends.filter_map(|d| JalaliDate::parse(d).ok()).max().unwrap_or(today))
}

/// The council approves the year's final results: every objection must be decided.
pub fn approve(store: &mut Store, year: i32, session: &str, today: JalaliDate) -> Result<Approval, EvaluationError> {
    approve_allowed(store.conn(), year, today)?;
    crate::backup::before(store, crate::backup::BackupReason::Approval);
    let results = results(store.conn(), year, Basis::Final)?;
    let (json, hash) = hash_of(&results);
    store.write(|tx, actor| {
        let version: u32 = tx.query_row("SELECT coalesce(max(version), 0) + 1 FROM ev_approval WHERE year = ?1", [year], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO ev_approval (year, version, approved_on, session, results, content_hash, approved_at, approved_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![year, version, today.to_latin_string(), normalize_text(session), json, hash, crate::store::now_iso(), actor],
        )?;
        // This year's final results become next year's baseline for growth.
        tx.execute("DELETE FROM ev_past_result WHERE year = ?1", [year])?;
        for r in &results {
            tx.execute(
                "INSERT INTO ev_past_result (year, agency_id, general, specific, development, total, percent, tier, rank)
                 SELECT ?1, id, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM agency WHERE code = ?2",
                params![year, r.agency.code, r.general, r.specific, r.development, r.total, r.percent, r.tier, r.rank],
            )?;
        }
        record_audit(tx, actor, &AuditEntry::new("ev_approval", &format!("{year}/{version}"), "approve").new_value(&hash).reason(Some(session)))?;
        Ok::<_, EvaluationError>(())
    })?;
    Ok(approvals(store.conn(), year)?.pop().expect("just approved"))
}

/// Reopen the council's approval with a recorded reason: the scores unlock; approving again
/// makes a new version and the old snapshot stays.
pub fn reopen(store: &mut Store, year: i32, reason: &str) -> Result<(), EvaluationError> {
    if reason.trim().is_empty() {
        return Err(EvaluationError::ReasonRequired);
    }
    if !super::is_locked(store.conn(), year)? {
        return Err(EvaluationError::NotApproved { year });
    }
    store.write(|tx, actor| {
        // The audit row first: the trigger that guards the lock lifts it only right after the
        // reopening's audit row with the same reason (migration 0005).
        record_audit(tx, actor, &AuditEntry::new("ev_approval", &year.to_string(), "reopen").reason(Some(reason.trim())))?;
        tx.execute(
            "UPDATE ev_approval SET reopened_at = ?2, reopened_by = ?3, reopen_reason = ?4 WHERE year = ?1 AND reopened_at IS NULL",
            params![year, crate::store::now_iso(), actor, reason.trim()],
        )?;
        Ok(())
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum P {
    Agency,
    General,
    Specific,
    Development,
    Total,
    Percent,
    Tier,
    Rank,
}
const PAST_COLUMNS: &[Column<P>] = &[
    Column { field: P::Agency, name: "کد دستگاه", aliases: &["کد"] },
    Column { field: P::General, name: "امتیاز عمومی", aliases: &["عمومی"] },
    Column { field: P::Specific, name: "امتیاز اختصاصی", aliases: &["اختصاصی"] },
    Column { field: P::Development, name: "امتیاز توسعه‌ای", aliases: &["توسعه‌ای"] },
    Column { field: P::Total, name: "امتیاز کل", aliases: &["کل"] },
    Column { field: P::Percent, name: "درصد", aliases: &["درصد از مقیاس"] },
    Column { field: P::Tier, name: "سطح", aliases: &[] },
    Column { field: P::Rank, name: "رتبه", aliases: &[] },
];

/// One agency's row of an earlier year's final results, as read from the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PastResultRow {
    pub agency_code: String,
    pub agency_name: String,
    pub general: f64,
    pub specific: f64,
    pub development: f64,
    pub total: f64,
    pub percent: f64,
    pub tier: String,
    pub rank: u32,
}

/// What importing a file of earlier results would store, read and checked without writing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PastResultsPreview {
    pub file: String,
    pub year: i32,
    pub rows: Vec<PastResultRow>,
    /// Rows of this year already in the file, which the import replaces.
    pub replaces: u32,
}

fn stored_rows(conn: &Connection, table: &str, year: i32) -> Result<u32, EvaluationError> {
    Ok(conn.query_row(&format!("SELECT count(*) FROM {table} WHERE year = ?1"), [year], |r| r.get(0))?)
}

/// Read and check a file of an earlier year's final results (docs/formats/results.md);
/// nothing is written. A file with any problem is refused whole.
pub fn read_past_results(conn: &Connection, year: i32, path: &Path) -> Result<PastResultsPreview, EvaluationError> {
    let mut workbook = WorkbookReader::open(path)?;
    let file = workbook.file_name().to_string();
    let sheet = workbook
        .sheet_names()
        .into_iter()
        .next()
        .ok_or(EvaluationError::MissingSheet { file: file.clone(), sheet: "نتایج".into() })?;
    let rows = workbook.rows(&sheet, 5_000)?;
    let required = [P::Agency, P::Total, P::Percent];
    let (header, data) = match Header::split(&rows, &sheet, PAST_COLUMNS, &required) {
        Ok(split) => split,
        Err(m) => return Err(EvaluationError::MissingColumns { file, sheet, missing: m.missing }),
    };
    let mut problems: Vec<CellProblem> = Vec::new();
    let mut parsed = Vec::new();
    for row in data {
        let code = crate::fa::to_latin_digits(&normalize_text(&header.text(row, P::Agency)));
        let (agency_code, agency_name) = match agency_by_code(conn, &code) {
            Ok((_, code, name)) => (code, name),
            Err(_) => {
                problems.push(header.problem(
                    row,
                    P::Agency,
                    format!("دستگاهی با کد «{code}» در فهرست دستگاه‌ها نیست."),
                ));
                continue;
            }
        };
        let mut number = |field: P, name: &str| -> f64 {
            let text = header.text(row, field);
            if text.trim().is_empty() && !required.contains(&field) {
                return 0.0;
            }
            parse_number(&text).unwrap_or_else(|_| {
                problems.push(header.problem(row, field, format!("{name} «{text}» عدد نیست.")));
                0.0
            })
        };
        parsed.push(PastResultRow {
            agency_code,
            agency_name,
            general: number(P::General, "امتیاز عمومی"),
            specific: number(P::Specific, "امتیاز اختصاصی"),
            development: number(P::Development, "امتیاز توسعه‌ای"),
            total: number(P::Total, "امتیاز کل"),
            percent: number(P::Percent, "درصد"),
            rank: number(P::Rank, "رتبه") as u32,
            tier: normalize_text(&header.text(row, P::Tier)),
        });
    }
    if !problems.is_empty() {
        return Err(EvaluationError::InvalidFile { file, problems });
    }
    Ok(PastResultsPreview { file, year, rows: parsed, replaces: stored_rows(conn, "ev_past_result", year)? })
}

/// Bring in an earlier year's final results (docs/formats/results.md), for growth; re-importing
/// a year replaces it.
pub fn import_past_results(store: &mut Store, year: i32, path: &Path) -> Result<u32, EvaluationError> {
    let preview = read_past_results(store.conn(), year, path)?;
    store.write(|tx, actor| {
        tx.execute("DELETE FROM ev_past_result WHERE year = ?1", [year])?;
        for r in &preview.rows {
            let (id, ..) = agency_by_code(tx, &r.agency_code)?;
            tx.execute(
                "INSERT INTO ev_past_result (year, agency_id, general, specific, development, total, percent, tier, rank) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![year, id, r.general, r.specific, r.development, r.total, r.percent, r.tier, i64::from(r.rank)],
            )?;
        }
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ev_past_result", &year.to_string(), "import")
                .new_value(preview.rows.len())
                .reason(Some(&preview.file)),
        )?;
        Ok(preview.rows.len() as u32)
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum N {
    Agency,
    Tier,
    Rank,
}
/// No short aliases: «سطح» and «رتبه» head a results workbook (last year's, or this year's
/// export), which must not be taken for the national tiering.
const NATIONAL_COLUMNS: &[Column<N>] = &[
    Column { field: N::Agency, name: "کد دستگاه", aliases: &["کد"] },
    Column { field: N::Tier, name: "سطح ملی", aliases: &[] },
    Column { field: N::Rank, name: "رتبهٔ ملی", aliases: &["رتبه ملی"] },
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NationalRow {
    pub agency_code: String,
    pub agency_name: String,
    pub tier: String,
    pub rank: Option<u32>,
}

/// What importing the national tiering would store, read and checked without writing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NationalPreview {
    pub file: String,
    pub year: i32,
    pub rows: Vec<NationalRow>,
    pub province_rank: Option<u32>,
    pub province_count: Option<u32>,
    /// Agencies' national tiers of this year already in the file, which the import replaces.
    pub replaces: u32,
}

/// Why the national tiering cannot be brought in today: it belongs to the national phase.
pub fn national_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<(), EvaluationError> {
    super::phases::ensure_open(conn, year, "national", today)
}

/// Read and check the national tiering as it comes back (docs/formats/results.md): a sheet of
/// agencies and, optionally, a sheet «استان» with the province's rank among provinces.
/// Nothing is written.
pub fn read_national(
    conn: &Connection,
    year: i32,
    path: &Path,
    today: JalaliDate,
) -> Result<NationalPreview, EvaluationError> {
    national_allowed(conn, year, today)?;
    let mut workbook = WorkbookReader::open(path)?;
    let file = workbook.file_name().to_string();
    let province_sheet = workbook.find_sheet(&["استان"]);
    let sheet = workbook
        .sheet_names()
        .into_iter()
        .find(|s| Some(s) != province_sheet.as_ref())
        .ok_or(EvaluationError::MissingSheet { file: file.clone(), sheet: "دستگاه‌ها".into() })?;
    let rows = workbook.rows(&sheet, 5_000)?;
    let (header, data) = match Header::split(&rows, &sheet, NATIONAL_COLUMNS, &[N::Agency, N::Tier]) {
        Ok(split) => split,
        Err(m) => return Err(EvaluationError::MissingColumns { file, sheet, missing: m.missing }),
    };
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    for row in data {
        let code = crate::fa::to_latin_digits(&normalize_text(&header.text(row, N::Agency)));
        let tier = normalize_text(&header.text(row, N::Tier));
        let rank_text = header.text(row, N::Rank);
        let rank = if rank_text.trim().is_empty() { None } else { parse_number(&rank_text).ok().map(|r| r as u32) };
        match agency_by_code(conn, &code) {
            Ok((_, agency_code, agency_name)) if !tier.is_empty() => {
                parsed.push(NationalRow { agency_code, agency_name, tier, rank })
            }
            Ok(_) => problems.push(header.problem(row, N::Tier, "سطح ملی را بنویسید.".into())),
            Err(_) => {
                problems.push(header.problem(row, N::Agency, format!("دستگاهی با کد «{code}» در فهرست دستگاه‌ها نیست.")))
            }
        }
    }
    let (mut province_rank, mut province_count) = (None, None);
    if let Some(ps) = province_sheet {
        for row in workbook.rows(&ps, 50)? {
            let label = crate::fa::comparison_key(&row.cell(0).as_text());
            let value = parse_number(&row.cell(1).as_text()).ok().map(|v| v as u32);
            if label == crate::fa::comparison_key("رتبهٔ استان") {
                province_rank = value;
            } else if label == crate::fa::comparison_key("تعداد استان‌ها") {
                province_count = value;
            }
        }
    }
    if !problems.is_empty() {
        return Err(EvaluationError::InvalidFile { file, problems });
    }
    let replaces = stored_rows(conn, "ev_national", year)?;
    Ok(NationalPreview { file, year, rows: parsed, province_rank, province_count, replaces })
}

/// Bring in the national tiering (in the national phase); re-importing replaces it.
pub fn import_national(store: &mut Store, year: i32, path: &Path, today: JalaliDate) -> Result<u32, EvaluationError> {
    let preview = read_national(store.conn(), year, path, today)?;
    store.write(|tx, actor| {
        tx.execute("DELETE FROM ev_national WHERE year = ?1", [year])?;
        for r in &preview.rows {
            let (id, ..) = agency_by_code(tx, &r.agency_code)?;
            tx.execute(
                "INSERT INTO ev_national (year, agency_id, national_tier, national_rank) VALUES (?1, ?2, ?3, ?4)",
                params![year, id, r.tier, r.rank],
            )?;
        }
        let province = (preview.province_rank, preview.province_count);
        tx.execute(
            "UPDATE ev_year SET province_rank = ?2, province_count = ?3 WHERE year = ?1",
            params![year, province.0, province.1],
        )?;
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ev_national", &year.to_string(), "import")
                .new_value((preview.rows.len(), province))
                .reason(Some(&preview.file)),
        )?;
        Ok(preview.rows.len() as u32)
    })
}

/// Write the approved final results for the national system (docs/formats/results.md).
pub fn export_national(store: &Store, year: i32, out: &Path) -> Result<u32, EvaluationError> {
    let results = approved_results(store.conn(), year)?.ok_or(EvaluationError::NotYetApproved { year })?;
    let province = store.province()?;
    let scores = super::results::scores_on(store.conn(), year, Basis::Final)?;
    let catalog = super::catalog::catalog_of(store.conn(), year)?;
    let write = || -> Result<(), rust_xlsxwriter::XlsxError> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        national_results_sheet(workbook.add_worksheet(), &province.province, year, &results)?;
        national_scores_sheet(workbook.add_worksheet(), &results, &catalog, &scores)?;
        workbook.save(out)
    };
    write().map_err(|e| EvaluationError::Write { path: out.display().to_string(), detail: e.to_string() })?;
    Ok(results.len() as u32)
}

/// The national system's results sheet: one row per agency, in rank order.
fn national_results_sheet(
    sheet: &mut rust_xlsxwriter::Worksheet,
    province: &str,
    year: i32,
    results: &[AgencyResult],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use crate::sheets::style::{self, ColumnWidths};
    let (header, text) = (style::header(), style::text());
    let two = rust_xlsxwriter::Format::new().set_num_format("0.00");
    let mut widths = ColumnWidths::new(44.0);
    sheet.set_name("نتایج نهایی")?.set_right_to_left(true);
    let headers = [
        "استان",
        "سال",
        "کد دستگاه",
        "نام دستگاه",
        "گروه جشنواره",
        "امتیاز عمومی",
        "امتیاز اختصاصی",
        "امتیاز توسعه‌ای",
        "امتیاز کل",
        "درصد",
        "سطح",
        "رتبه",
        "رتبه در گروه",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &header)?;
        widths.header(c as u16, h);
    }
    let province = province.to_string();
    for (i, r) in results.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, t) in [(0, &province), (2, &r.agency.code), (3, &r.agency.name), (4, &r.agency.group), (10, &r.tier)] {
            sheet.write_string_with_format(row, c, t, &text)?;
            widths.text(c, t);
        }
        sheet.write_number(row, 1, f64::from(year))?;
        widths.number(1, f64::from(year), 0);
        for (c, v) in [r.general, r.specific, r.development, r.total, r.percent].iter().enumerate() {
            sheet.write_number_with_format(row, 5 + c as u16, *v, &two)?;
            widths.number(5 + c as u16, *v, 2);
        }
        for (c, v) in [(11, r.rank), (12, r.group_rank)] {
            sheet.write_number(row, c, f64::from(v))?;
            widths.number(c, f64::from(v), 0);
        }
    }
    widths.apply(sheet)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, results.len() as u32, 12)?;
    style::print_setup(sheet, true, Some((0, 0)))
}

/// Every agency's final score of each of its indicators.
fn national_scores_sheet(
    sheet: &mut rust_xlsxwriter::Worksheet,
    results: &[AgencyResult],
    catalog: &super::model::Catalog,
    scores: &super::results::Scores,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use crate::sheets::style::{self, ColumnWidths};
    let (header, text) = (style::header(), style::text());
    let two = rust_xlsxwriter::Format::new().set_num_format("0.00");
    sheet.set_name("امتیاز شاخص‌ها")?.set_right_to_left(true);
    let mut widths = ColumnWidths::new(30.0);
    for (c, h) in ["کد دستگاه", "کد شاخص", "نوع", "سقف امتیاز", "امتیاز نهایی"].iter().enumerate()
    {
        sheet.write_string_with_format(0, c as u16, *h, &header)?;
        widths.header(c as u16, h);
    }
    let mut row = 1;
    for r in results {
        for indicator in catalog.of_agency(&r.agency.code) {
            sheet.write_string(row, 0, &r.agency.code)?;
            sheet.write_string(row, 1, &indicator.code)?;
            sheet.write_string_with_format(row, 2, indicator.kind.persian(), &text)?;
            widths.text(2, indicator.kind.persian());
            widths.number(3, indicator.ceiling, 2);
            sheet.write_number_with_format(row, 3, indicator.ceiling, &two)?;
            let score = scores.get(&r.agency.code, &indicator.code).unwrap_or(0.0);
            sheet.write_number_with_format(row, 4, score, &two)?;
            row += 1;
        }
    }
    widths.at_least(4, 12.0);
    widths.apply(sheet)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row - 1, 4)?;
    style::print_setup(sheet, false, Some((0, 0)))
}
