//! The letter register (دبیرخانه) of both services (issue 14 item 1): every document the office
//! issues to an agency takes a number and a date when it is saved final, and incoming items
//! (returned workbooks, letters, objections) are logged with their reference. A preview takes no
//! number. Entries are append-only: SQL triggers refuse to change or delete one (migration 0013).

mod error;
mod export;

pub use error::RegisterError;
pub use export::export_xlsx;

use crate::fa::{comparison_key, normalize_text, to_latin_digits, JalaliDate};
use crate::store::{now_iso, record_audit, AuditEntry, Store, StoreError};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use ts_rs::TS;

/// The pattern a new province file starts with.
pub const DEFAULT_PATTERN: &str = "{year}/{seq}/ص";

/// What each kind of entry is called in the register.
const KIND_LABELS: &[(&str, &str)] = &[
    ("request_letter", "نامهٔ درخواست اقلام"),
    ("reminder", "نامهٔ یادآوری"),
    ("workbook_sent", "ارسال کارپوشه"),
    ("preliminary_sheet", "کارنامهٔ نتایج اولیه"),
    ("tier_notification", "ابلاغ سطح‌بندی"),
    ("certificates", "تقدیرنامه"),
    ("appointment_letters", "حکم عضویت"),
    ("cover_letter", "نامهٔ همراه بسته"),
    ("returned_workbook", "کارپوشهٔ برگشتی"),
    ("letter", "نامه"),
    ("objection", "اعتراض"),
];

/// The Persian name of an entry's kind (the key itself when unknown).
pub fn kind_label(kind: &str) -> &str {
    KIND_LABELS.iter().find(|(k, _)| *k == kind).map_or(kind, |(_, label)| label)
}

/// One line of the register, as the screen, the CLI and the workbook show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RegisterEntry {
    #[ts(type = "number")]
    pub id: i64,
    /// «out» (issued by the office) or «in» (received).
    pub direction: String,
    /// «accounts» or «evaluation».
    pub service: String,
    pub year: i32,
    pub agency_code: String,
    /// The agency's name ('' when the entry is addressed to no agency).
    pub agency_name: String,
    pub kind: String,
    pub kind_label: String,
    /// The register's number of an outgoing entry.
    pub number: Option<String>,
    /// Jalali, «1403/02/10».
    pub entry_date: String,
    pub subject: String,
    pub document_name: String,
    pub document_sha256: String,
    /// The sender's number (a letter) or the file name (a returned workbook) of an incoming entry.
    pub reference: String,
    pub created_by: String,
}

/// Which entries to list: one agency's, and those whose text contains `query`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct RegisterFilter {
    pub agency: Option<String>,
    pub query: String,
}

/// A number given to an agency's page of a final document.
#[derive(Debug, Clone, PartialEq)]
pub struct Issued {
    pub agency_code: String,
    pub seq: i64,
    pub number: String,
    /// What the number was given for: the agency's code, or a person's key (an appointment letter).
    pub key: String,
}

/// Hands out the register's numbers while a document is drawn: one per agency, in the order the
/// pages ask, from the next free sequence of the year. A preview's numbering gives none. The
/// numbers are stored only by `record_issued`, after the document is written.
pub struct Numbering {
    pattern: String,
    date: Option<JalaliDate>,
    next_seq: i64,
    issued: RefCell<Vec<Issued>>,
}

impl Numbering {
    /// A draft: no number, today's date.
    pub fn preview() -> Self {
        Self { pattern: String::new(), date: None, next_seq: 0, issued: RefCell::new(Vec::new()) }
    }

    /// Numbers for a final document dated `date`, from the year's next free sequence.
    pub fn begin(conn: &Connection, date: JalaliDate) -> Result<Self, RegisterError> {
        Ok(Self {
            pattern: pattern(conn)?,
            date: Some(date),
            next_seq: next_seq(conn, date.year)?,
            issued: RefCell::new(Vec::new()),
        })
    }

    pub fn is_final(&self) -> bool {
        self.date.is_some()
    }

    /// The (date, number) to print on `agency_code`'s page: stored-form date and the number, or
    /// two empty strings for a preview (the letterhead then prints today's date and no number).
    pub fn stamp(&self, agency_code: &str) -> (String, String) {
        self.stamp_for(agency_code, agency_code)
    }

