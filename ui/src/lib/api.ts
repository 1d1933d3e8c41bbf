// The only place that talks to the Rust side. Each function wraps one Tauri
// command with its types; every rejection is turned into an AppError.
import { invoke } from '@tauri-apps/api/core';
import type { Agency } from './bindings/Agency';
import type { AgencyGroup } from './bindings/AgencyGroup';
import type { AgencyInput } from './bindings/AgencyInput';
import type { AppState } from './bindings/AppState';
import type { ImportReport } from './bindings/ImportReport';
import { createBusyTracker } from './busy';
import { toAppError } from './errors';

/** Drives the loading indicator: visible once a command runs longer than 200 ms. */
export const busy = createBusyTracker(200);

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  const done = busy.begin();
  try {
    return await invoke<T>(cmd, args);
  } catch (err) {
    throw toAppError(err);
  } finally {
    done();
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
};

export type Api = typeof api;
