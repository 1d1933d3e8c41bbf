// The only place that talks to the Rust side. Each function wraps one Tauri
// command with its types; every rejection is turned into an AppError.
import { invoke } from '@tauri-apps/api/core';
import type { Agency } from './bindings/Agency';
import type { AgencyGroup } from './bindings/AgencyGroup';
import type { AgencyInput } from './bindings/AgencyInput';
import type { AccountsOverview } from './bindings/AccountsOverview';
import type { AppState } from './bindings/AppState';
import type { Approval } from './bindings/Approval';
import type { CatalogImportReport } from './bindings/CatalogImportReport';
import type { Decision } from './bindings/Decision';
import type { EvalIntakeResult } from './bindings/EvalIntakeResult';
import type { EvalWorkbook } from './bindings/EvalWorkbook';
import type { EvaluationOverview } from './bindings/EvaluationOverview';
import type { Festival } from './bindings/Festival';
import type { Objection } from './bindings/Objection';
import type { Preliminary } from './bindings/Preliminary';
import type { Purpose } from './bindings/Purpose';
import type { ReportCatalog } from './bindings/ReportCatalog';
import type { ReportRequest } from './bindings/ReportRequest';
import type { ResultsView } from './bindings/ResultsView';
import type { SavedReport } from './bindings/SavedReport';
import type { ScoreInput } from './bindings/ScoreInput';
import type { ScoreRow } from './bindings/ScoreRow';
import type { StoredScore } from './bindings/StoredScore';
import type { CheckRun } from './bindings/CheckRun';
import type { FindingsView } from './bindings/FindingsView';
import type { GeneratedWorkbook } from './bindings/GeneratedWorkbook';
import type { ImportReport } from './bindings/ImportReport';
import type { IntakeProgress } from './bindings/IntakeProgress';
import type { IntakeResult } from './bindings/IntakeResult';
import type { ItemRow } from './bindings/ItemRow';
import type { Manifest } from './bindings/Manifest';
import type { TableStatus } from './bindings/TableStatus';
import type { TemplateImportReport } from './bindings/TemplateImportReport';
import type { TemplateItem } from './bindings/TemplateItem';
import { createBusyTracker } from './busy';
import { toAppError } from './errors';

/** Drives the loading indicator: visible once a command runs longer than 200 ms. */
export const busy = createBusyTracker(200);

/** `track` = false for polls, which should not keep the loading indicator on by themselves. */
async function call<T>(cmd: string, args?: Record<string, unknown>, track = true): Promise<T> {
  const done = track ? busy.begin() : null;
  try {
    return await invoke<T>(cmd, args);
  } catch (err) {
    throw toAppError(err);
  } finally {
    done?.();
  }
}