    /// As `stamp`, for a page addressed to a person rather than an agency (an appointment
    /// letter): one number per `key`, registered under `agency_code` ('' for none).
    pub fn stamp_for(&self, key: &str, agency_code: &str) -> (String, String) {
        let Some(date) = self.date else { return (String::new(), String::new()) };
        let mut issued = self.issued.borrow_mut();
        if let Some(i) = issued.iter().find(|i| i.key == key) {
            return (date.to_latin_string(), i.number.clone());
        }
        let seq = self.next_seq + issued.len() as i64;
        let number = format_number(&self.pattern, date.year, seq);
        issued.push(Issued { agency_code: agency_code.to_string(), seq, number: number.clone(), key: key.to_string() });
        (date.to_latin_string(), number)
    }

    /// A numbering that goes on after this one's numbers, with none given yet: a batch gives
    /// each agency's document its own, so that a document that fails keeps no number.
    pub fn following(&self) -> Self {
        Self {
            pattern: self.pattern.clone(),
            date: self.date,
            next_seq: self.next_seq + self.issued.borrow().len() as i64,
            issued: RefCell::new(Vec::new()),
        }
    }

    pub fn issued(&self) -> Vec<Issued> {
        self.issued.borrow().clone()
    }

    pub fn date(&self) -> Option<JalaliDate> {
        self.date
    }
}

/// «{year}/{seq}/ص» with the year and sequence put in (Latin digits; documents show them Persian).
pub fn format_number(pattern: &str, year: i32, seq: i64) -> String {
    pattern.replace("{year}", &year.to_string()).replace("{seq}", &seq.to_string())
}

/// The numbering pattern in use.
pub fn pattern(conn: &Connection) -> Result<String, RegisterError> {
    Ok(conn.query_row("SELECT pattern FROM register_setting WHERE id = 1", [], |r| r.get(0))?)
}

/// Change the numbering pattern; it must hold «{seq}». Audited.
pub fn set_pattern(store: &mut Store, text: &str) -> Result<String, RegisterError> {
    let new = to_latin_digits(&normalize_text(text)).trim().to_string();
    if !new.contains("{seq}") {
        return Err(RegisterError::PatternWithoutSeq { given: text.trim().to_string() });
    }
    let old = pattern(store.conn())?;
    store.write(|tx, actor| {
        tx.execute("UPDATE register_setting SET pattern = ?1 WHERE id = 1", [&new])?;
        record_audit(tx, actor, &AuditEntry::new("register_setting", "pattern", "update").old(&old).new_value(&new))?;
        Ok::<_, RegisterError>(())
    })?;
    Ok(new)
}

/// The year's next free sequence.
fn next_seq(conn: &Connection, year: i32) -> Result<i64, RegisterError> {
    let max: Option<i64> =
        conn.query_row("SELECT max(seq) FROM register_entry WHERE year = ?1 AND seq IS NOT NULL", [year], |r| {
            r.get(0)
        })?;
    Ok(max.unwrap_or(0) + 1)
}

/// What a final document was, for its register entries.
pub struct IssuedDocument<'a> {
    pub service: &'a str,
    pub kind: &'a str,
    pub subject: &'a str,
    pub document_name: &'a str,
    pub pdf: &'a [u8],
}

/// Store the numbers `numbering` gave to `document`, one entry per agency, in the caller's
/// transaction. A number another save took meanwhile is refused (the unique index says so).
pub fn record_issued(
    tx: &Connection,
    actor: &str,
    numbering: &Numbering,
    document: &IssuedDocument,
) -> Result<Vec<Issued>, RegisterError> {
    record_issued_by_service(tx, actor, numbering, document, &|_| document.service.to_string())
}

/// As `record_issued`, each agency's entry under the service `service_of` names for it (a
/// reminder speaks of either service, agency by agency).
pub fn record_issued_by_service(
    tx: &Connection,
    actor: &str,
    numbering: &Numbering,
    document: &IssuedDocument,
    service_of: &dyn Fn(&str) -> String,
) -> Result<Vec<Issued>, RegisterError> {
    let Some(date) = numbering.date() else { return Ok(Vec::new()) };
    let sha = crate::issued::sha256_hex(document.pdf);
    let issued = numbering.issued();
    for i in &issued {
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM register_entry WHERE number = ?1 OR (year = ?2 AND seq = ?3))",
            params![i.number, date.year, i.seq],
            |r| r.get(0),
        )?;
        if taken {
            return Err(RegisterError::NumberTaken { number: i.number.clone() });
        }
        tx.execute(
            "INSERT INTO register_entry (direction, service, year, agency_code, kind, seq, number, entry_date,
                                         subject, document_name, document_sha256, created_by, created_at)
             VALUES ('out', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                service_of(&i.agency_code),
                date.year,
                i.agency_code,
                document.kind,
                i.seq,
                i.number,
                date.to_latin_string(),
                document.subject,
                document.document_name,
                sha,
                actor,
                now_iso()
            ],
        )?;
        record_audit(
            tx,
            actor,
            &AuditEntry::new("register_entry", &i.number, "issue").new_value(i.agency_code.as_str()),
        )?;
    }
    Ok(issued)
}

