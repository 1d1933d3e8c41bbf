//! What the Reports screen and the CLI ask for, and what they get back.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Pdf,
    Xlsx,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Xlsx => "xlsx",
        }
    }
}

/// One document to make: its kind (a key of the catalog), the year, and the agency when the
/// document is about one agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportRequest {
    pub kind: String,
    pub year: i32,
    pub agency: Option<String>,
    pub format: ReportFormat,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AgencyChoice {
    pub code: String,
    pub name: String,
}

/// A document the office can make now, or why not yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportInfo {
    pub kind: String,
    pub title: String,
    /// «accounts» or «evaluation».
    pub service: String,
    pub description: String,
    pub year: i32,
    /// When the document is about one agency: the agencies it can be made for.
    pub needs_agency: bool,
    /// Made once per agency: for all agencies or a group at once (a batch).
    pub batchable: bool,
    pub agencies: Vec<AgencyChoice>,
    pub formats: Vec<ReportFormat>,
    /// Why it cannot be made now (and what to do), or null.
    pub blocker: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportCatalog {
    pub documents: Vec<ReportInfo>,
    /// The booklet's foreword for the evaluation year (the stored one, or the default text).
    pub foreword: Option<String>,
    /// True while the foreword is the default text, never edited.
    pub foreword_is_default: bool,
}

/// A document made: where it was written, its size, and its pages (PDF).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SavedReport {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub pages: Option<u32>,
    /// The register's numbers the document took (a final letter: one per agency); empty otherwise.
    pub numbers: Vec<String>,
}