export const api = {
  appState: () => call<AppState>('app_state'),

  /** Rust shows the save dialog; null = the user cancelled. */
  provinceCreate: (province: string, office: string, year: number) =>
    call<AppState | null>('province_create', { province, office, year }),

  /** Rust shows the open dialog; null = the user cancelled. */
  provinceOpen: () => call<AppState | null>('province_open'),

  provinceOpenRecent: (index: number) => call<AppState>('province_open_recent', { index }),

  provinceClose: () => call<AppState>('province_close'),

  agenciesList: (query: string, includeInactive: boolean) =>
    call<Agency[]>('agencies_list', { query, includeInactive }),

  agencyGroups: () => call<AgencyGroup[]>('agency_groups'),

  agencyAdd: (input: AgencyInput) => call<Agency>('agency_add', { input }),

  /** `code` is the agency's current code; `input.code` may change it. */
  agencyEdit: (code: string, input: AgencyInput, reason: string | null) =>
    call<Agency>('agency_edit', { code, input, reason }),

  agencySetActive: (code: string, active: boolean, reason: string) =>
    call<Agency>('agency_set_active', { code, active, reason }),

  /** Rust shows the file dialog for an .xlsx; null = the user cancelled. */
  agenciesImport: () => call<ImportReport | null>('agencies_import'),

  // ---------- Regional accounts (حساب‌های منطقه‌ای) ----------

  /** null year = the file's working year. */
  accountsOverview: (year: number | null) => call<AccountsOverview>('accounts_overview', { year }),

  /** Rust shows the file dialog for the template .xlsx; null = the user cancelled. */
  accountsTemplateImport: () => call<TemplateImportReport | null>('accounts_template_import'),

  /** Rust shows the folder dialog; empty `agencies` = every agency with items; null = cancelled. */
  accountsWorkbooks: (year: number, agencies: string[]) =>
    call<GeneratedWorkbook[] | null>('accounts_workbooks', { year, agencies }),

  /**
   * Rust shows a multi-file dialog and imports each file in its own transaction; null = cancelled.
   * Poll `accountsIntakeProgress` meanwhile.
   */
  accountsIntake: (year: number) => call<IntakeResult[] | null>('accounts_intake', { year }),

  /** How far the running intake is; null when none runs. Does not drive the loading indicator. */
  accountsIntakeProgress: () => call<IntakeProgress | null>('accounts_intake_progress', undefined, false),

  accountsCheck: (year: number) => call<CheckRun>('accounts_check', { year }),

  accountsFindings: (year: number) => call<FindingsView>('accounts_findings', { year }),

  /** Rust shows the folder dialog; writes a feedback workbook per agency with findings; null = cancelled. */
  accountsFeedback: (year: number) => call<GeneratedWorkbook[] | null>('accounts_feedback', { year }),

  accountsExplain: (year: number, rule: string, text: string) => call<void>('accounts_explain', { year, rule, text }),

  /** null table = all the agency's tables. */
  accountsApprove: (year: number, agency: string, table: string | null) =>
    call<TableStatus[]>('accounts_approve', { year, agency, table }),

  accountsReopen: (year: number, agency: string, table: string, reason: string) =>
    call<void>('accounts_reopen', { year, agency, table, reason }),

  /** A Jalali date such as «1403/09/30», in any digits. */
  accountsDeadline: (year: number, date: string) => call<void>('accounts_deadline', { year, date }),

  accountsItems: (year: number, table: string) => call<ItemRow[]>('accounts_items', { year, table }),

  /** `value` as typed (Persian or Latin digits); empty clears it. */
  accountsEnterValue: (year: number, item: string, value: string, note: string) =>
    call<void>('accounts_enter_value', { year, item, value, note }),

  /** `agency` is the agency's code. */
  accountsAssign: (year: number, item: string, agency: string, reason: string | null) =>
    call<TemplateItem>('accounts_assign', { year, item, agency, reason }),

  /** Rust shows the save dialog; null = cancelled. A final package needs everything approved. */
  accountsPackage: (year: number, draft: boolean) => call<Manifest | null>('accounts_package', { year, draft }),

  // ---------- Performance evaluation (ارزیابی عملکرد) ----------

  /** null year = the latest year with an evaluation; fails with `evaluation.no_year` when there is none. */
  evalOverview: (year: number | null) => call<EvaluationOverview>('eval_overview', { year }),

  /** `agency` is the agency's code. */
  evalAgencyScores: (year: number, agency: string) => call<ScoreRow[]>('eval_agency_scores', { year, agency }),

  /** The evaluator's score of one indicator (the evaluation phase must be open). */
  evalScore: (year: number, agency: string, indicator: string, input: ScoreInput, comment: string) =>
    call<StoredScore>('eval_score', { year, agency, indicator, input, comment }),

  /** The agency's national headquarters confirmed its self-assessment; `reference` = the letter. */
  evalConfirmHq: (year: number, agency: string, reference: string) => call<null>('eval_confirm_hq', { year, agency, reference }),

  evalResults: (year: number) => call<ResultsView>('eval_results', { year }),

  evalObjections: (year: number) => call<Objection[]>('eval_objections', { year }),

  /** Cannot be edited once filed; one per (agency, indicator). */
  evalFileObjection: (year: number, agency: string, indicator: string, reason: string, evidence: string) =>
    call<Objection>('eval_file_objection', { year, agency, indicator, reason, evidence }),

  /** `newScore` for accepted / partly; null for rejected. */
  evalDecide: (year: number, id: number, decision: Decision, newScore: number | null, reason: string) =>
    call<Objection>('eval_decide', { year, id, decision, newScore, reason }),

  /** Publishes the preliminary results today and opens the objection window. */
  evalPublish: (year: number) => call<Preliminary>('eval_publish', { year }),

  /** The council approves the final results: the year's scores lock. */
  evalApprove: (year: number, session: string) => call<Approval>('eval_approve', { year, session }),

  evalReopenApproval: (year: number, reason: string) => call<null>('eval_reopen_approval', { year, reason }),

  /** `until` is a Jalali date («1403/09/25», any digits). */
  evalReopenPhase: (year: number, phase: string, reason: string, until: string) =>
    call<null>('eval_reopen_phase', { year, phase, reason, until }),

  /** Rust shows the file dialog for the catalog .xlsx; null = the user cancelled. */
  evalCatalogImport: (year: number) => call<CatalogImportReport | null>('eval_catalog_import', { year }),

  /** Rust shows the folder dialog; one workbook per agency; null = cancelled. */
  evalWorkbooks: (year: number, purpose: Purpose) => call<EvalWorkbook[] | null>('eval_workbooks', { year, purpose }),

  /**
   * Rust shows a multi-file dialog and imports each file in its own transaction; null = cancelled.
   * Poll `accountsIntakeProgress` meanwhile (the same progress as the accounts intake).
   */
  evalIntake: (year: number, purpose: Purpose) => call<EvalIntakeResult[] | null>('eval_intake', { year, purpose }),

  /** Rust shows the save dialog; the saved path, or null = cancelled. Needs approved results. */
  evalExport: (year: number) => call<string | null>('eval_export', { year }),

  /** Fails with `evaluation.approval.not_yet_approved` before the council's approval. */
  evalFestival: (year: number) => call<Festival>('eval_festival', { year }),

  // ---------- Reports (گزارش‌ها) ----------

  /** The documents that can be made (or why not yet) and the booklet's foreword. */
  reportCatalog: () => call<ReportCatalog>('report_catalog'),

  /** The document as PDF bytes (a raw response: an ArrayBuffer); `request.format` must be "pdf". */
  reportPreview: (request: ReportRequest) => call<ArrayBuffer>('report_preview', { request }),

  /** Rust shows the save dialog and writes the document; null = the user cancelled. */
  reportSave: (request: ReportRequest) => call<SavedReport | null>('report_save', { request }),

  /** Opens a saved document in the system's viewer (to print it). */
  reportOpen: (path: string) => call<null>('report_open', { path }),

  /** The results booklet's foreword of `year`; empty text restores the default. */
  reportSetForeword: (year: number, text: string) => call<null>('report_set_foreword', { year, text }),
};

export type Api = typeof api;
