//! Performance-evaluation commands: each a few lines over `daftar::evaluation`. The day the
//! phases are judged by is today (or DAFTAR_TODAY, for demonstrations and tests).

use crate::dialogs;
use crate::shell::{PendingKind, Shell};
use daftar::evaluation::approval::{self, Approval, NationalPreview, PastResultsPreview};
use daftar::evaluation::catalog::{self, CatalogImportReport};
use daftar::evaluation::committees::{self, Member, MemberInput};
use daftar::evaluation::festival::{self, Festival, Nomination};
use daftar::evaluation::hq::{self, HqChange, HqConfirmed};
use daftar::evaluation::intake::{self, EvalIntakeResult};
use daftar::evaluation::lead_workbook;
use daftar::evaluation::leads::{self, LeadIntakeResult};
use daftar::evaluation::national::{self, NationalTiering};
use daftar::evaluation::objections::{self, Decision, Objection, Preliminary};
use daftar::evaluation::scores::{self, ScorePreview, StoredScore};
use daftar::evaluation::scoring::ScoreInput;
use daftar::evaluation::teams::{self, Team, TeamInput, TeamsView};
use daftar::evaluation::transfer::{self, TransferPreview, TransferReport};
use daftar::evaluation::view::{self, EvaluationOverview, ResultsView, ScoreRow};
use daftar::evaluation::workbook::{self, EvalWorkbook, Purpose};
use daftar::evaluation::{phases, EvalSettings, EvaluationError};
use daftar::fa::JalaliDate;
use daftar::{AppError, Problem};
use std::path::PathBuf;
use tauri::State;

type Reply<T> = Result<T, AppError>;

/// Today, or the day DAFTAR_TODAY names.
pub fn today() -> JalaliDate {
    std::env::var("DAFTAR_TODAY").ok().and_then(|t| JalaliDate::parse(&t).ok()).unwrap_or_else(JalaliDate::today)
}

#[tauri::command]
pub async fn eval_overview(shell: State<'_, Shell>, year: Option<i32>) -> Reply<Option<EvaluationOverview>> {
    shell.with_store(|s| {
        let year = match year {
            Some(y) => y,
            None => match daftar::evaluation::years(s.conn())?.first() {
                Some(y) => *y,
                None => return Ok(None),
            },
        };
        view::overview(s.conn(), year, today()).map(Some)
    })
}

#[tauri::command]
pub async fn eval_agency_scores(shell: State<'_, Shell>, year: i32, agency: String) -> Reply<Vec<ScoreRow>> {
    shell.with_store(|s| view::agency_scores(s.conn(), year, &agency))
}

#[tauri::command]
pub async fn eval_preview_score(
    shell: State<'_, Shell>,
    year: i32,
    agency: String,
    indicator: String,
    input: ScoreInput,
) -> Reply<ScorePreview> {
    shell.with_store(|s| scores::preview_score(s.conn(), year, &agency, &indicator, &input))
}

#[tauri::command]
pub async fn eval_score(
    shell: State<'_, Shell>,
    year: i32,
    agency: String,
    indicator: String,
    input: ScoreInput,
    comment: String,
) -> Reply<StoredScore> {
    shell.with_store(|s| scores::score_indicator(s, year, &agency, &indicator, &input, &comment, today()))
}

#[tauri::command]
pub async fn eval_confirm_hq(shell: State<'_, Shell>, year: i32, agency: String, reference: String) -> Reply<()> {
    shell.with_store(|s| scores::confirm_hq(s, year, &agency, today(), &reference, today()))
}

#[tauri::command]
pub async fn eval_results(shell: State<'_, Shell>, year: i32) -> Reply<ResultsView> {
    shell.with_store(|s| view::results_view(s.conn(), year))
}

#[tauri::command]
pub async fn eval_objections(shell: State<'_, Shell>, year: i32) -> Reply<Vec<Objection>> {
    shell.with_store(|s| objections::objections(s.conn(), year))
}

#[tauri::command]
pub async fn eval_file_objection(
    shell: State<'_, Shell>,
    year: i32,
    agency: String,
    indicator: String,
    reason: String,
    evidence: String,
) -> Reply<Objection> {
    shell.with_store(|s| objections::file_objection(s, year, &agency, &indicator, &reason, &evidence, today()))
}

#[tauri::command]
pub async fn eval_decide(
    shell: State<'_, Shell>,
    year: i32,
    id: u32,
    decision: Decision,
    new_score: Option<f64>,
    reason: String,
) -> Reply<Objection> {
    shell.with_store(|s| objections::decide(s, year, id.into(), decision, new_score, &reason, today()))
}

#[tauri::command]
pub async fn eval_publish(shell: State<'_, Shell>, year: i32) -> Reply<Preliminary> {
    shell.with_store(|s| objections::publish_preliminary(s, year, today()))
}

