// Every command the webview may call, declared once. Each entry is
// `module::name(argument: Type, …) -> Success` (the command returns `Result<Success, AppError>`
// and takes the shell's state first), optionally followed by `[quiet]` for polls that must not
// drive the loading indicator. Its doc comment becomes the TypeScript function's.
//
// From this one list come: the handler registration (main.rs), a compile-time check that each
// function has exactly this signature (main.rs), the permissions and the capability file
// (build.rs, which `include!`s this file), and ui/src/lib/commands.ts (typescript.rs, checked
// for staleness by a test). This file is plain `macro_rules!` so that build.rs can read it too.

macro_rules! with_commands {
    ($then:ident) => {
        $then! {
            /// The open file (if any), the recent files, and why the start file could not be opened.
            commands::app_state() -> AppState;
            /// Rust shows the save dialog; null = the user cancelled.
            commands::province_create(province: String, office: String, year: i32) -> Option<AppState>;
            /// Rust shows the open dialog; null = the user cancelled.
            commands::province_open() -> Option<AppState>;
            /// `index` into AppState.recent.
            commands::province_open_recent(index: u32) -> AppState;
            commands::province_close() -> AppState;
            commands::agencies_list(query: String, include_inactive: bool) -> Vec<Agency>;
            commands::agency_groups() -> Vec<AgencyGroup>;
            commands::agency_add(input: AgencyInput) -> Agency;
            /// `code` is the agency's current code; `input.code` may change it.
            commands::agency_edit(code: String, input: AgencyInput, reason: Option<String>) -> Agency;
            commands::agency_set_active(code: String, active: bool, reason: String) -> Agency;
            /// Rust shows the file dialog for an .xlsx; null = the user cancelled.
            commands::agencies_import() -> Option<ImportReport>;
            /// The audit rows `filter` picks, newest first, at most `limit`; and everyone who appears in the log.
            commands::audit_query(filter: AuditFilter, limit: u32) -> AuditPage;
            /// Rust shows the save dialog and writes every matching row to an .xlsx; the row count, or null = cancelled.
            commands::audit_export(filter: AuditFilter) -> Option<u32>;

            /// null year = the file's working year.
            accounts::accounts_overview(year: Option<i32>) -> AccountsOverview;
            /// Rust shows the file dialog for the template .xlsx; null = the user cancelled. A template of
            /// another year is not stored: the answer asks which year it is for (`accountsTemplateImportAs`).
            accounts::accounts_template_import(year: i32) -> Option<TemplateImport>;
            /// Files the template that was just refused for its year under `year` (its own year or the one asked).
            accounts::accounts_template_import_as(year: i32) -> TemplateImportReport;
            /// This year's unassigned items get the suppliers they had last year (matched by item code).
            accounts::accounts_reuse_assignments(year: i32) -> ReuseReport;
            /// Rust shows the file dialog; the final values of `year` (e.g. last year's) from a sheet of «کد قلم» and «مقدار».
            accounts::accounts_values_import(year: i32) -> Option<u32>;
            /// Rust shows the file dialog for a package .zip and re-checks it (against this file's key once it has one).
            accounts::accounts_package_verify() -> Option<VerifyReport>;
            /// Rust asks for the package and where to save its cover letter (PDF); the file name, or null = cancelled.
            accounts::accounts_cover_letter() -> Option<String>;
            /// Rust shows the folder dialog; empty `agencies` = every agency with items; null = cancelled.
            accounts::accounts_workbooks(year: i32, agencies: Vec<String>) -> Option<Vec<GeneratedWorkbook>>;
            /// Rust shows a multi-file dialog and imports each file in its own transaction; null = cancelled.
            /// Poll `accountsIntakeProgress` meanwhile.
            accounts::accounts_intake(year: i32) -> Option<Vec<IntakeResult>>;
            /// How far the running intake is (either service's); null when none runs.
            accounts::accounts_intake_progress() -> Option<IntakeProgress> [quiet];
            accounts::accounts_check(year: i32) -> CheckRun;
            accounts::accounts_findings(year: i32) -> FindingsView;
            /// Rust shows the folder dialog; a feedback workbook per agency with findings; null = cancelled.
            accounts::accounts_feedback(year: i32) -> Option<Vec<GeneratedWorkbook>>;
            /// Explains a warning for one agency it names, for the values it cites now.
            accounts::accounts_explain(year: i32, rule: String, agency: String, text: String) -> ();
            /// null table = all the agency's tables.
            accounts::accounts_approve(year: i32, agency: String, table: Option<String>) -> Vec<TableStatus>;
            accounts::accounts_reopen(year: i32, agency: String, table: String, reason: String) -> ();
            /// A Jalali date such as «1403/09/30», in any digits.
            accounts::accounts_deadline(year: i32, date: String) -> ();
            accounts::accounts_items(year: i32, table: String) -> Vec<ItemRow>;
            /// `value` as typed (Persian or Latin digits); empty clears it.
            accounts::accounts_enter_value(year: i32, item: String, value: String, note: String) -> ();
            /// `agency` is the agency's code.
            accounts::accounts_assign(year: i32, item: String, agency: String, reason: Option<String>) -> TemplateItem;
            /// Rust shows the save dialog; null = cancelled. A final package needs everything approved.
            accounts::accounts_package(year: i32, draft: bool) -> Option<Manifest>;

            // Step 6 on paper: the Statistical Centre's request letter and the packages' sent dates.
            /// The Centre's request letter of the year (number, Jalali date); both empty clear it.
            accounts::accounts_centre_letter(year: i32, number: String, date: String) -> Option<CentreLetter>;
            /// «ثبت ارسال»: the day package `id` (AccountsOverview.packages) was sent; Jalali, any digits.
            accounts::accounts_package_mark_sent(id: u32, date: String) -> PackageRecord;

            /// null year = the latest year with an evaluation; null when the file has none yet.
            evaluation::eval_overview(year: Option<i32>) -> Option<EvaluationOverview>;
            /// `agency` is the agency's code.
            evaluation::eval_agency_scores(year: i32, agency: String) -> Vec<ScoreRow>;
            /// The score `input` would earn on the indicator, or why it would be refused; stores nothing.
            evaluation::eval_preview_score(year: i32, agency: String, indicator: String, input: ScoreInput) -> ScorePreview;
            /// The evaluator's score of one indicator (the evaluation phase must be open).
            evaluation::eval_score(year: i32, agency: String, indicator: String, input: ScoreInput, comment: String) -> StoredScore;
            /// The agency's national headquarters confirmed its self-assessment; `reference` = the letter.
            evaluation::eval_confirm_hq(year: i32, agency: String, reference: String) -> ();
            evaluation::eval_results(year: i32) -> ResultsView;
            evaluation::eval_objections(year: i32) -> Vec<Objection>;
            /// Cannot be edited once filed; one per (agency, indicator).
            evaluation::eval_file_objection(year: i32, agency: String, indicator: String, reason: String, evidence: String) -> Objection;
            /// `newScore` for accepted / partly; null for rejected.
            evaluation::eval_decide(year: i32, id: u32, decision: Decision, new_score: Option<f64>, reason: String) -> Objection;
            /// Publishes the preliminary results today and opens the objection window.
            evaluation::eval_publish(year: i32) -> Preliminary;
            /// The council approves the final results: the year's scores lock.
            evaluation::eval_approve(year: i32, session: String) -> Approval;
            evaluation::eval_reopen_approval(year: i32, reason: String) -> ();
            /// `until` is a Jalali date («1403/09/25», any digits).
            evaluation::eval_reopen_phase(year: i32, phase: String, reason: String, until: String) -> ();
            /// Rust shows the file dialog for the catalog .xlsx; null = the user cancelled.
            evaluation::eval_catalog_import(year: i32) -> Option<CatalogImportReport>;
            /// Rust shows the folder dialog; one workbook per agency; null = cancelled.
            evaluation::eval_workbooks(year: i32, purpose: Purpose) -> Option<Vec<EvalWorkbook>>;
            /// Rust shows a multi-file dialog and imports each file in its own transaction; null = cancelled.
            /// Poll `accountsIntakeProgress` meanwhile (the same progress as the accounts intake).
            evaluation::eval_intake(year: i32, purpose: Purpose) -> Option<Vec<EvalIntakeResult>>;
            /// Rust shows the save dialog; the saved path, or null = cancelled. Needs approved results.
            evaluation::eval_export(year: i32) -> Option<String>;
            /// The festival's winners; null before the council's approval (overview.actions.festival says so).
            evaluation::eval_festival(year: i32) -> Option<Festival>;
            /// Starts the year from the circular's date (Jalali, any digits): default settings, the 16 phases laid out.
            evaluation::eval_start_year(year: i32, start: String) -> i32;
            /// The settings a new year starts with.
            evaluation::eval_default_settings() -> EvalSettings;
            /// Checked in Rust; refused once the council's approval stands.
            evaluation::eval_update_settings(year: i32, settings: EvalSettings) -> ();
            /// Jalali dates, any digits; checked against the phases before and after it. `shiftFollowing`
            /// moves every later phase by as many days as this phase's end moved.
            evaluation::eval_set_phase_dates(year: i32, phase: String, starts: String, ends: String, shift_following: bool) -> ();
            /// In the committees' phase (overview.actions.committee says why not).
            evaluation::eval_committee_add(year: i32, input: MemberInput) -> Member;
            evaluation::eval_committee_edit(year: i32, id: u32, input: MemberInput) -> Member;
            evaluation::eval_committee_remove(year: i32, id: u32, reason: String) -> ();
            /// Starts the year's committees with the latest earlier year's members.
            evaluation::eval_committee_reuse(year: i32) -> Vec<Member>;
            /// Rust shows the file dialog and reads the earlier year's results without storing them; null = cancelled.
            evaluation::eval_past_results_preview(year: i32) -> Option<PastResultsPreview>;
            /// Stores the file last previewed for `year`; the count of agencies.
            evaluation::eval_past_results_import(year: i32) -> u32;
            /// Rust shows the file dialog and reads the national tiering without storing it; null = cancelled.
            evaluation::eval_national_preview(year: i32) -> Option<NationalPreview>;
            /// Stores the file last previewed for `year`; the count of agencies.
            evaluation::eval_national_import(year: i32) -> u32;
            /// Every work team nominated for the festival, selected or not.
            evaluation::eval_nominations(year: i32) -> Vec<Nomination>;
            /// `agency` is the agency's code; in the festival's phase.
            evaluation::eval_nominate(year: i32, team: String, agency: String, project: String, summary: String) -> Nomination;
            evaluation::eval_select_nomination(year: i32, id: u32, selected: bool) -> ();

            // The headquarters' confirmation with its changes (seed step 9).
            /// Rust shows the file dialog for the self-assessment workbook the headquarters returned,
            /// imports it as the headquarters' changes and records the confirmation; null = cancelled.
            evaluation::eval_confirm_hq_workbook(year: i32, agency: String, reference: String) -> Option<HqConfirmed>;
            /// The headquarters changes one self score by its letter `reference`; null = the score was already this.
            /// Empty `evidence` keeps the agency's.
            evaluation::eval_hq_change(year: i32, agency: String, indicator: String, input: ScoreInput, evidence: String, reference: String) -> Option<HqChange>;
            /// The headquarters' changes to self-assessments (of one agency, or all with null): before, after, letter.
            evaluation::eval_hq_changes(year: i32, agency: Option<String>) -> Vec<HqChange>;
            // The national system's transfer of self-assessments (seed steps 10–12).
            /// Rust shows the file dialog and sets each row beside the self-assessment in force, storing nothing; null = cancelled.
            evaluation::eval_transfer_preview(year: i32) -> Option<TransferPreview>;
            /// Stores the file last previewed for `year` as self-assessment versions from the national system.
            evaluation::eval_transfer_import(year: i32) -> TransferReport;
            // Indicators measured by another agency (seed §8).
            /// Rust shows the folder dialog; one workbook per lead agency (دستگاه سنجش), every
            /// agency a row; null = cancelled. overview.leads says who has replied.
            evaluation::eval_lead_workbooks(year: i32) -> Option<Vec<EvalWorkbook>>;
            /// Rust shows a multi-file dialog and takes in each returned lead workbook in its own
            /// transaction; null = cancelled. Poll `accountsIntakeProgress` meanwhile.
            evaluation::eval_lead_intake(year: i32) -> Option<Vec<LeadIntakeResult>>;
            // The national tiering (seed steps 17–18); its notification letters are the
            // report «tier_notification» (report_preview / report_save).
            /// Each agency's national tier and rank and the province's rank among the provinces,
            /// as imported; `imported` false (and saying so) before the import.
            evaluation::eval_national_tiering(year: i32) -> NationalTiering;
            // Evaluator teams (seed step 13).
            /// The teams with their evaluators and agencies, every agency that can be assigned, and whether they can be edited.
            evaluation::eval_teams(year: i32) -> TeamsView;
            evaluation::eval_team_create(year: i32, input: TeamInput) -> Team;
            /// Renames the team and replaces its evaluators.
            evaluation::eval_team_edit(year: i32, id: u32, input: TeamInput) -> Team;
            /// Refused while agencies are assigned to the team.
            evaluation::eval_team_delete(year: i32, id: u32) -> ();
            /// `agencies` are codes; refused (nothing assigned) when one is in another team.
            evaluation::eval_team_assign(year: i32, id: u32, agencies: Vec<String>) -> Team;
            /// Takes the agencies (codes) out of their teams; the count that were in one.
            evaluation::eval_team_unassign(year: i32, agencies: Vec<String>) -> u32;
            /// Rust shows the folder dialog; the team's evaluator workbooks, one per agency; null = cancelled.
            evaluation::eval_team_workbooks(year: i32, id: u32) -> Option<Vec<EvalWorkbook>>;
            // Briefing sessions of both services (evaluation step 4, regional accounts step 3).
            /// The sessions of a service's year, earliest first.
            briefing::briefing_list(service: Service, year: i32) -> Vec<Briefing>;
            /// An empty title gets the service's usual title.
            briefing::briefing_create(input: BriefingInput) -> Briefing;
            /// `agencies` are agency codes; those invited already stay.
            briefing::briefing_invite(id: u32, agencies: Vec<String>) -> Briefing;
            briefing::briefing_uninvite(id: u32, agency: String, reason: String) -> Briefing;
            /// After the session (Briefing.attendance says why not yet).
            briefing::briefing_attendance(id: u32, entries: Vec<AttendanceInput>) -> Briefing;
            /// Rust shows the save dialog: the invitation letters, or with `sheet` the attendance sheet; null = cancelled.
            briefing::briefing_save_letters(id: u32, sheet: bool) -> Option<SavedDocument>;

            /// The documents that can be made (or why not yet) and the booklet's foreword.
            reports::report_catalog() -> ReportCatalog;
            /// The document as PDF bytes; `request.format` is taken as "pdf".
            reports::report_preview(request: ReportRequest) -> PdfBytes;
            /// Rust shows the save dialog and writes the document; null = the user cancelled.
            reports::report_save(request: ReportRequest) -> Option<SavedDocument>;
            /// Opens a document saved in this session (`SavedDocument.index`) in the system's viewer.
            reports::report_open(index: u32) -> ();
            /// The results booklet's foreword of `year`; empty text restores the default.
            reports::report_set_foreword(year: i32, text: String) -> ();
            // Batches (issue 14 item 3).
            /// Rust shows the save dialog (one PDF) or the folder dialog (a file per agency) and makes the
            /// document for every agency or `request.agencies`; null = cancelled. Poll `reportBatchProgress`.
            reports::report_batch(request: BatchRequest) -> Option<SavedBatchDocument>;
            /// The running batch's progress, or null when none runs.
            reports::report_batch_progress() -> Option<BatchProgress> [quiet];
            /// Stops the running batch before its next agency: nothing is written or numbered.
            reports::report_batch_cancel() -> () [quiet];

            // The letter register (دبیرخانه) of both services (issue 14 item 1).
            /// The entries `filter` picks (one agency's, a search), newest first.
            register::register_list(filter: RegisterFilter) -> Vec<RegisterEntry>;
            /// Logs an incoming letter or objection by hand; the entry.
            register::register_log_in(input: IncomingInput) -> RegisterEntry;
            /// Rust shows the save dialog and writes the matching entries to an .xlsx; the count, or null = cancelled.
            register::register_export(filter: RegisterFilter) -> Option<u32>;
            /// The numbering pattern, e.g. «{year}/{seq}/ص».
            register::register_pattern() -> String;
            /// Sets the numbering pattern (it must hold «{seq}»); the pattern stored.
            register::register_set_pattern(pattern: String) -> String;

            // Follow-up of both services (issue 14 item 2); today is DAFTAR_TODAY or the real today.
            /// Who is late on either service of `year` (null: the working year), why, and the last letter sent.
            followup::followup_board(year: Option<i32>) -> Board;
            /// The reminder letters of `agencies` (empty: every late agency) as a draft PDF: no number.
            followup::followup_preview(year: i32, agencies: Vec<String>) -> PdfBytes;
            /// Rust shows the save dialog and writes the reminders, numbered and registered, with the feedback workbooks beside them; null = cancelled.
            followup::followup_remind(year: i32, agencies: Vec<String>) -> Option<SavedReminders>;

            // Backups of the province file (issue 16 items 1 and 2).
            /// The backups of the open file (or of the damaged file that failed to open), newest first.
            backup::backup_list() -> BackupList;
            /// Makes a verified backup now; a folder that did not take it is in `warnings`.
            backup::backup_make() -> BackupMade;
            /// Keeps the current file aside, puts the backup in its place and reopens it.
            backup::backup_restore(choice: BackupRef) -> AppState;
            /// The second folder ("" for none) and the rotation; the settings stored.
            backup::backup_set_settings(settings: BackupSettings) -> BackupSettings;
            /// Rust shows the folder dialog and sets it as the second folder; null = cancelled.
            backup::backup_choose_second_folder() -> Option<BackupSettings>;
            /// Warnings of backups made by themselves (a folder that did not take one), taken.
            backup::backup_warnings() -> Vec<String> [quiet];
        }
    };
}
