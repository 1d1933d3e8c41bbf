import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

import { invoke } from '@tauri-apps/api/core';
import { api, busy } from './api';
import { emptyAgencyInput } from './agencyForm';

const mockedInvoke = vi.mocked(invoke);

beforeEach(() => {
  mockedInvoke.mockReset();
  mockedInvoke.mockResolvedValue(null);
});

describe('api: command names and camelCase arguments', () => {
  it('app and province commands', async () => {
    await api.appState();
    await api.provinceCreate('لرستان', 'سازمان مدیریت', 1403);
    await api.provinceOpen();
    await api.provinceOpenRecent(2);
    await api.provinceClose();
    expect(mockedInvoke.mock.calls).toEqual([
      ['app_state', undefined],
      ['province_create', { province: 'لرستان', office: 'سازمان مدیریت', year: 1403 }],
      ['province_open', undefined],
      ['province_open_recent', { index: 2 }],
      ['province_close', undefined],
    ]);
  });

  it('agency commands', async () => {
    const input = { ...emptyAgencyInput(), code: '101', name: 'راه' };
    await api.agenciesList('راه', true);
    await api.agencyGroups();
    await api.agencyAdd(input);
    await api.agencyEdit('100', input, null);
    await api.agencySetActive('101', false, 'ادغام شد');
    await api.agenciesImport();
    expect(mockedInvoke.mock.calls).toEqual([
      ['agencies_list', { query: 'راه', includeInactive: true }],
      ['agency_groups', undefined],
      ['agency_add', { input }],
      ['agency_edit', { code: '100', input, reason: null }],
      ['agency_set_active', { code: '101', active: false, reason: 'ادغام شد' }],
      ['agencies_import', undefined],
    ]);
  });

  it('passes the resolved value through', async () => {
    mockedInvoke.mockResolvedValueOnce({ province: null, recent: [] });
    await expect(api.appState()).resolves.toEqual({ province: null, recent: [] });
  });
});

describe('api: errors', () => {
  it('rejects with the AppError from Rust', async () => {
    const e = { code: 'agency.duplicate_code', message: 'کد تکراری است.', details: [] };
    mockedInvoke.mockRejectedValueOnce(e);
    await expect(api.agencyAdd(emptyAgencyInput())).rejects.toEqual(e);
  });
  it('turns a string rejection into an AppError', async () => {
    mockedInvoke.mockRejectedValueOnce('پرونده قفل است.');
    await expect(api.provinceOpen()).rejects.toEqual({ code: 'unknown', message: 'پرونده قفل است.', details: [] });
  });
});

describe('api: loading indicator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows while a slow command runs and hides after it fails', async () => {
    let reject!: (e: unknown) => void;
    mockedInvoke.mockReturnValueOnce(new Promise((_, r) => (reject = r)));
    const p = api.agenciesImport();
    const settled = p.catch((e) => e);
    expect(busy.visible).toBe(false);
    vi.advanceTimersByTime(250);
    expect(busy.visible).toBe(true);
    reject(new Error('boom'));
    const err = await settled;
    expect(err.code).toBe('internal');
    expect(busy.visible).toBe(false);
    expect(busy.pending).toBe(0);
  });
});