#[tauri::command]
pub async fn eval_approve(shell: State<'_, Shell>, year: i32, session: String) -> Reply<Approval> {
    shell.with_store(|s| approval::approve(s, year, &session, today()))
}

#[tauri::command]
pub async fn eval_reopen_approval(shell: State<'_, Shell>, year: i32, reason: String) -> Reply<()> {
    shell.with_store(|s| approval::reopen(s, year, &reason))
}

#[tauri::command]
pub async fn eval_reopen_phase(
    shell: State<'_, Shell>,
    year: i32,
    phase: String,
    reason: String,
    until: String,
) -> Reply<()> {
    let until = JalaliDate::parse(&until).map_err(|e| e.to_app_error())?;
    shell.with_store(|s| phases::reopen(s, year, &phase, &reason, until, today()))
}

#[tauri::command]
pub async fn eval_catalog_import(shell: State<'_, Shell>, year: i32) -> Reply<Option<CatalogImportReport>> {
    let Some(path) = dialogs::pick_file(shell.app(), "فهرست شاخص‌های سال", ("کارپوشهٔ اکسل", &["xlsx"]))
    else {
        return Ok(None);
    };
    shell.with_store(|s| catalog::import_catalog(s, year, &path, today())).map(Some)
}

#[tauri::command]
pub async fn eval_workbooks(shell: State<'_, Shell>, year: i32, purpose: Purpose) -> Reply<Option<Vec<EvalWorkbook>>> {
    let Some(dir) = dialogs::pick_folder(shell.app(), "پوشهٔ کارپوشه‌های ارزیابی") else {
        return Ok(None);
    };
    shell.with_store(|s| workbook::generate_workbooks(s, year, purpose, &dir, &[])).map(Some)
}

#[tauri::command]
pub async fn eval_intake(shell: State<'_, Shell>, year: i32, purpose: Purpose) -> Reply<Option<Vec<EvalIntakeResult>>> {
    let paths = dialogs::pick_files(shell.app(), "کارپوشه‌های برگشتی ارزیابی", ("کارپوشهٔ اکسل", &["xlsx"]));
    shell.import_with_progress(&paths, |s, progress| {
        intake::import_workbooks(s, year, purpose, &paths, today(), progress)
    })
}

#[tauri::command]
pub async fn eval_export(shell: State<'_, Shell>, year: i32) -> Reply<Option<String>> {
    let name = format!("نتایج نهایی ارزیابی {}.xlsx", daftar::fa::int(year));
    let Some(path) = dialogs::save_file(shell.app(), "ذخیرهٔ نتایج برای سامانهٔ ملی", &name, ("کارپوشهٔ اکسل", &["xlsx"]))
    else {
        return Ok(None);
    };
    shell.with_store(|s| approval::export_national(s, year, &path)).map(|_| Some(path.display().to_string()))
}

#[tauri::command]
pub async fn eval_festival(shell: State<'_, Shell>, year: i32) -> Reply<Option<Festival>> {
    shell.with_store(|s| match festival::festival_allowed(s.conn(), year) {
        Ok(()) => festival::festival(s.conn(), year).map(Some),
        Err(EvaluationError::NotYetApproved { .. }) => Ok(None),
        Err(e) => Err(e),
    })
}

/// Start the year's evaluation from the circular's date: the default settings and the sixteen
/// phases laid end to end. Answers the year started.
#[tauri::command]
pub async fn eval_start_year(shell: State<'_, Shell>, year: i32, start: String) -> Reply<i32> {
    shell.with_store(|s| {
        let start = phases::typed_date("روز ابلاغ بخشنامه", &start)?;
        daftar::evaluation::create_year(s, year, start, None).map(|_| year)
    })
}

#[tauri::command]
pub async fn eval_default_settings(_shell: State<'_, Shell>) -> Reply<EvalSettings> {
    Ok(EvalSettings::default())
}

#[tauri::command]
pub async fn eval_update_settings(shell: State<'_, Shell>, year: i32, settings: EvalSettings) -> Reply<()> {
    shell.with_store(|s| daftar::evaluation::update_settings(s, year, &settings))
}

#[tauri::command]
pub async fn eval_set_phase_dates(
    shell: State<'_, Shell>,
    year: i32,
    phase: String,
    starts: String,
    ends: String,
    shift_following: bool,
) -> Reply<()> {
    shell.with_store(|s| {
        let title = phases::phase_title(&phase);
        let starts = phases::typed_date(&format!("آغاز مرحلهٔ «{title}»"), &starts)?;
        let ends = phases::typed_date(&format!("پایان مرحلهٔ «{title}»"), &ends)?;
        phases::set_dates(s, year, &phase, starts, ends, shift_following)
    })
}

