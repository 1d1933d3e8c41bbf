//! Lead agencies' workbooks (seed §8): one per lead agency (دستگاه سنجش), listing every agency
//! evaluated on each indicator it scores, an agency a row, with the input cells of the
//! evaluation workbooks (src/evaluation/workbook.rs) after the agency's code and name, and the
//! same identity sheet and marks, so that intake takes back only what this file issued.

use super::catalog::catalog_of;
use super::model::{Catalog, Indicator};
use super::workbook::{
    finish_scores_sheet, indicator_headers, scoring_guide_lines, write_guide, write_indicator_rows, EvalIdentity,
    EvalWorkbook, Formats, Purpose, Validations, HEADER_ROW, IDENTITY_LABELS, INDICATOR_WIDTHS, SCORES_SHEET,
};
use super::EvaluationError;
use crate::fa;
use crate::issued::{write_identity_sheet, write_sheet_mark, Stamp};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{Connection, OptionalExtension};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use std::path::{Path, PathBuf};

/// The purpose a lead workbook's identity sheet names.
pub const LEAD_PURPOSE: &str = "lead";
/// What a lead workbook is called, in file names and refusals.
pub const LEAD_PERSIAN: &str = "دستگاه سنجش";
/// The first header of a lead workbook's scores sheet: rows are keyed by the agency first.
pub const AGENCY_HEADER: &str = "کد دستگاه";
/// The agency's code and name come before the indicator's columns.
pub const LEAD_SHIFT: u16 = 2;

/// A lead agency: its id, code, name and short name.
pub(super) struct LeadRef {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub short_name: String,
}

/// The lead agency of `code` (any digits), or UnknownAgency.
pub(super) fn lead_ref(conn: &Connection, code: &str) -> Result<LeadRef, EvaluationError> {
    let code = fa::to_latin_digits(code.trim());
    conn.query_row("SELECT id, code, name, short_name FROM agency WHERE code = ?1", [&code], |r| {
        Ok(LeadRef { id: r.get(0)?, code: r.get(1)?, name: r.get(2)?, short_name: r.get(3)? })
    })
    .optional()?
    .ok_or(EvaluationError::UnknownAgency { code })
}

/// Why no lead workbook can be made, if none can: no catalog, or no indicator names a lead.
pub fn lead_workbooks_allowed(conn: &Connection, year: i32) -> Result<(), EvaluationError> {
    if catalog_of(conn, year)?.leads().is_empty() {
        return Err(EvaluationError::NoLeads { year });
    }
    Ok(())
}

/// The leads asked for (every lead of the catalog when none is), each checked to be one.
fn leads_asked(
    conn: &Connection,
    year: i32,
    catalog: &Catalog,
    codes: &[String],
) -> Result<Vec<LeadRef>, EvaluationError> {
    let leads = catalog.leads();
    if codes.is_empty() {
        return leads.iter().map(|code| lead_ref(conn, code)).collect();
    }
    codes
        .iter()
        .map(|code| {
            let lead = lead_ref(conn, code)?;
            if !leads.contains(&lead.code.as_str()) {
                let leads = leads.iter().map(|l| l.to_string()).collect();
                return Err(EvaluationError::NotALead { year, code: lead.code, name: lead.name, leads });
            }
            Ok(lead)
        })
        .collect()
}

/// One workbook per lead agency of the year's catalog (or only `lead_codes`), into `out_dir`,
/// each registered by its digest.
pub fn generate_lead_workbooks(
    store: &mut Store,
    year: i32,
    out_dir: &Path,
    lead_codes: &[String],
) -> Result<Vec<EvalWorkbook>, EvaluationError> {
    lead_workbooks_allowed(store.conn(), year)?;
    let catalog = catalog_of(store.conn(), year)?;
    let leads = leads_asked(store.conn(), year, &catalog, lead_codes)?;
    let province = store.province()?;
    let names: Vec<(String, String)> =
        super::results::agency_refs(store.conn())?.into_iter().map(|a| (a.code, a.name)).collect();
    std::fs::create_dir_all(out_dir)
        .map_err(|e| EvaluationError::Write { path: out_dir.display().to_string(), detail: e.to_string() })?;
    let mut written = Vec::new();
    for lead in &leads {
        let mut identity = EvalIdentity {
            purpose: LEAD_PURPOSE.to_string(),
            stamp: Stamp::new(store.conn(), year, &lead.code, &lead.name)?,
        };
        identity.stamp.digest = identity.compute_digest();
        let short = if lead.short_name.is_empty() { &lead.name } else { &lead.short_name };
        let file_name =
            crate::sheets::safe_file_name(&format!("{LEAD_PERSIAN} {} - {} {short}.xlsx", fa::int(year), lead.code));
        let path: PathBuf = out_dir.join(&file_name);
        let indicators: Vec<&Indicator> = catalog.of_lead(&lead.code).collect();
        let contents = LeadContents { province: &province.province, office: &province.office, identity: &identity };
        write_lead_workbook(&path, &contents, &indicators, &names)
            .map_err(|e| EvaluationError::Write { path: path.display().to_string(), detail: e.to_string() })?;
        store.write(|tx, actor| {
            tx.execute(
                "INSERT INTO ev_lead_workbook_issued (year, lead_agency_id, digest, generated_at) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![year, lead.id, identity.stamp.digest, identity.stamp.generated_at],
            )?;
            record_audit(tx, actor, &AuditEntry::new("ev_lead_workbook", &lead.code, "generate").new_value(&identity))?;
            Ok::<_, EvaluationError>(())
        })?;
        written.push(EvalWorkbook {
            agency_code: lead.code.clone(),
            agency_name: lead.name.clone(),
            file_name,
            path: path.display().to_string(),
            indicators: indicators.len() as u32,
        });
    }
    Ok(written)
}

