//! The types the command list names, in one place: the list's signature check and the
//! TypeScript generator both read them from here.

pub use crate::followup::SavedReminders;
pub use crate::reports::{PdfBytes, SavedBatchDocument, SavedDocument};
pub use daftar::accounts::checks::CheckRun;
pub use daftar::accounts::dispatch::{CentreLetter, PackageRecord};
pub use daftar::accounts::package::{Manifest, VerifyReport};
pub use daftar::accounts::review::TableStatus;
pub use daftar::accounts::view::{AccountsOverview, FindingsView, ItemRow};
pub use daftar::accounts::years::{ReuseReport, TemplateImport};
pub use daftar::accounts::{GeneratedWorkbook, IntakeResult, TemplateImportReport, TemplateItem};
pub use daftar::agencies::{Agency, AgencyGroup, AgencyInput, ImportReport};
pub use daftar::backup::{BackupList, BackupMade, BackupRef, BackupSettings};
pub use daftar::bindings::{AppState, IntakeProgress};
pub use daftar::briefing::{AttendanceInput, Briefing, BriefingInput, Service};
pub use daftar::evaluation::approval::{Approval, NationalPreview, PastResultsPreview};
pub use daftar::evaluation::catalog::CatalogImportReport;
pub use daftar::evaluation::committees::{Member, MemberInput};
pub use daftar::evaluation::festival::{Festival, Nomination};
pub use daftar::evaluation::hq::{HqChange, HqConfirmed};
pub use daftar::evaluation::intake::EvalIntakeResult;
pub use daftar::evaluation::leads::LeadIntakeResult;
pub use daftar::evaluation::national::NationalTiering;
pub use daftar::evaluation::objections::{Decision, Objection, Preliminary};
pub use daftar::evaluation::scores::{ScorePreview, StoredScore};
pub use daftar::evaluation::scoring::ScoreInput;
pub use daftar::evaluation::teams::{Team, TeamInput, TeamsView};
pub use daftar::evaluation::transfer::{TransferPreview, TransferReport};
pub use daftar::evaluation::view::{EvaluationOverview, ResultsView, ScoreRow};
pub use daftar::evaluation::workbook::{EvalWorkbook, Purpose};
pub use daftar::evaluation::EvalSettings;
pub use daftar::followup::Board;
pub use daftar::register::{IncomingInput, RegisterEntry, RegisterFilter};
pub use daftar::reports::{BatchProgress, BatchRequest, ReportCatalog, ReportRequest};
pub use daftar::store::{AuditFilter, AuditPage};