/// An incoming item to log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncomingInput {
    /// «accounts» or «evaluation».
    pub service: String,
    pub agency_code: String,
    /// «letter», «objection» or (by intake) «returned_workbook».
    pub kind: String,
    /// Jalali; empty for today.
    pub date: String,
    pub subject: String,
    pub reference: String,
}

/// Log an incoming letter or objection by hand. Audited; returns the entry.
pub fn log_incoming(store: &mut Store, input: &IncomingInput) -> Result<RegisterEntry, RegisterError> {
    if !matches!(input.kind.as_str(), "letter" | "objection") {
        return Err(RegisterError::UnknownIncomingKind { given: input.kind.clone() });
    }
    if input.reference.trim().is_empty() {
        return Err(RegisterError::ReferenceRequired);
    }
    if input.subject.trim().is_empty() {
        return Err(RegisterError::SubjectRequired);
    }
    let id = store.write(|tx, actor| log_incoming_in(tx, actor, input))?;
    Ok(entries(store.conn(), "WHERE e.id = ?1", params![id])?.remove(0))
}

/// Log an incoming item in the caller's transaction (intake logs each returned workbook so).
pub fn log_incoming_in(tx: &Connection, actor: &str, input: &IncomingInput) -> Result<i64, RegisterError> {
    let service = checked_service(&input.service)?;
    let code = input.agency_code.trim();
    let known: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM agency WHERE code = ?1)", [code], |r| r.get(0))?;
    if !known {
        return Err(RegisterError::UnknownAgency { code: code.to_string() });
    }
    let date = if input.date.trim().is_empty() {
        JalaliDate::today()
    } else {
        JalaliDate::parse(&input.date).map_err(|_| RegisterError::BadDate { given: input.date.trim().to_string() })?
    };
    let subject = normalize_text(&input.subject);
    let reference = normalize_text(&input.reference);
    let id = insert_incoming(tx, actor, (service, code, &input.kind), date, subject.trim(), reference.trim())?;
    record_audit(tx, actor, &AuditEntry::new("register_entry", &id.to_string(), "receive").new_value(input))?;
    Ok(id)
}

/// Log a returned workbook that intake accepted, dated today, with its file name as the
/// reference, in intake's own transaction.
pub fn log_returned_workbook(
    tx: &Connection,
    actor: &str,
    service: &str,
    agency_code: &str,
    file_name: &str,
) -> Result<(), StoreError> {
    let subject = if service == "accounts" {
        "کارپوشهٔ اقلام آماری حساب‌های منطقه‌ای"
    } else {
        "کارپوشهٔ خوداظهاری ارزیابی عملکرد"
    };
    let kind = (service, agency_code, "returned_workbook");
    insert_incoming(tx, actor, kind, JalaliDate::today(), subject, file_name)?;
    Ok(())
}

fn insert_incoming(
    tx: &Connection,
    actor: &str,
    (service, agency_code, kind): (&str, &str, &str),
    date: JalaliDate,
    subject: &str,
    reference: &str,
) -> rusqlite::Result<i64> {
    // Cached: a batch of returned workbooks logs one entry each.
    tx.prepare_cached(
        "INSERT INTO register_entry (direction, service, year, agency_code, kind, entry_date, subject, reference,
                                     created_by, created_at)
         VALUES ('in', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        service,
        date.year,
        agency_code,
        kind,
        date.to_latin_string(),
        subject,
        reference,
        actor,
        now_iso()
    ])?;
    Ok(tx.last_insert_rowid())
}

fn checked_service(text: &str) -> Result<&'static str, RegisterError> {
    match comparison_key(text).as_str() {
        "accounts" | "ra" => Ok("accounts"),
        "evaluation" | "eval" => Ok("evaluation"),
        _ => Err(RegisterError::UnknownService { given: text.to_string() }),
    }
}

