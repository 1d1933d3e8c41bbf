//! The documents people print and send, built on the PDF engine. Every document is made of
//! report tables, so that the same tables also come as an Excel workbook.

mod accounts;
mod batch;
mod booklet;
mod briefing;
mod catalog;
mod error;
mod evaluation;
mod foreword;
pub(crate) mod letter;
mod notification;
mod request;
pub mod table;
mod xlsx;

pub use accounts::{check_report, package_cover_letter, request_letter};
pub use batch::{
    agency_file_name, batch_allowed, save_batch, BatchFailure, BatchOutput, BatchPart, BatchProgress, BatchRequest,
    SavedBatch,
};
pub use booklet::booklet;
pub use briefing::{attendance_sheet, invitation_letters};
pub use catalog::{catalog, make, save, save_cover_letter, suggested_file_name, KINDS};
pub use error::ReportError;
pub use evaluation::{appointment_letters, certificates, festival_report, preliminary_sheet, ranking, scorecard};
pub use foreword::{default_foreword, foreword, set_foreword, stored_foreword};
pub use notification::tier_notification;
pub use request::{AgencyChoice, ReportCatalog, ReportFormat, ReportInfo, ReportRequest, SavedReport};
pub use table::ReportTable;

use crate::pdf::Document;

/// A document made: the PDF, its page count, and its tables for the Excel version.
pub struct Made {
    pub pdf: Vec<u8>,
    pub pages: u32,
    pub tables: Vec<ReportTable>,
}

impl Made {
    pub(crate) fn new(doc: Document, tables: Vec<ReportTable>) -> Self {
        let pages = doc.page_count() as u32;
        Self { pdf: doc.finish(), pages, tables }
    }

    /// The Excel workbook of the document's tables.
    pub fn workbook(&self, title: &str) -> Result<Vec<u8>, ReportError> {
        xlsx::workbook(&self.tables).map_err(|e| ReportError::Xlsx { title: title.to_string(), detail: e.to_string() })
    }
}
