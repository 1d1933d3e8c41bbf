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

describe('api: generated from the command list', () => {
  it('sends the command name and camelCase arguments', async () => {
    await api.appState();
    await api.agenciesList('راه', true);
    await api.evalDecide(1403, 7, 'partly', 12.5, 'مدرک تازه');
    await api.reportOpen(0);
    expect(mockedInvoke.mock.calls).toEqual([
      ['app_state', {}],
      ['agencies_list', { query: 'راه', includeInactive: true }],
      ['eval_decide', { year: 1403, id: 7, decision: 'partly', newScore: 12.5, reason: 'مدرک تازه' }],
      ['report_open', { index: 0 }],
    ]);
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

  it('is not kept on by the intake progress poll', async () => {
    let resolve!: (v: unknown) => void;
    mockedInvoke.mockReturnValueOnce(new Promise((r) => (resolve = r)));
    const p = api.accountsIntakeProgress();
    expect(busy.pending).toBe(0);
    vi.advanceTimersByTime(250);
    expect(busy.visible).toBe(false);
    resolve({ done: 1, total: 3, file: 'a.xlsx' });
    await expect(p).resolves.toEqual({ done: 1, total: 3, file: 'a.xlsx' });
  });
});