/// The entries `filter` picks, newest first.
pub fn list(conn: &Connection, filter: &RegisterFilter) -> Result<Vec<RegisterEntry>, RegisterError> {
    let agency = filter.agency.as_deref().map(str::trim).filter(|a| !a.is_empty());
    let all = match agency {
        Some(code) => entries(conn, "WHERE e.agency_code = ?1", params![code])?,
        None => entries(conn, "", params![])?,
    };
    let query = comparison_key(&filter.query);
    if query.is_empty() {
        return Ok(all);
    }
    Ok(all.into_iter().filter(|e| comparison_key(&searchable(e)).contains(&query)).collect())
}

/// The text a search looks in: number, subject, reference, agency, kind, file and date.
fn searchable(e: &RegisterEntry) -> String {
    let number = e.number.as_deref().unwrap_or("");
    format!(
        "{number} {} {} {} {} {} {} {}",
        e.subject, e.reference, e.agency_code, e.agency_name, e.kind_label, e.document_name, e.entry_date
    )
}

fn entries(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Vec<RegisterEntry>, RegisterError> {
    let sql = format!(
        "SELECT e.id, e.direction, e.service, e.year, e.agency_code, coalesce(a.name, ''), e.kind, e.number,
                e.entry_date, e.subject, e.document_name, e.document_sha256, e.reference, e.created_by
         FROM register_entry e LEFT JOIN agency a ON a.code = e.agency_code {filter} ORDER BY e.id DESC"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(args, |r| {
        let kind: String = r.get(6)?;
        Ok(RegisterEntry {
            id: r.get(0)?,
            direction: r.get(1)?,
            service: r.get(2)?,
            year: r.get(3)?,
            agency_code: r.get(4)?,
            agency_name: r.get(5)?,
            kind_label: kind_label(&kind).to_string(),
            kind,
            number: r.get(7)?,
            entry_date: r.get(8)?,
            subject: r.get(9)?,
            document_name: r.get(10)?,
            document_sha256: r.get(11)?,
            reference: r.get(12)?,
            created_by: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_pattern() {
        assert_eq!(format_number(DEFAULT_PATTERN, 1403, 7), "1403/7/ص");
        assert_eq!(format_number("ص-{seq}", 1403, 12), "ص-12");
    }

    #[test]
    fn a_preview_takes_no_number() {
        let n = Numbering::preview();
        assert_eq!(n.stamp("101"), (String::new(), String::new()));
        assert!(n.issued().is_empty());
    }

    #[test]
    fn one_number_per_agency_in_page_order() {
        let n = Numbering {
            pattern: DEFAULT_PATTERN.into(),
            date: Some(JalaliDate::new(1403, 2, 10).unwrap()),
            next_seq: 5,
            issued: RefCell::new(Vec::new()),
        };
        assert_eq!(n.stamp("101").1, "1403/5/ص");
        assert_eq!(n.stamp("102").1, "1403/6/ص");
        assert_eq!(n.stamp("101"), ("1403/02/10".to_string(), "1403/5/ص".to_string()));
        assert_eq!(n.issued().len(), 2);
    }

    #[test]
    fn a_following_numbering_goes_on_after_the_numbers_given() {
        let n = Numbering {
            pattern: DEFAULT_PATTERN.into(),
            date: Some(JalaliDate::new(1403, 2, 10).unwrap()),
            next_seq: 5,
            issued: RefCell::new(Vec::new()),
        };
        n.stamp("101");
        let failed = n.following();
        failed.stamp("102");
        let next = n.following();
        assert_eq!(next.stamp("103").1, "1403/6/ص", "a dropped numbering's number is given again");
        assert_eq!(Numbering::preview().following().stamp("101"), (String::new(), String::new()));
    }

    #[test]
    fn people_take_one_number_each_under_no_agency() {
        let n = Numbering {
            pattern: DEFAULT_PATTERN.into(),
            date: Some(JalaliDate::new(1403, 2, 10).unwrap()),
            next_seq: 1,
            issued: RefCell::new(Vec::new()),
        };
        assert_eq!(n.stamp_for("member-1", "").1, "1403/1/ص");
        assert_eq!(n.stamp_for("member-2", "").1, "1403/2/ص");
        assert_eq!(n.stamp_for("member-1", "").1, "1403/1/ص");
        assert!(n.issued().iter().all(|i| i.agency_code.is_empty()));
    }
}
