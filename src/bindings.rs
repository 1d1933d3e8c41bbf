//! TypeScript types for the UI, generated from the Rust types with ts-rs into
//! ui/src/lib/bindings/. `make bindings` (DAFTAR_WRITE_BINDINGS=1 cargo test bindings) rewrites
//! them; the test fails when the committed files are stale.

use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

/// The directory the UI imports the types from.
pub fn bindings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings")
}

/// A Rust name in TypeScript's camelCase: a command's wrapper in ui/src/lib/commands.ts
/// (`accounts_intake_progress` → `accountsIntakeProgress`) and its arguments' keys.
pub fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// (file name, TypeScript source) of every type the UI receives or sends.
pub fn generated() -> Vec<(String, String)> {
    [
        app_types(),
        accounts_types(),
        evaluation_types(),
        report_types(),
        briefing_types(),
        register_types(),
        followup_types(),
        backup_types(),
    ]
    .concat()
}

fn one<T: TS + 'static + ?Sized>() -> (String, String) {
    let cfg = Config::new();
    (format!("{}.ts", T::name(&cfg)), T::export_to_string(&cfg).expect("type exports"))
}

/// The app, the province file and its agencies.
fn app_types() -> Vec<(String, String)> {
    vec![
        one::<crate::agencies::Agency>(),
        one::<crate::agencies::AgencyInput>(),
        one::<crate::agencies::AgencyGroup>(),
        one::<crate::agencies::ImportReport>(),
        one::<crate::store::ProvinceInfo>(),
        one::<crate::store::AuditRow>(),
        one::<crate::store::AuditFilter>(),
        one::<crate::store::AuditPage>(),
        one::<crate::store::AuditService>(),
        one::<crate::recent::RecentFile>(),
        one::<crate::AppError>(),
        one::<AppState>(),
        one::<IntakeProgress>(),
        one::<crate::action::Action>(),
    ]
}

/// Regional accounts.
fn accounts_types() -> Vec<(String, String)> {
    vec![
        one::<crate::accounts::view::AccountsOverview>(),
        one::<crate::accounts::view::TemplateInfo>(),
        one::<crate::accounts::view::ItemRow>(),
        one::<crate::accounts::view::FindingsView>(),
        one::<crate::accounts::explanations::WarningExplanation>(),
        one::<crate::accounts::review::Dashboard>(),
        one::<crate::accounts::review::AgencyStatus>(),
        one::<crate::accounts::review::TableStatus>(),
        one::<crate::accounts::review::ReviewState>(),
        one::<crate::accounts::assign::AssignmentOverview>(),
        one::<crate::accounts::checks::CheckRun>(),
        one::<crate::accounts::checks::CheckFailure>(),
        one::<crate::accounts::checks::FailedItem>(),
        one::<crate::accounts::checks::RuleSummary>(),
        one::<crate::accounts::TemplateItem>(),
        one::<crate::accounts::ItemKind>(),
        one::<crate::accounts::Severity>(),
        one::<crate::accounts::TemplateImportReport>(),
        one::<crate::accounts::GeneratedWorkbook>(),
        one::<crate::accounts::IntakeResult>(),
        one::<crate::accounts::IntakeFinding>(),
        one::<crate::accounts::IntakeStatus>(),
        one::<crate::accounts::package::Manifest>(),
        one::<crate::accounts::package::PackagedFile>(),
        one::<crate::accounts::years::TemplateImport>(),
        one::<crate::accounts::years::PreviousYear>(),
        one::<crate::accounts::years::ReuseReport>(),
        one::<crate::accounts::years::ReusedSupplier>(),
        one::<crate::accounts::package::VerifyReport>(),
        one::<crate::accounts::dispatch::CentreLetter>(),
        one::<crate::accounts::dispatch::PackageRecord>(),
    ]
}

/// Briefing sessions, shared by both services.
fn briefing_types() -> Vec<(String, String)> {
    vec![
        one::<crate::briefing::Service>(),
        one::<crate::briefing::BriefingInput>(),
        one::<crate::briefing::Briefing>(),
        one::<crate::briefing::Invitee>(),
        one::<crate::briefing::AttendanceInput>(),
    ]
}

/// The letter register, shared by both services.
fn register_types() -> Vec<(String, String)> {
    vec![
        one::<crate::register::RegisterEntry>(),
        one::<crate::register::RegisterFilter>(),
        one::<crate::register::IncomingInput>(),
    ]
}

/// Follow-up (issue 14 item 2).
fn followup_types() -> Vec<(String, String)> {
    vec![
        one::<crate::followup::Board>(),
        one::<crate::followup::LateRow>(),
        one::<crate::followup::LastLetter>(),
        one::<crate::followup::Cause>(),
        one::<crate::followup::RemindResult>(),
    ]
}

// backups
/// Backups of the province file and their restore.
fn backup_types() -> Vec<(String, String)> {
    vec![
        one::<crate::backup::BackupReason>(),
        one::<crate::backup::BackupLocation>(),
        one::<crate::backup::BackupSettings>(),
        one::<crate::backup::Rotation>(),
        one::<crate::backup::BackupMade>(),
        one::<crate::backup::BackupInfo>(),
        one::<crate::backup::SinceBackup>(),
        one::<crate::backup::BackupList>(),
        one::<crate::backup::BackupRef>(),
        one::<crate::backup::Restored>(),
    ]
}

