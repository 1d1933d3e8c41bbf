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

  it('regional-accounts commands', async () => {
    await api.accountsOverview(null);
    await api.accountsOverview(1402);
    await api.accountsTemplateImport();
    await api.accountsWorkbooks(1403, []);
    await api.accountsWorkbooks(1403, ['501', '201']);
    await api.accountsIntake(1403);
    await api.accountsIntakeProgress();
    await api.accountsCheck(1403);
    await api.accountsFindings(1403);
    await api.accountsFeedback(1403);
    await api.accountsExplain(1403, 'R-T01-12', 'سیل در خرداد');
    await api.accountsApprove(1403, '501', null);
    await api.accountsApprove(1403, '501', 'T01');
    await api.accountsReopen(1403, '501', 'T01', 'اصلاح رقم گندم');
    await api.accountsDeadline(1403, '۱۴۰۳/۰۹/۳۰');
    await api.accountsItems(1403, 'T01');
    await api.accountsEnterValue(1403, 'T01.WHEAT_IRR.AREA', '۱۲۳٬۵۹۸', '');
    await api.accountsAssign(1403, 'T09.OTHER.BEDS', '104', null);
    await api.accountsPackage(1403, true);
    expect(mockedInvoke.mock.calls).toEqual([
      ['accounts_overview', { year: null }],
      ['accounts_overview', { year: 1402 }],
      ['accounts_template_import', undefined],
      ['accounts_workbooks', { year: 1403, agencies: [] }],
      ['accounts_workbooks', { year: 1403, agencies: ['501', '201'] }],
      ['accounts_intake', { year: 1403 }],
      ['accounts_intake_progress', undefined],
      ['accounts_check', { year: 1403 }],
      ['accounts_findings', { year: 1403 }],
      ['accounts_feedback', { year: 1403 }],
      ['accounts_explain', { year: 1403, rule: 'R-T01-12', text: 'سیل در خرداد' }],
      ['accounts_approve', { year: 1403, agency: '501', table: null }],
      ['accounts_approve', { year: 1403, agency: '501', table: 'T01' }],
      ['accounts_reopen', { year: 1403, agency: '501', table: 'T01', reason: 'اصلاح رقم گندم' }],
      ['accounts_deadline', { year: 1403, date: '۱۴۰۳/۰۹/۳۰' }],
      ['accounts_items', { year: 1403, table: 'T01' }],
      ['accounts_enter_value', { year: 1403, item: 'T01.WHEAT_IRR.AREA', value: '۱۲۳٬۵۹۸', note: '' }],
      ['accounts_assign', { year: 1403, item: 'T09.OTHER.BEDS', agency: '104', reason: null }],
      ['accounts_package', { year: 1403, draft: true }],
    ]);
  });

  it('performance-evaluation commands', async () => {
    const input = { type: 'measures' as const, percents: [['M1', 55]] as Array<[string, number]> };
    await api.evalOverview(null);
    await api.evalOverview(1402);
    await api.evalAgencyScores(1403, '101');
    await api.evalScore(1403, '101', 'G02', input, 'بازدید میدانی');
    await api.evalConfirmHq(1403, '101', 'نامهٔ ۱۲/۳۴');
    await api.evalResults(1403);
    await api.evalObjections(1403);
    await api.evalFileObjection(1403, '101', 'G01', 'رقم سامانه ناقص بود', 'نامهٔ ۵۶');
    await api.evalDecide(1403, 7, 'partly', 24.6, 'بخشی از مستندات پذیرفته شد');
    await api.evalDecide(1403, 8, 'rejected', null, 'هدف مصوب ملاک است');
    await api.evalPublish(1403);
    await api.evalApprove(1403, 'جلسهٔ ۱۲ شورا');
    await api.evalReopenApproval(1403, 'اصلاح رقم');
    await api.evalReopenPhase(1403, 'evaluation', 'بازدید', '1403/09/25');
    await api.evalCatalogImport(1403);
    await api.evalWorkbooks(1403, 'self_assessment');
    await api.evalIntake(1403, 'evaluator');
    await api.evalExport(1403);
    await api.evalFestival(1403);
    expect(mockedInvoke.mock.calls).toEqual([
      ['eval_overview', { year: null }],
      ['eval_overview', { year: 1402 }],
      ['eval_agency_scores', { year: 1403, agency: '101' }],
      ['eval_score', { year: 1403, agency: '101', indicator: 'G02', input, comment: 'بازدید میدانی' }],
      ['eval_confirm_hq', { year: 1403, agency: '101', reference: 'نامهٔ ۱۲/۳۴' }],
      ['eval_results', { year: 1403 }],
      ['eval_objections', { year: 1403 }],
      ['eval_file_objection', { year: 1403, agency: '101', indicator: 'G01', reason: 'رقم سامانه ناقص بود', evidence: 'نامهٔ ۵۶' }],
      ['eval_decide', { year: 1403, id: 7, decision: 'partly', newScore: 24.6, reason: 'بخشی از مستندات پذیرفته شد' }],
      ['eval_decide', { year: 1403, id: 8, decision: 'rejected', newScore: null, reason: 'هدف مصوب ملاک است' }],
      ['eval_publish', { year: 1403 }],
      ['eval_approve', { year: 1403, session: 'جلسهٔ ۱۲ شورا' }],
      ['eval_reopen_approval', { year: 1403, reason: 'اصلاح رقم' }],
      ['eval_reopen_phase', { year: 1403, phase: 'evaluation', reason: 'بازدید', until: '1403/09/25' }],
      ['eval_catalog_import', { year: 1403 }],
      ['eval_workbooks', { year: 1403, purpose: 'self_assessment' }],
      ['eval_intake', { year: 1403, purpose: 'evaluator' }],
      ['eval_export', { year: 1403 }],
      ['eval_festival', { year: 1403 }],
    ]);
  });

  it('report commands', async () => {
    const request = { kind: 'scorecard', year: 1403, agency: '101', format: 'pdf' as const };
    await api.reportCatalog();
    await api.reportPreview(request);
    await api.reportSave({ ...request, format: 'xlsx' });
    await api.reportOpen('/home/user/Documents/scorecard-1403-101.pdf');
    await api.reportSetForeword(1403, 'به نام خدا');
    await api.reportSetForeword(1403, '');
    expect(mockedInvoke.mock.calls).toEqual([
      ['report_catalog', undefined],
      ['report_preview', { request }],
      ['report_save', { request: { ...request, format: 'xlsx' } }],
      ['report_open', { path: '/home/user/Documents/scorecard-1403-101.pdf' }],
      ['report_set_foreword', { year: 1403, text: 'به نام خدا' }],
      ['report_set_foreword', { year: 1403, text: '' }],
    ]);
  });

  it('passes raw bytes (the preview PDF) through', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4').buffer;
    mockedInvoke.mockResolvedValueOnce(pdf);
    await expect(api.reportPreview({ kind: 'ranking', year: 1403, agency: null, format: 'pdf' })).resolves.toBe(pdf);
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