#[tauri::command]
pub async fn eval_committee_add(shell: State<'_, Shell>, year: i32, input: MemberInput) -> Reply<Member> {
    shell.with_store(|s| committees::add_member(s, year, &input, today()))
}

#[tauri::command]
pub async fn eval_committee_edit(shell: State<'_, Shell>, year: i32, id: u32, input: MemberInput) -> Reply<Member> {
    shell.with_store(|s| committees::edit_member(s, year, id.into(), &input, today()))
}

#[tauri::command]
pub async fn eval_committee_remove(shell: State<'_, Shell>, year: i32, id: u32, reason: String) -> Reply<()> {
    shell.with_store(|s| committees::remove_member(s, year, id.into(), &reason, today()))
}

#[tauri::command]
pub async fn eval_committee_reuse(shell: State<'_, Shell>, year: i32) -> Reply<Vec<Member>> {
    shell.with_store(|s| committees::reuse_members(s, year, today()))
}

/// The file previewed for `year`, taken: an import needs a preview of its own.
fn previewed(shell: &Shell, kind: PendingKind, year: i32) -> Reply<PathBuf> {
    shell.take_pending(kind, year).ok_or_else(|| AppError {
        code: "evaluation.import.not_previewed".into(),
        message: "فایلی برای این سال برگزیده و پیش‌نمایش نشده است؛ نخست فایل را برگزینید و پیش‌نمایش آن را ببینید."
            .into(),
        details: vec![],
    })
}

/// Rust shows the file dialog; the rows the file would store (nothing is written); null = cancelled.
#[tauri::command]
pub async fn eval_past_results_preview(shell: State<'_, Shell>, year: i32) -> Reply<Option<PastResultsPreview>> {
    let title = format!("نتایج نهایی سال {}", daftar::fa::int(year));
    let Some(path) = dialogs::pick_file(shell.app(), &title, ("کارپوشهٔ اکسل", &["xlsx"])) else {
        return Ok(None);
    };
    let preview = shell.with_store(|s| approval::read_past_results(s.conn(), year, &path))?;
    shell.keep_pending(PendingKind::PastResults, vec![year], path);
    Ok(Some(preview))
}

#[tauri::command]
pub async fn eval_past_results_import(shell: State<'_, Shell>, year: i32) -> Reply<u32> {
    let path = previewed(&shell, PendingKind::PastResults, year)?;
    shell.with_store(|s| approval::import_past_results(s, year, &path))
}

#[tauri::command]
pub async fn eval_national_preview(shell: State<'_, Shell>, year: i32) -> Reply<Option<NationalPreview>> {
    shell.with_store(|s| approval::national_allowed(s.conn(), year, today()))?;
    let Some(path) = dialogs::pick_file(shell.app(), "سطح‌بندی ملی", ("کارپوشهٔ اکسل", &["xlsx"]))
    else {
        return Ok(None);
    };
    let preview = shell.with_store(|s| approval::read_national(s.conn(), year, &path, today()))?;
    shell.keep_pending(PendingKind::National, vec![year], path);
    Ok(Some(preview))
}

#[tauri::command]
pub async fn eval_national_import(shell: State<'_, Shell>, year: i32) -> Reply<u32> {
    let path = previewed(&shell, PendingKind::National, year)?;
    shell.with_store(|s| approval::import_national(s, year, &path, today()))
}

#[tauri::command]
pub async fn eval_nominations(shell: State<'_, Shell>, year: i32) -> Reply<Vec<Nomination>> {
    shell.with_store(|s| festival::nominations(s.conn(), year))
}

#[tauri::command]
pub async fn eval_nominate(
    shell: State<'_, Shell>,
    year: i32,
    team: String,
    agency: String,
    project: String,
    summary: String,
) -> Reply<Nomination> {
    shell.with_store(|s| festival::nominate(s, year, &team, &agency, &project, &summary, today()))
}

#[tauri::command]
pub async fn eval_select_nomination(shell: State<'_, Shell>, year: i32, id: u32, selected: bool) -> Reply<()> {
    shell.with_store(|s| festival::select(s, year, id.into(), selected, today()))
}

// The headquarters' confirmation with its changes (seed step 9).

#[tauri::command]
pub async fn eval_confirm_hq_workbook(
    shell: State<'_, Shell>,
    year: i32,
    agency: String,
    reference: String,
) -> Reply<Option<HqConfirmed>> {
    let Some(path) = dialogs::pick_file(shell.app(), "کارپوشهٔ خودارزیابی برگشتی از ستاد", ("کارپوشهٔ اکسل", &["xlsx"]))
    else {
        return Ok(None);
    };
    shell.with_store(|s| hq::confirm(s, year, &agency, today(), &reference, Some(&path), today())).map(Some)
}