/// Performance evaluation.
fn evaluation_types() -> Vec<(String, String)> {
    vec![
        one::<crate::evaluation::view::EvaluationOverview>(),
        one::<crate::evaluation::view::AgencyProgress>(),
        one::<crate::evaluation::view::Todo>(),
        one::<crate::evaluation::view::EvalView>(),
        one::<crate::evaluation::phases::Phase>(),
        one::<crate::evaluation::EvalSettings>(),
        one::<crate::evaluation::Tier>(),
        one::<crate::evaluation::Signatory>(),
        one::<crate::evaluation::Signatories>(),
        one::<crate::evaluation::Combine>(),
        one::<crate::evaluation::teams::Team>(),
        one::<crate::evaluation::teams::TeamInput>(),
        one::<crate::evaluation::teams::TeamMember>(),
        one::<crate::evaluation::teams::TeamMemberInput>(),
        one::<crate::evaluation::teams::TeamAgency>(),
        one::<crate::evaluation::teams::TeamsView>(),
        one::<crate::evaluation::teams::TeamProgress>(),
        one::<crate::evaluation::committees::Member>(),
        one::<crate::evaluation::committees::MemberInput>(),
        one::<crate::evaluation::committees::Committee>(),
        one::<crate::evaluation::committees::Role>(),
        one::<crate::evaluation::objections::Preliminary>(),
        one::<crate::evaluation::approval::Approval>(),
        one::<crate::evaluation::view::ScoreRow>(),
        one::<crate::evaluation::IndicatorKind>(),
        one::<crate::evaluation::Method>(),
        one::<crate::evaluation::Measure>(),
        one::<crate::evaluation::objections::Objection>(),
        one::<crate::evaluation::objections::Decision>(),
        one::<crate::evaluation::view::ResultsView>(),
        one::<crate::evaluation::view::TierCount>(),
        one::<crate::evaluation::results::AgencyResult>(),
        one::<crate::evaluation::results::AgencyRef>(),
        one::<crate::evaluation::results::AxisScore>(),
        one::<crate::evaluation::scoring::ScoreInput>(),
        one::<crate::evaluation::scores::StoredScore>(),
        one::<crate::evaluation::scores::ScorePreview>(),
        one::<crate::evaluation::actions::EvalActions>(),
        one::<crate::evaluation::catalog::CatalogImportReport>(),
        one::<crate::evaluation::workbook::EvalWorkbook>(),
        one::<crate::evaluation::workbook::Purpose>(),
        one::<crate::evaluation::intake::EvalIntakeResult>(),
        one::<crate::evaluation::festival::Festival>(),
        one::<crate::evaluation::festival::GroupWinners>(),
        one::<crate::evaluation::festival::Nomination>(),
        one::<crate::evaluation::approval::PastResultsPreview>(),
        one::<crate::evaluation::approval::PastResultRow>(),
        one::<crate::evaluation::approval::NationalPreview>(),
        one::<crate::evaluation::approval::NationalRow>(),
        one::<crate::evaluation::hq::HqChange>(),
        one::<crate::evaluation::hq::HqConfirmed>(),
        // The national system's transfer (seed steps 10–12).
        one::<crate::evaluation::transfer::TransferPreview>(),
        one::<crate::evaluation::transfer::TransferRow>(),
        one::<crate::evaluation::transfer::TransferStatus>(),
        one::<crate::evaluation::transfer::TransferReport>(),
        one::<crate::evaluation::leads::LeadStatus>(),
        one::<crate::evaluation::leads::LeadEvidence>(),
        one::<crate::evaluation::leads::LeadIntakeResult>(),
        // The national tiering (seed steps 17–18).
        one::<crate::evaluation::national::NationalTiering>(),
        one::<crate::evaluation::national::NationalTier>(),
    ]
}

/// Reports.
fn report_types() -> Vec<(String, String)> {
    vec![
        one::<crate::reports::ReportFormat>(),
        one::<crate::reports::ReportRequest>(),
        one::<crate::reports::AgencyChoice>(),
        one::<crate::reports::ReportInfo>(),
        one::<crate::reports::ReportCatalog>(),
        one::<crate::reports::SavedReport>(),
        // Batches (issue 14 item 3)
        one::<crate::reports::BatchOutput>(),
        one::<crate::reports::BatchRequest>(),
        one::<crate::reports::BatchProgress>(),
        one::<crate::reports::BatchPart>(),
        one::<crate::reports::BatchFailure>(),
        one::<crate::reports::SavedBatch>(),
    ]
}

/// The event `accounts-intake-progress` the shell emits while importing workbooks.
#[derive(Debug, Clone, serde::Serialize, TS)]
pub struct IntakeProgress {
    pub done: u32,
    pub total: u32,
    pub file: String,
}

/// What the UI asks for on start and after opening or closing a file.
#[derive(Debug, Clone, serde::Serialize, TS)]
pub struct AppState {
    pub province: Option<crate::store::ProvinceInfo>,
    pub recent: Vec<crate::recent::RecentFile>,
    /// Why the file named at start could not be opened, shown once.
    pub startup_error: Option<crate::AppError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_bindings_are_fresh() {
        let dir = bindings_dir();
        let write = std::env::var_os("DAFTAR_WRITE_BINDINGS").is_some();
        let mut stale = Vec::new();
        for (file, source) in generated() {
            let path = dir.join(&file);
            if write {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &source).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(source.as_str()) {
                stale.push(file);
            }
        }
        assert!(stale.is_empty(), "stale TypeScript bindings {stale:?}: run `make bindings`");
    }
}
