// Generated from src-tauri/src/command_list.rs by `make bindings`: do not edit.
// One typed function per Tauri command; every rejection becomes an AppError (./call).
import { call } from './call';
import type { AccountsOverview } from './bindings/AccountsOverview';
import type { Agency } from './bindings/Agency';
import type { AgencyGroup } from './bindings/AgencyGroup';
import type { AgencyInput } from './bindings/AgencyInput';
import type { AppState } from './bindings/AppState';
import type { Approval } from './bindings/Approval';
import type { AttendanceInput } from './bindings/AttendanceInput';
import type { AuditFilter } from './bindings/AuditFilter';
import type { AuditPage } from './bindings/AuditPage';
import type { BackupList } from './bindings/BackupList';
import type { BackupMade } from './bindings/BackupMade';
import type { BackupRef } from './bindings/BackupRef';
import type { BackupSettings } from './bindings/BackupSettings';
import type { BatchFailure } from './bindings/BatchFailure';
import type { BatchOutput } from './bindings/BatchOutput';
import type { BatchPart } from './bindings/BatchPart';
import type { BatchProgress } from './bindings/BatchProgress';
import type { BatchRequest } from './bindings/BatchRequest';
import type { Board } from './bindings/Board';
import type { Briefing } from './bindings/Briefing';
import type { BriefingInput } from './bindings/BriefingInput';
import type { CatalogImportReport } from './bindings/CatalogImportReport';
import type { CentreLetter } from './bindings/CentreLetter';
import type { CheckRun } from './bindings/CheckRun';
import type { Decision } from './bindings/Decision';
import type { EvalIntakeResult } from './bindings/EvalIntakeResult';
import type { EvalSettings } from './bindings/EvalSettings';
import type { EvalWorkbook } from './bindings/EvalWorkbook';
import type { EvaluationOverview } from './bindings/EvaluationOverview';
import type { Festival } from './bindings/Festival';
import type { FindingsView } from './bindings/FindingsView';
import type { GeneratedWorkbook } from './bindings/GeneratedWorkbook';
import type { HqChange } from './bindings/HqChange';
import type { HqConfirmed } from './bindings/HqConfirmed';
import type { ImportReport } from './bindings/ImportReport';
import type { IncomingInput } from './bindings/IncomingInput';
import type { IntakeProgress } from './bindings/IntakeProgress';
import type { IntakeResult } from './bindings/IntakeResult';
import type { ItemRow } from './bindings/ItemRow';
import type { LeadIntakeResult } from './bindings/LeadIntakeResult';
import type { Manifest } from './bindings/Manifest';
import type { Member } from './bindings/Member';
import type { MemberInput } from './bindings/MemberInput';
import type { NationalPreview } from './bindings/NationalPreview';
import type { NationalTiering } from './bindings/NationalTiering';
import type { Nomination } from './bindings/Nomination';
import type { Objection } from './bindings/Objection';
import type { PackageRecord } from './bindings/PackageRecord';
import type { PastResultsPreview } from './bindings/PastResultsPreview';
import type { Preliminary } from './bindings/Preliminary';
import type { Purpose } from './bindings/Purpose';
import type { RegisterEntry } from './bindings/RegisterEntry';
import type { RegisterFilter } from './bindings/RegisterFilter';
import type { RemindResult } from './bindings/RemindResult';
import type { ReportCatalog } from './bindings/ReportCatalog';
import type { ReportRequest } from './bindings/ReportRequest';
import type { ResultsView } from './bindings/ResultsView';
import type { ReuseReport } from './bindings/ReuseReport';
import type { ScoreInput } from './bindings/ScoreInput';
import type { ScorePreview } from './bindings/ScorePreview';
import type { ScoreRow } from './bindings/ScoreRow';
import type { Service } from './bindings/Service';
import type { StoredScore } from './bindings/StoredScore';
import type { TableStatus } from './bindings/TableStatus';
import type { Team } from './bindings/Team';
import type { TeamInput } from './bindings/TeamInput';
import type { TeamsView } from './bindings/TeamsView';
import type { TemplateImport } from './bindings/TemplateImport';
import type { TemplateImportReport } from './bindings/TemplateImportReport';
import type { TemplateItem } from './bindings/TemplateItem';
import type { TransferPreview } from './bindings/TransferPreview';
import type { TransferReport } from './bindings/TransferReport';
import type { VerifyReport } from './bindings/VerifyReport';

