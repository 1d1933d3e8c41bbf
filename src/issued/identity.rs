//! The hidden identity sheet of an issued workbook: the service's own fields (template and
//! version, or purpose), then the stamp. Intake trusts a returned workbook by its stamp, whose
//! digest a hand edit breaks and whose digest the province file registered when it issued it.

use super::{sha256_hex, IssuedError, Service};
use crate::fa::{comparison_key, normalize_text, to_latin_digits};
use crate::sheets::{SheetError, SheetRow, WorkbookReader};
use rusqlite::{Connection, OptionalExtension};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const IDENTITY_SHEET: &str = "شناسه";
pub const GUIDE_SHEET: &str = "راهنما";

/// The stamp's labels on the identity sheet, below the service's own.
const STAMP_LABELS: [&str; 6] = ["سال", "کد دستگاه", "نام دستگاه", "ساخته‌شده", "شناسهٔ یکتا", "رمز"];

/// What every issued workbook says about itself, whichever service issued it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Stamp {
    pub year: i32,
    pub agency_code: String,
    pub agency_name: String,
    pub generated_at: String,
    /// Random, so that two workbooks made in the same second by two province files differ.
    pub nonce: String,
    pub digest: String,
}

impl Stamp {
    /// A stamp for a workbook made now, with a fresh nonce and no digest yet.
    pub fn new(conn: &Connection, year: i32, agency_code: &str, agency_name: &str) -> rusqlite::Result<Self> {
        Ok(Self {
            year,
            agency_code: agency_code.to_string(),
            agency_name: agency_name.to_string(),
            generated_at: crate::store::now_iso(),
            nonce: conn.query_row("SELECT lower(hex(randomblob(16)))", [], |r| r.get(0))?,
            digest: String::new(),
        })
    }

    /// The digest over `kind` (the sheet's format), the service's own fields and this stamp:
    /// a hand-edited identity sheet no longer matches it.
    pub fn digest_over(&self, kind: &str, own: &[&str]) -> String {
        let year = self.year.to_string();
        let mut fields = vec![kind];
        fields.extend_from_slice(own);
        fields.extend_from_slice(&[&year, &self.agency_code, &self.generated_at, &self.nonce]);
        sha256_hex(fields.join("\n").as_bytes())
    }

    /// Refuse the stamp unless its digest is there and equals `computed` (from what the sheet says).
    pub fn verify(&self, service: Service, file: &str, computed: &str) -> Result<(), IssuedError> {
        if !self.digest.is_empty() && self.digest == computed {
            return Ok(());
        }
        let agency = if self.agency_name.is_empty() { &self.agency_code } else { &self.agency_name };
        Err(IssuedError::TamperedIdentity { service, file: file.to_string(), agency: agency.clone() })
    }

    fn values(&self) -> [String; 6] {
        [
            self.year.to_string(),
            self.agency_code.clone(),
            self.agency_name.clone(),
            self.generated_at.clone(),
            self.nonce.clone(),
            self.digest.clone(),
        ]
    }

    fn from_values([year, agency_code, agency_name, generated_at, nonce, digest]: [String; 6]) -> Self {
        Self {
            year: year.parse().unwrap_or(0),
            agency_code: to_latin_digits(&agency_code),
            agency_name,
            generated_at,
            nonce,
            digest,
        }
    }
}

/// Add the very hidden, protected identity sheet: label in column A, value in column B.
pub fn write_identity_sheet(workbook: &mut Workbook, own: &[(&str, &str)], stamp: &Stamp) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(IDENTITY_SHEET)?.set_right_to_left(true);
    let stamp_values = stamp.values();
    let stamp_rows = STAMP_LABELS.iter().zip(stamp_values.iter().map(String::as_str));
    for (r, (label, value)) in own.iter().copied().chain(stamp_rows.map(|(l, v)| (*l, v))).enumerate() {
        sheet.write_string(r as u32, 0, label)?;
        sheet.write_string(r as u32, 1, value)?;
    }
    sheet.set_very_hidden(true).protect();
    Ok(())
}

/// Read the identity sheet: the values of the service's `own` labels, and the stamp. A workbook
/// without the sheet is not one Daftar issued.
pub fn read_identity_sheet<const N: usize, E: From<IssuedError> + From<SheetError>>(
    workbook: &mut WorkbookReader,
    service: Service,
    own: [&str; N],
) -> Result<([String; N], Stamp), E> {
    let file = workbook.file_name().to_string();
    let sheet = workbook.find_sheet(&[IDENTITY_SHEET]).ok_or(IssuedError::NotOurWorkbook { service, file })?;
    let rows = workbook.rows(&sheet, 100)?;
    // Each row's label compared by its key, computed once (not once per label asked for).
    let labels: Vec<String> = rows.iter().map(|r| comparison_key(&r.cell(0).as_text())).collect();
    let value = |label: &str| -> String {
        let key = comparison_key(label);
        labels.iter().position(|l| *l == key).map(|at| normalize_text(&rows[at].cell(1).as_text())).unwrap_or_default()
    };
    Ok((own.map(value), Stamp::from_values(STAMP_LABELS.map(value))))
}

/// Where each data sheet of an issued workbook carries its workbook's digest: the first row,
/// in a hidden column past every input. An identity sheet pasted in from another agency's
/// workbook no longer matches the sheets it sits beside.
const MARK_COLUMN: u16 = 40;

/// Mark a data sheet as belonging to the workbook of `stamp`.
pub fn write_sheet_mark(sheet: &mut Worksheet, stamp: &Stamp) -> Result<(), XlsxError> {
    sheet.write_string(0, MARK_COLUMN, &stamp.digest)?;
    sheet.set_column_hidden(MARK_COLUMN)?;
    Ok(())
}

/// Refuse a data sheet whose mark is another workbook's digest, naming the agency each belongs
/// to. A sheet without a mark (issued before sheets were marked) is not refused.
pub fn check_sheet_mark<E: From<IssuedError> + From<rusqlite::Error>>(
    conn: &Connection,
    service: Service,
    file: &str,
    sheet: &str,
    rows: &[SheetRow],
    stamp: &Stamp,
) -> Result<(), E> {
    let mark = rows.iter().find(|r| r.number == 1).map(|r| r.cell(MARK_COLUMN as usize).as_text()).unwrap_or_default();
    if mark.is_empty() || mark == stamp.digest {
        return Ok(());
    }
    let sql = match service {
        Service::Accounts => {
            "SELECT a.name FROM ra_workbook_issued w JOIN agency a ON a.id = w.agency_id WHERE w.digest = ?1"
        }
        Service::Evaluation => {
            "SELECT a.name FROM ev_workbook_issued w JOIN agency a ON a.id = w.agency_id WHERE w.digest = ?1
             UNION ALL SELECT a.name FROM ev_lead_workbook_issued w JOIN agency a ON a.id = w.lead_agency_id WHERE w.digest = ?1"
        }
    };
    // A mark this file never issued is still not this workbook's: say whose identity it carries.
    let content: Option<String> = conn.query_row(sql, [&mark], |r| r.get(0)).optional()?;
    let identity = if stamp.agency_name.is_empty() { stamp.agency_code.clone() } else { stamp.agency_name.clone() };
    Err(IssuedError::IdentityOfAnother {
        service,
        file: file.to_string(),
        sheet: sheet.to_string(),
        identity,
        content: content.unwrap_or_else(|| "دستگاهی دیگر".into()),
    }
    .into())
}
