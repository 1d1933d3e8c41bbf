//! The reminder letters: one page per late agency naming what it owes and by how many days, on
//! the office's letterhead. One document kind («reminder»): a list of agencies in, one page each
//! out. Saved final, each page takes the register's number (a preview takes none); an agency
//! with unanswered accounts findings also gets its feedback workbook beside the PDF.

use super::{board, Cause, FollowupError, LateRow};
use crate::accounts::GeneratedWorkbook;
use crate::agencies;
use crate::evaluation::{settings_of, EvalSettings};
use crate::fa::{self, JalaliDate};
use crate::pdf::{Align, Document, Orientation, TextStyle};
use crate::register::{self, IssuedDocument, Numbering};
use crate::reports::table::{col, Kind, ReportTable};
use crate::reports::{Made, SavedReport};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The register's kind of a reminder letter («نامهٔ یادآوری»).
pub const REMINDER_KIND: &str = "reminder";

/// What writing the reminders did: the PDF, its numbers, and the feedback workbooks beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RemindResult {
    pub saved: SavedReport,
    /// The agencies written to, in page order.
    pub agencies: Vec<String>,
    /// A draft (preview or read-only file): no number taken.
    pub draft: bool,
    pub feedback: Vec<GeneratedWorkbook>,
}

/// The agencies to remind: every late one when `chosen` is empty, else those chosen, each of
/// which must be late (`known` tells an unknown code from one that is simply not late).
pub(super) fn allowed(
    year: i32,
    late: &[String],
    chosen: &[String],
    known: &dyn Fn(&str) -> bool,
) -> Result<Vec<String>, FollowupError> {
    if late.is_empty() {
        return Err(FollowupError::NobodyLate { year: fa::int(year) });
    }
    if chosen.is_empty() {
        return Ok(late.to_vec());
    }
    let mut out: Vec<String> = Vec::new();
    for code in chosen.iter().map(|c| fa::to_latin_digits(c.trim())) {
        if !late.contains(&code) {
            return Err(if known(&code) {
                FollowupError::NotLate { code, year: fa::int(year) }
            } else {
                FollowupError::UnknownAgency { code }
            });
        }
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

/// Why no reminder can be written for `chosen` (empty: every late agency) of `year` as of
/// `today`, if none can; otherwise the agencies, in board order of `chosen`.
pub fn remind_allowed(
    store: &Store,
    year: i32,
    chosen: &[String],
    today: JalaliDate,
) -> Result<Vec<String>, FollowupError> {
    let b = board(store, year, today)?;
    allowed(year, &b.late_agencies, chosen, &|code| agencies::find(store, code).is_ok())
}

/// The reminder letters of `chosen` (empty: every late agency), each page numbered by `numbering`.
pub fn reminder_letters(
    store: &Store,
    year: i32,
    chosen: &[String],
    today: JalaliDate,
    numbering: &Numbering,
) -> Result<Made, FollowupError> {
    let codes = remind_allowed(store, year, chosen, today)?;
    let rows = board(store, year, today)?.rows;
    let province = store.province()?;
    let signer = settings_of(store.conn(), year).unwrap_or_else(|_| EvalSettings::default()).signatories.appointment;
    let mut doc = Document::new("یادآوری موارد معوق", Orientation::Portrait).with_header(&province.office);
    let mut all = table(year, "موارد معوق یادآوری‌شده", true);
    for (i, code) in codes.iter().enumerate() {
        if i > 0 {
            doc.new_page();
        }
        let mine: Vec<&LateRow> = rows.iter().filter(|r| &r.agency_code == code && r.agency_owes).collect();
        let (date, number) = numbering.stamp(code);
        let date = if date.is_empty() { today.to_latin_string() } else { date };
        crate::reports::letter::letterhead(&mut doc, &province.office, &date, &number);
        letter_body(&mut doc, year, today, &mine);
        crate::reports::letter::signature(&mut doc, &signer.name, &signer.title);
        for r in &mine {
            all.push(cells(r, true));
        }
    }
    Ok(Made::new(doc, vec![all]))
}

fn table(year: i32, title: &str, with_agency: bool) -> ReportTable {
    let mut columns = vec![col("ردیف", 0.6, Kind::Ordinal)];
    if with_agency {
        columns.push(col("کد دستگاه", 0.9, Kind::Code));
        columns.push(col("دستگاه", 2.6, Kind::Text));
    }
    columns.extend([
        col("خدمت", 1.6, Kind::Text),
        col("مورد معوق", 5.0, Kind::Text),
        col("مهلت", 1.2, Kind::Text),
        col("روز تأخیر", 0.9, Kind::Ordinal),
    ]);
    ReportTable::new(title, &format!("{title} — سال {}", fa::int(year)), columns)
}

fn cells(r: &LateRow, with_agency: bool) -> Vec<crate::reports::table::Value> {
    let mut out = vec![0u32.into()];
    if with_agency {
        out.push(r.agency_code.clone().into());
        out.push(r.agency_name.clone().into());
    }
    out.extend([
        r.service_label.clone().into(),
        r.reason.clone().into(),
        r.due.clone().into(),
        (r.days_late.max(0) as u32).into(),
    ]);
    out
}

fn letter_body(doc: &mut Document, year: i32, today: JalaliDate, rows: &[&LateRow]) {
    let Some(first) = rows.first() else { return };
    let bold = TextStyle::body().bold().with_align(Align::Right);
    let body = TextStyle { leading: 1.9, ..TextStyle::body() };
    doc.paragraph(&format!("ریاست محترم {}", first.agency_name), &bold);
    doc.spacer(6.0);
    doc.paragraph(&format!("موضوع: یادآوری موارد معوق سال {}", fa::int(year)), &bold);
    doc.spacer(6.0);
    doc.paragraph("با سلام و احترام؛", &TextStyle::body());
    let after = match &first.last_letter {
        Some(l) => format!(
            "پیرو نامهٔ شمارهٔ {} مورخ {} ({})، ",
            fa::to_persian_digits(l.number.as_deref().unwrap_or("—")),
            l.date,
            l.kind_label
        ),
        None => String::new(),
    };
    doc.paragraph(
        &format!(
            "{after}به آگاهی می‌رساند {} مورد زیر که انجام آن بر عهدهٔ آن دستگاه است، تا امروز {} پس از گذشت مهلت انجام نشده است:",
            fa::count(rows.len()),
            today
        ),
        &body,
    );
    let mut mine = table(year, "موارد معوق", false);
    for (n, r) in rows.iter().enumerate() {
        let mut row = cells(r, false);
        row[0] = ((n + 1) as u32).into();
        mine.push(row);
    }
    doc.table(&mine.pdf(9.0));
    doc.spacer(8.0);
    doc.paragraph(
        "خواهشمند است دستور فرمایید موارد بالا حداکثر ظرف یک هفته از تاریخ این نامه انجام و نتیجه به این سازمان اعلام شود.",
        &body,
    );
    if rows.iter().any(|r| r.cause == Cause::Findings) {
        doc.paragraph(
            "کارپوشهٔ بازخورد اقلام آماری آن دستگاه، که خانه‌های دارای یافته در آن رنگی و با توضیح نشان داده شده‌اند، پیوست است؛ \
             خطاها را اصلاح کنید، برای هر هشدار توضیح بنویسید و کارپوشه را بازگردانید.",
            &body,
        );
    }
}

/// Write the reminders of `chosen` (empty: every late agency) to `out`. Final unless `draft` or
/// the file is read-only: each page takes the register's number, stored with the PDF's SHA-256
/// in the transaction that writes it. Agencies with unanswered accounts findings get their
/// feedback workbook in the PDF's folder (a draft writes none).
pub fn remind(
    store: &mut Store,
    year: i32,
    chosen: &[String],
    today: JalaliDate,
    out: &Path,
    draft: bool,
) -> Result<RemindResult, FollowupError> {
    let codes = remind_allowed(store, year, chosen, today)?;
    let draft = draft || store.read_only().is_some();
    let numbering = if draft { Numbering::preview() } else { Numbering::begin(store.conn(), today)? };
    let made = reminder_letters(store, year, &codes, today, &numbering)?;
    let rows = board(store, year, today)?.rows;
    let write = || {
        std::fs::write(out, &made.pdf).map_err(|e| crate::register::RegisterError::Write {
            path: out.display().to_string(),
            detail: e.to_string(),
        })
    };
    let numbers = if draft {
        write()?;
        Vec::new()
    } else {
        let document_name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let subject = format!("یادآوری موارد معوق سال {}", fa::int(year));
        let document = IssuedDocument {
            service: "accounts",
            kind: REMINDER_KIND,
            subject: &subject,
            document_name: &document_name,
            pdf: &made.pdf,
        };
        let service_of = |code: &str| service_of(&rows, code);
        let issued = store.write(|tx, actor| {
            let issued = register::record_issued_by_service(tx, actor, &numbering, &document, &service_of)?;
            write()?;
            Ok::<_, FollowupError>(issued)
        })?;
        issued.into_iter().map(|i| i.number).collect()
    };
    let with_findings: Vec<String> = codes.iter().filter(|c| has_findings(&rows, c)).cloned().collect();
    let feedback = if draft || with_findings.is_empty() {
        Vec::new()
    } else {
        let dir = out.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        crate::accounts::feedback::write_latest_for(store, year, &with_findings, &dir)?
    };
    let saved =
        SavedReport { path: out.display().to_string(), bytes: made.pdf.len() as u64, pages: Some(made.pages), numbers };
    Ok(RemindResult { saved, agencies: codes, draft, feedback })
}

/// The service of an agency's longest-late item it owes: its reminder's entry in the register.
fn service_of(rows: &[LateRow], code: &str) -> String {
    let owed = rows.iter().filter(|r| r.agency_code == code && r.agency_owes);
    owed.max_by_key(|r| r.days_late).map_or("accounts", |r| r.service.as_str()).to_string()
}

fn has_findings(rows: &[LateRow], code: &str) -> bool {
    rows.iter().any(|r| r.agency_code == code && r.cause == Cause::Findings)
}

/// «نامه‌های یادآوری ۱۴۰۳ - 1405-09-09.pdf»: a name for the reminders of `year` written `today`.
pub fn suggested_file_name(year: i32, today: JalaliDate) -> String {
    let name = format!("نامه‌های یادآوری {} - {}", fa::int(year), today.to_latin_string().replace('/', "-"));
    format!("{}.pdf", crate::sheets::safe_file_name(&name))
}