export type SavedDocument = { index: number, path: string, bytes: number, pages: number | null, 
/**
 * The register's numbers the document took (a final letter: one per agency); empty otherwise.
 */
numbers: Array<string>, };

export type SavedBatchDocument = { index: number | null, path: string, output: BatchOutput, bytes: number, parts: Array<BatchPart>, failures: Array<BatchFailure>, };

export type SavedReminders = { result: RemindResult, index: number, };

export const commands = {
  /**
   * The open file (if any), the recent files, and why the start file could not be opened.
   */
  appState: () => call<AppState>('app_state', {}),
  /**
   * Rust shows the save dialog; null = the user cancelled.
   */
  provinceCreate: (province: string, office: string, year: number) => call<AppState | null>('province_create', { province, office, year }),
  /**
   * Rust shows the open dialog; null = the user cancelled.
   */
  provinceOpen: () => call<AppState | null>('province_open', {}),
  /**
   * `index` into AppState.recent.
   */
  provinceOpenRecent: (index: number) => call<AppState>('province_open_recent', { index }),
  provinceClose: () => call<AppState>('province_close', {}),
  agenciesList: (query: string, includeInactive: boolean) => call<Array<Agency>>('agencies_list', { query, includeInactive }),
  agencyGroups: () => call<Array<AgencyGroup>>('agency_groups', {}),
  agencyAdd: (input: AgencyInput) => call<Agency>('agency_add', { input }),
  /**
   * `code` is the agency's current code; `input.code` may change it.
   */
  agencyEdit: (code: string, input: AgencyInput, reason: string | null) => call<Agency>('agency_edit', { code, input, reason }),
  agencySetActive: (code: string, active: boolean, reason: string) => call<Agency>('agency_set_active', { code, active, reason }),
  /**
   * Rust shows the file dialog for an .xlsx; null = the user cancelled.
   */
  agenciesImport: () => call<ImportReport | null>('agencies_import', {}),
  /**
   * The audit rows `filter` picks, newest first, at most `limit`; and everyone who appears in the log.
   */
  auditQuery: (filter: AuditFilter, limit: number) => call<AuditPage>('audit_query', { filter, limit }),
  /**
   * Rust shows the save dialog and writes every matching row to an .xlsx; the row count, or null = cancelled.
   */
  auditExport: (filter: AuditFilter) => call<number | null>('audit_export', { filter }),
  /**
   * null year = the file's working year.
   */
  accountsOverview: (year: number | null) => call<AccountsOverview>('accounts_overview', { year }),
  /**
   * Rust shows the file dialog for the template .xlsx; null = the user cancelled. A template of
   * another year is not stored: the answer asks which year it is for (`accountsTemplateImportAs`).
   */
  accountsTemplateImport: (year: number) => call<TemplateImport | null>('accounts_template_import', { year }),
  /**
   * Files the template that was just refused for its year under `year` (its own year or the one asked).
   */
  accountsTemplateImportAs: (year: number) => call<TemplateImportReport>('accounts_template_import_as', { year }),
  /**
   * This year's unassigned items get the suppliers they had last year (matched by item code).
   */
  accountsReuseAssignments: (year: number) => call<ReuseReport>('accounts_reuse_assignments', { year }),
  /**
   * Rust shows the file dialog; the final values of `year` (e.g. last year's) from a sheet of «کد قلم» and «مقدار».
   */
  accountsValuesImport: (year: number) => call<number | null>('accounts_values_import', { year }),
  /**
   * Rust shows the file dialog for a package .zip and re-checks it (against this file's key once it has one).
   */
  accountsPackageVerify: () => call<VerifyReport | null>('accounts_package_verify', {}),
  /**
   * Rust asks for the package and where to save its cover letter (PDF); the file name, or null = cancelled.
   */
  accountsCoverLetter: () => call<string | null>('accounts_cover_letter', {}),
  /**
   * Rust shows the folder dialog; empty `agencies` = every agency with items; null = cancelled.
   */
  accountsWorkbooks: (year: number, agencies: Array<string>) => call<Array<GeneratedWorkbook> | null>('accounts_workbooks', { year, agencies }),
  /**
   * Rust shows a multi-file dialog and imports each file in its own transaction; null = cancelled.
   * Poll `accountsIntakeProgress` meanwhile.
   */
  accountsIntake: (year: number) => call<Array<IntakeResult> | null>('accounts_intake', { year }),
  /**
   * How far the running intake is (either service's); null when none runs.
   */
  accountsIntakeProgress: () => call<IntakeProgress | null>('accounts_intake_progress', {}, false),
  accountsCheck: (year: number) => call<CheckRun>('accounts_check', { year }),
  accountsFindings: (year: number) => call<FindingsView>('accounts_findings', { year }),
  /**
   * Rust shows the folder dialog; a feedback workbook per agency with findings; null = cancelled.
   */
  accountsFeedback: (year: number) => call<Array<GeneratedWorkbook> | null>('accounts_feedback', { year }),
  /**
   * Explains a warning for one agency it names, for the values it cites now.
   */
  accountsExplain: (year: number, rule: string, agency: string, text: string) => call<null>('accounts_explain', { year, rule, agency, text }),
  /**
   * null table = all the agency's tables.
   */
  accountsApprove: (year: number, agency: string, table: string | null) => call<Array<TableStatus>>('accounts_approve', { year, agency, table }),
  accountsReopen: (year: number, agency: string, table: string, reason: string) => call<null>('accounts_reopen', { year, agency, table, reason }),
  /**
   * A Jalali date such as «1403/09/30», in any digits.
   */
  accountsDeadline: (year: number, date: string) => call<null>('accounts_deadline', { year, date }),
  accountsItems: (year: number, table: string) => call<Array<ItemRow>>('accounts_items', { year, table }),
  /**
   * `value` as typed (Persian or Latin digits); empty clears it.
   */
  accountsEnterValue: (year: number, item: string, value: string, note: string) => call<null>('accounts_enter_value', { year, item, value, note }),
  /**
   * `agency` is the agency's code.
   */
  accountsAssign: (year: number, item: string, agency: string, reason: string | null) => call<TemplateItem>('accounts_assign', { year, item, agency, reason }),
  /**
   * Rust shows the save dialog; null = cancelled. A final package needs everything approved.
   */
  accountsPackage: (year: number, draft: boolean) => call<Manifest | null>('accounts_package', { year, draft }),
  /**
   * The Centre's request letter of the year (number, Jalali date); both empty clear it.
   */
  accountsCentreLetter: (year: number, number: string, date: string) => call<CentreLetter | null>('accounts_centre_letter', { year, number, date }),
  /**
   * «ثبت ارسال»: the day package `id` (AccountsOverview.packages) was sent; Jalali, any digits.
   */
  accountsPackageMarkSent: (id: number, date: string) => call<PackageRecord>('accounts_package_mark_sent', { id, date }),
  /**
   * null year = the latest year with an evaluation; null when the file has none yet.
   */
  evalOverview: (year: number | null) => call<EvaluationOverview | null>('eval_overview', { year }),
  /**
   * `agency` is the agency's code.
   */
  evalAgencyScores: (year: number, agency: string) => call<Array<ScoreRow>>('eval_agency_scores', { year, agency }),
  /**
   * The score `input` would earn on the indicator, or why it would be refused; stores nothing.
   */
  evalPreviewScore: (year: number, agency: string, indicator: string, input: ScoreInput) => call<ScorePreview>('eval_preview_score', { year, agency, indicator, input }),
  /**
   * The evaluator's score of one indicator (the evaluation phase must be open).
   */
  evalScore: (year: number, agency: string, indicator: string, input: ScoreInput, comment: string) => call<StoredScore>('eval_score', { year, agency, indicator, input, comment }),
  /**
   * The agency's national headquarters confirmed its self-assessment; `reference` = the letter.
   */
  evalConfirmHq: (year: number, agency: string, reference: string) => call<null>('eval_confirm_hq', { year, agency, reference }),
  evalResults: (year: number) => call<ResultsView>('eval_results', { year }),
  evalObjections: (year: number) => call<Array<Objection>>('eval_objections', { year }),
  /**
   * Cannot be edited once filed; one per (agency, indicator).
   */
  evalFileObjection: (year: number, agency: string, indicator: string, reason: string, evidence: string) => call<Objection>('eval_file_objection', { year, agency, indicator, reason, evidence }),
  /**
   * `newScore` for accepted / partly; null for rejected.
   */
  evalDecide: (year: number, id: number, decision: Decision, newScore: number | null, reason: string) => call<Objection>('eval_decide', { year, id, decision, newScore, reason }),
  /**
   * Publishes the preliminary results today and opens the objection window.
   */
  evalPublish: (year: number) => call<Preliminary>('eval_publish', { year }),
  /**
   * The council approves the final results: the year's scores lock.
   */
  evalApprove: (year: number, session: string) => call<Approval>('eval_approve', { year, session }),
  evalReopenApproval: (year: number, reason: string) => call<null>('eval_reopen_approval', { year, reason }),
  /**
   * `until` is a Jalali date («1403/09/25», any digits).
   */
  evalReopenPhase: (year: number, phase: string, reason: string, until: string) => call<null>('eval_reopen_phase', { year, phase, reason, until }),
  /**
   * Rust shows the file dialog for the catalog .xlsx; null = the user cancelled.
   */
  evalCatalogImport: (year: number) => call<CatalogImportReport | null>('eval_catalog_import', { year }),
  /**
   * Rust shows the folder dialog; one workbook per agency; null = cancelled.
   */
  evalWorkbooks: (year: number, purpose: Purpose) => call<Array<EvalWorkbook> | null>('eval_workbooks', { year, purpose }),
  /**
   * Rust shows a multi-file dialog and imports each file in its own transaction; null = cancelled.
   * Poll `accountsIntakeProgress` meanwhile (the same progress as the accounts intake).
   */
  evalIntake: (year: number, purpose: Purpose) => call<Array<EvalIntakeResult> | null>('eval_intake', { year, purpose }),
  /**
   * Rust shows the save dialog; the saved path, or null = cancelled. Needs approved results.
   */
  evalExport: (year: number) => call<string | null>('eval_export', { year }),
  /**
   * The festival's winners; null before the council's approval (overview.actions.festival says so).
   */
  evalFestival: (year: number) => call<Festival | null>('eval_festival', { year }),
  /**
   * Starts the year from the circular's date (Jalali, any digits): default settings, the 16 phases laid out.
   */
  evalStartYear: (year: number, start: string) => call<number>('eval_start_year', { year, start }),
  /**
   * The settings a new year starts with.
   */
  evalDefaultSettings: () => call<EvalSettings>('eval_default_settings', {}),
  /**
   * Checked in Rust; refused once the council's approval stands.
   */
  evalUpdateSettings: (year: number, settings: EvalSettings) => call<null>('eval_update_settings', { year, settings }),
  /**
   * Jalali dates, any digits; checked against the phases before and after it. `shiftFollowing`
   * moves every later phase by as many days as this phase's end moved.
   */
  evalSetPhaseDates: (year: number, phase: string, starts: string, ends: string, shiftFollowing: boolean) => call<null>('eval_set_phase_dates', { year, phase, starts, ends, shiftFollowing }),
  /**
   * In the committees' phase (overview.actions.committee says why not).
   */
  evalCommitteeAdd: (year: number, input: MemberInput) => call<Member>('eval_committee_add', { year, input }),
  evalCommitteeEdit: (year: number, id: number, input: MemberInput) => call<Member>('eval_committee_edit', { year, id, input }),
  evalCommitteeRemove: (year: number, id: number, reason: string) => call<null>('eval_committee_remove', { year, id, reason }),
  /**
   * Starts the year's committees with the latest earlier year's members.
   */
  evalCommitteeReuse: (year: number) => call<Array<Member>>('eval_committee_reuse', { year }),
  /**
   * Rust shows the file dialog and reads the earlier year's results without storing them; null = cancelled.
   */
  evalPastResultsPreview: (year: number) => call<PastResultsPreview | null>('eval_past_results_preview', { year }),
  /**
   * Stores the file last previewed for `year`; the count of agencies.
   */
  evalPastResultsImport: (year: number) => call<number>('eval_past_results_import', { year }),
  /**
   * Rust shows the file dialog and reads the national tiering without storing it; null = cancelled.
   */
  evalNationalPreview: (year: number) => call<NationalPreview | null>('eval_national_preview', { year }),
  /**
   * Stores the file last previewed for `year`; the count of agencies.
   */
  evalNationalImport: (year: number) => call<number>('eval_national_import', { year }),
  /**
   * Every work team nominated for the festival, selected or not.
   */
  evalNominations: (year: number) => call<Array<Nomination>>('eval_nominations', { year }),
  /**
   * `agency` is the agency's code; in the festival's phase.
   */
  evalNominate: (year: number, team: string, agency: string, project: string, summary: string) => call<Nomination>('eval_nominate', { year, team, agency, project, summary }),
  evalSelectNomination: (year: number, id: number, selected: boolean) => call<null>('eval_select_nomination', { year, id, selected }),
  /**
   * Rust shows the file dialog for the self-assessment workbook the headquarters returned,
   * imports it as the headquarters' changes and records the confirmation; null = cancelled.
   */
  evalConfirmHqWorkbook: (year: number, agency: string, reference: string) => call<HqConfirmed | null>('eval_confirm_hq_workbook', { year, agency, reference }),
  /**
   * The headquarters changes one self score by its letter `reference`; null = the score was already this.
   * Empty `evidence` keeps the agency's.
   */
  evalHqChange: (year: number, agency: string, indicator: string, input: ScoreInput, evidence: string, reference: string) => call<HqChange | null>('eval_hq_change', { year, agency, indicator, input, evidence, reference }),
  /**
   * The headquarters' changes to self-assessments (of one agency, or all with null): before, after, letter.
   */
  evalHqChanges: (year: number, agency: string | null) => call<Array<HqChange>>('eval_hq_changes', { year, agency }),
  /**
   * Rust shows the file dialog and sets each row beside the self-assessment in force, storing nothing; null = cancelled.
   */
  evalTransferPreview: (year: number) => call<TransferPreview | null>('eval_transfer_preview', { year }),
  /**
   * Stores the file last previewed for `year` as self-assessment versions from the national system.
   */
  evalTransferImport: (year: number) => call<TransferReport>('eval_transfer_import', { year }),
  /**
   * Rust shows the folder dialog; one workbook per lead agency (دستگاه سنجش), every
   * agency a row; null = cancelled. overview.leads says who has replied.
   */
  evalLeadWorkbooks: (year: number) => call<Array<EvalWorkbook> | null>('eval_lead_workbooks', { year }),
  /**
   * Rust shows a multi-file dialog and takes in each returned lead workbook in its own
   * transaction; null = cancelled. Poll `accountsIntakeProgress` meanwhile.
   */
  evalLeadIntake: (year: number) => call<Array<LeadIntakeResult> | null>('eval_lead_intake', { year }),
  /**
   * Each agency's national tier and rank and the province's rank among the provinces,
   * as imported; `imported` false (and saying so) before the import.
   */
  evalNationalTiering: (year: number) => call<NationalTiering>('eval_national_tiering', { year }),
  /**
   * The teams with their evaluators and agencies, every agency that can be assigned, and whether they can be edited.
   */
  evalTeams: (year: number) => call<TeamsView>('eval_teams', { year }),
  evalTeamCreate: (year: number, input: TeamInput) => call<Team>('eval_team_create', { year, input }),
  /**
   * Renames the team and replaces its evaluators.
   */
  evalTeamEdit: (year: number, id: number, input: TeamInput) => call<Team>('eval_team_edit', { year, id, input }),
  /**
   * Refused while agencies are assigned to the team.
   */
  evalTeamDelete: (year: number, id: number) => call<null>('eval_team_delete', { year, id }),
  /**
   * `agencies` are codes; refused (nothing assigned) when one is in another team.
   */
  evalTeamAssign: (year: number, id: number, agencies: Array<string>) => call<Team>('eval_team_assign', { year, id, agencies }),
  /**
   * Takes the agencies (codes) out of their teams; the count that were in one.
   */
  evalTeamUnassign: (year: number, agencies: Array<string>) => call<number>('eval_team_unassign', { year, agencies }),
  /**
   * Rust shows the folder dialog; the team's evaluator workbooks, one per agency; null = cancelled.
   */
  evalTeamWorkbooks: (year: number, id: number) => call<Array<EvalWorkbook> | null>('eval_team_workbooks', { year, id }),
  /**
   * The sessions of a service's year, earliest first.
   */
  briefingList: (service: Service, year: number) => call<Array<Briefing>>('briefing_list', { service, year }),
  /**
   * An empty title gets the service's usual title.
   */
  briefingCreate: (input: BriefingInput) => call<Briefing>('briefing_create', { input }),
  /**
   * `agencies` are agency codes; those invited already stay.
   */
  briefingInvite: (id: number, agencies: Array<string>) => call<Briefing>('briefing_invite', { id, agencies }),
  briefingUninvite: (id: number, agency: string, reason: string) => call<Briefing>('briefing_uninvite', { id, agency, reason }),
  /**
   * After the session (Briefing.attendance says why not yet).
   */
  briefingAttendance: (id: number, entries: Array<AttendanceInput>) => call<Briefing>('briefing_attendance', { id, entries }),
  /**
   * Rust shows the save dialog: the invitation letters, or with `sheet` the attendance sheet; null = cancelled.
   */
  briefingSaveLetters: (id: number, sheet: boolean) => call<SavedDocument | null>('briefing_save_letters', { id, sheet }),
  /**
   * The documents that can be made (or why not yet) and the booklet's foreword.
   */
  reportCatalog: () => call<ReportCatalog>('report_catalog', {}),
  /**
   * The document as PDF bytes; `request.format` is taken as "pdf".
   */
  reportPreview: (request: ReportRequest) => call<ArrayBuffer>('report_preview', { request }),
  /**
   * Rust shows the save dialog and writes the document; null = the user cancelled.
   */
  reportSave: (request: ReportRequest) => call<SavedDocument | null>('report_save', { request }),
  /**
   * Opens a document saved in this session (`SavedDocument.index`) in the system's viewer.
   */
  reportOpen: (index: number) => call<null>('report_open', { index }),
  /**
   * The results booklet's foreword of `year`; empty text restores the default.
   */
  reportSetForeword: (year: number, text: string) => call<null>('report_set_foreword', { year, text }),
  /**
   * Rust shows the save dialog (one PDF) or the folder dialog (a file per agency) and makes the
   * document for every agency or `request.agencies`; null = cancelled. Poll `reportBatchProgress`.
   */
  reportBatch: (request: BatchRequest) => call<SavedBatchDocument | null>('report_batch', { request }),
  /**
   * The running batch's progress, or null when none runs.
   */
  reportBatchProgress: () => call<BatchProgress | null>('report_batch_progress', {}, false),
  /**
   * Stops the running batch before its next agency: nothing is written or numbered.
   */
  reportBatchCancel: () => call<null>('report_batch_cancel', {}, false),
  /**
   * The entries `filter` picks (one agency's, a search), newest first.
   */
  registerList: (filter: RegisterFilter) => call<Array<RegisterEntry>>('register_list', { filter }),
  /**
   * Logs an incoming letter or objection by hand; the entry.
   */
  registerLogIn: (input: IncomingInput) => call<RegisterEntry>('register_log_in', { input }),
  /**
   * Rust shows the save dialog and writes the matching entries to an .xlsx; the count, or null = cancelled.
   */
  registerExport: (filter: RegisterFilter) => call<number | null>('register_export', { filter }),
  /**
   * The numbering pattern, e.g. «{year}/{seq}/ص».
   */
  registerPattern: () => call<string>('register_pattern', {}),
  /**
   * Sets the numbering pattern (it must hold «{seq}»); the pattern stored.
   */
  registerSetPattern: (pattern: string) => call<string>('register_set_pattern', { pattern }),
  /**
   * Who is late on either service of `year` (null: the working year), why, and the last letter sent.
   */
  followupBoard: (year: number | null) => call<Board>('followup_board', { year }),
  /**
   * The reminder letters of `agencies` (empty: every late agency) as a draft PDF: no number.
   */
  followupPreview: (year: number, agencies: Array<string>) => call<ArrayBuffer>('followup_preview', { year, agencies }),
  /**
   * Rust shows the save dialog and writes the reminders, numbered and registered, with the feedback workbooks beside them; null = cancelled.
   */
  followupRemind: (year: number, agencies: Array<string>) => call<SavedReminders | null>('followup_remind', { year, agencies }),
  /**
   * The backups of the open file (or of the damaged file that failed to open), newest first.
   */
  backupList: () => call<BackupList>('backup_list', {}),
  /**
   * Makes a verified backup now; a folder that did not take it is in `warnings`.
   */
  backupMake: () => call<BackupMade>('backup_make', {}),
  /**
   * Keeps the current file aside, puts the backup in its place and reopens it.
   */
  backupRestore: (choice: BackupRef) => call<AppState>('backup_restore', { choice }),
  /**
   * The second folder ("" for none) and the rotation; the settings stored.
   */
  backupSetSettings: (settings: BackupSettings) => call<BackupSettings>('backup_set_settings', { settings }),
  /**
   * Rust shows the folder dialog and sets it as the second folder; null = cancelled.
   */
  backupChooseSecondFolder: () => call<BackupSettings | null>('backup_choose_second_folder', {}),
  /**
   * Warnings of backups made by themselves (a folder that did not take one), taken.
   */
  backupWarnings: () => call<Array<string>>('backup_warnings', {}, false),
};