#[tauri::command]
pub async fn eval_hq_change(
    shell: State<'_, Shell>,
    year: i32,
    agency: String,
    indicator: String,
    input: ScoreInput,
    evidence: String,
    reference: String,
) -> Reply<Option<HqChange>> {
    shell.with_store(|s| hq::change_self_score(s, year, &agency, &indicator, &input, &evidence, &reference, today()))
}

#[tauri::command]
pub async fn eval_hq_changes(shell: State<'_, Shell>, year: i32, agency: Option<String>) -> Reply<Vec<HqChange>> {
    shell.with_store(|s| hq::hq_changes(s.conn(), year, agency.as_deref()))
}

// The national system's transfer of self-assessments (seed steps 10–12).

/// Rust shows the file dialog; each row beside the self-assessment in force (nothing is written);
/// null = cancelled.
#[tauri::command]
pub async fn eval_transfer_preview(shell: State<'_, Shell>, year: i32) -> Reply<Option<TransferPreview>> {
    let title = format!("خروجی سامانهٔ ملی ارزیابی عملکرد، سال {}", daftar::fa::int(year));
    let Some(path) = dialogs::pick_file(shell.app(), &title, ("کارپوشهٔ اکسل", &["xlsx"])) else {
        return Ok(None);
    };
    let preview = shell.with_store(|s| transfer::preview_transfer(s.conn(), year, &path, today()))?;
    shell.keep_pending(PendingKind::NationalTransfer, vec![year], path);
    Ok(Some(preview))
}

#[tauri::command]
pub async fn eval_transfer_import(shell: State<'_, Shell>, year: i32) -> Reply<TransferReport> {
    let path = previewed(&shell, PendingKind::NationalTransfer, year)?;
    shell.with_store(|s| transfer::import_transfer(s, year, &path, today()))
}

// Indicators measured by another agency (seed §8).

#[tauri::command]
pub async fn eval_lead_workbooks(shell: State<'_, Shell>, year: i32) -> Reply<Option<Vec<EvalWorkbook>>> {
    let Some(dir) = dialogs::pick_folder(shell.app(), "پوشهٔ کارپوشه‌های دستگاه‌های سنجش")
    else {
        return Ok(None);
    };
    shell.with_store(|s| lead_workbook::generate_lead_workbooks(s, year, &dir, &[])).map(Some)
}

#[tauri::command]
pub async fn eval_lead_intake(shell: State<'_, Shell>, year: i32) -> Reply<Option<Vec<LeadIntakeResult>>> {
    let paths = dialogs::pick_files(shell.app(), "کارپوشه‌های برگشتی دستگاه‌های سنجش", ("کارپوشهٔ اکسل", &["xlsx"]));
    shell.import_with_progress(&paths, |s, progress| leads::import_lead_workbooks(s, year, &paths, today(), progress))
}

// The national tiering (seed steps 17–18).

#[tauri::command]
pub async fn eval_national_tiering(shell: State<'_, Shell>, year: i32) -> Reply<NationalTiering> {
    shell.with_store(|s| national::national_tiering(s.conn(), year))
}

// Evaluator teams (seed step 13).

#[tauri::command]
pub async fn eval_teams(shell: State<'_, Shell>, year: i32) -> Reply<TeamsView> {
    shell.with_store(|s| teams::teams_view(s.conn(), year))
}

#[tauri::command]
pub async fn eval_team_create(shell: State<'_, Shell>, year: i32, input: TeamInput) -> Reply<Team> {
    shell.with_store(|s| teams::create_team(s, year, &input))
}

#[tauri::command]
pub async fn eval_team_edit(shell: State<'_, Shell>, year: i32, id: u32, input: TeamInput) -> Reply<Team> {
    shell.with_store(|s| teams::edit_team(s, year, id.into(), &input))
}

#[tauri::command]
pub async fn eval_team_delete(shell: State<'_, Shell>, year: i32, id: u32) -> Reply<()> {
    shell.with_store(|s| teams::delete_team(s, year, id.into()))
}

#[tauri::command]
pub async fn eval_team_assign(shell: State<'_, Shell>, year: i32, id: u32, agencies: Vec<String>) -> Reply<Team> {
    shell.with_store(|s| teams::assign(s, year, id.into(), &agencies))
}

#[tauri::command]
pub async fn eval_team_unassign(shell: State<'_, Shell>, year: i32, agencies: Vec<String>) -> Reply<u32> {
    shell.with_store(|s| teams::unassign(s, year, &agencies))
}

#[tauri::command]
pub async fn eval_team_workbooks(shell: State<'_, Shell>, year: i32, id: u32) -> Reply<Option<Vec<EvalWorkbook>>> {
    let Some(dir) = dialogs::pick_folder(shell.app(), "پوشهٔ کارپوشه‌های ارزیاب تیم") else {
        return Ok(None);
    };
    shell.with_store(|s| teams::write_workbooks(s, year, id.into(), &dir)).map(Some)
}