/// Who a lead workbook is from and for.
struct LeadContents<'a> {
    province: &'a str,
    office: &'a str,
    identity: &'a EvalIdentity,
}

fn write_lead_workbook(
    path: &Path,
    contents: &LeadContents,
    indicators: &[&Indicator],
    agencies: &[(String, String)],
) -> Result<(), XlsxError> {
    let formats = Formats::new();
    let year = fa::int(contents.identity.stamp.year);
    let mut workbook = Workbook::new();
    write_guide(&mut workbook, &formats, &guide_lines(&year, &contents.identity.stamp.agency_name, contents.office))?;
    write_lead_sheet(workbook.add_worksheet(), &formats, contents, indicators, agencies)?;
    let identity = contents.identity;
    write_identity_sheet(&mut workbook, &[(IDENTITY_LABELS[0], &identity.purpose)], &identity.stamp)?;
    workbook.save(path)
}

/// The scores sheet: each indicator of the lead, every agency evaluated on it, a row each
/// (with its measures' rows under it).
fn write_lead_sheet(
    sheet: &mut Worksheet,
    f: &Formats,
    contents: &LeadContents,
    indicators: &[&Indicator],
    agencies: &[(String, String)],
) -> Result<(), XlsxError> {
    let stamp = &contents.identity.stamp;
    sheet.set_name(SCORES_SHEET)?.set_right_to_left(true);
    let title =
        format!("سنجش شاخص‌ها به دست {} — سال {} — {}", stamp.agency_name, fa::int(stamp.year), contents.province);
    sheet.write_string_with_format(0, 0, &title, &f.title)?;
    write_sheet_mark(sheet, stamp)?;
    let subtitle = "برای هر دستگاه، خانه‌های زرد ردیف خودش را پر کنید؛ هر ردیف با کد دستگاه و کد شاخص شناخته می‌شود. ستون‌ها و ردیف‌ها را جابه‌جا نکنید.";
    // Across the agency's and the indicator's columns: wrapped in column A alone it would stand
    // a word a line over the title.
    sheet.merge_range(1, 0, 1, 2 + 5, subtitle, &f.subtitle)?;
    let mut headers = vec![AGENCY_HEADER, "نام دستگاه"];
    headers.extend(indicator_headers("امتیاز دستگاه سنجش", "توضیح دستگاه سنجش"));
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, *h, &f.header)?;
    }
    let validations = Validations::new()?;
    let mut row = HEADER_ROW + 1;
    for indicator in indicators {
        for (code, name) in agencies.iter().filter(|(code, _)| indicator.agencies.contains(code)) {
            // A lead's rows show no agency's own score, as a self-assessment's do not.
            let next = write_indicator_rows(
                sheet,
                (row, LEAD_SHIFT),
                f,
                &validations,
                Purpose::SelfAssessment,
                indicator,
                None,
            )?;
            for r in row..next {
                sheet.write_string_with_format(r, 0, code, &f.code)?;
                sheet.write_string_with_format(r, 1, name, &f.label)?;
            }
            row = next;
        }
    }
    let mut widths = vec![8.0, 30.0];
    widths.extend_from_slice(&INDICATOR_WIDTHS[..INDICATOR_WIDTHS.len() - 1]);
    finish_scores_sheet(sheet, &headers, &widths, LEAD_SHIFT)
}

fn guide_lines(year: &str, lead: &str, office: &str) -> Vec<String> {
    let mut lines = vec![format!("راهنمای سنجش شاخص‌های دستگاه‌های اجرایی به دست {lead} — سال {year}")];
    lines.push(format!("این کارپوشه را {office} برای شما ساخته است: شاخص‌هایی که {lead} برای همهٔ دستگاه‌های اجرایی استان می‌سنجد، هر دستگاه در یک ردیف. امتیاز هر دستگاه را بنویسید و همین فایل را برگردانید؛ برگه‌ها را جابه‌جا یا نام‌شان را دگرگون نکنید."));
    lines.extend(scoring_guide_lines());
    lines.push("امتیاز شما مستند ارزیابان سازمان است: گزارش یا شمارهٔ نامه‌ای را که امتیاز هر دستگاه بر آن استوار است در «توضیح دستگاه سنجش» بنویسید. ردیف دستگاهی را که نسنجیده‌اید خالی بگذارید.".into());
    lines
}
