// The only place that talks to the Rust side. Each function wraps one Tauri
// command with its types; every rejection is turned into an AppError.
import { invoke } from '@tauri-apps/api/core';
import type { Agency } from './bindings/Agency';
import type { AgencyGroup } from './bindings/AgencyGroup';
import type { AgencyInput } from './bindings/AgencyInput';
import type { AccountsOverview } from './bindings/AccountsOverview';
import type { AppState } from './bindings/AppState';
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
};

export type Api = typeof api;
