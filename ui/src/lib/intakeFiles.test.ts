import { describe, expect, it } from 'vitest';
import type { EvalIntakeResult } from './bindings/EvalIntakeResult';
import type { IntakeResult } from './bindings/IntakeResult';
import { accountsIntakeOutcome, evalIntakeOutcome, leadIntakeOutcome } from './intakeFiles';

const refusal = { code: 'intake.digest', message: 'این کارپوشه از این پرونده نیست.', details: [] };

const accounts = (over: Partial<IntakeResult>): IntakeResult => ({
  file_name: 'a.xlsx',
  status: 'imported',
  agency_code: '101',
  agency_name: 'آموزش و پرورش',
  values_read: 12,
  new_values: 3,
  changed_values: 1,
  cleared_values: 0,
  findings: [],
  warnings: [],
  refusal: null,
  ...over,
});

const evaluation = (over: Partial<EvalIntakeResult>): EvalIntakeResult => ({
  file_name: 'e.xlsx',
  status: 'imported',
  agency_code: '101',
  agency_name: 'آموزش و پرورش',
  scores_read: 6,
  new_scores: 2,
  changed_scores: 0,
  cleared_scores: 0,
  refusal: null,
  ...over,
});

describe('accountsIntakeOutcome', () => {
  it('lists refused files first, then files with findings, imported, unchanged', () => {
    const out = accountsIntakeOutcome([
      accounts({ file_name: 'same.xlsx', status: 'unchanged', new_values: 0, changed_values: 0 }),
      accounts({ file_name: 'ok.xlsx' }),
      accounts({ file_name: 'cells.xlsx', findings: [{ item_code: 'T01-R1', cell: 'C4', message: 'عدد نیست' }] }),
      accounts({ file_name: 'bad.xlsx', status: 'refused', refusal, values_read: 0, new_values: 0, changed_values: 0 }),
    ]);
    expect(out.files.map((f) => f.file_name)).toEqual(['bad.xlsx', 'cells.xlsx', 'ok.xlsx', 'same.xlsx']);
    expect(out.files[0].counts).toBeNull();
    expect(out.files[2].counts).toBe('۱۲ مقدار خوانده شد: ۳ تازه، ۱ تغییرکرده');
    expect(out.imported).toBe(true);
    expect(out.summary).toBe('۴ فایل: ۲ وارد شد، ۱ بی‌تغییر، ۱ رد شد؛ ۸ مقدار تازه یا تغییرکرده');
  });

  it('says how many values a resent workbook cleared', () => {
    const out = accountsIntakeOutcome([accounts({ cleared_values: 2 })]);
    expect(out.files[0].counts).toBe('۱۲ مقدار خوانده شد: ۳ تازه، ۱ تغییرکرده، ۲ پاک‌شده');
  });
});

describe('evalIntakeOutcome', () => {
  it('counts scores and has no findings', () => {
    const out = evalIntakeOutcome([evaluation({ status: 'refused', refusal, file_name: 'bad.xlsx' }), evaluation({})]);
    expect(out.files.map((f) => f.file_name)).toEqual(['bad.xlsx', 'e.xlsx']);
    expect(out.files[1].counts).toBe('۶ امتیاز خوانده شد: ۲ تازه، ۰ تغییرکرده');
    expect(out.files[1].findings).toEqual([]);
    expect(out.imported).toBe(true);
  });

  it('says nothing was imported when every file was refused', () => {
    expect(evalIntakeOutcome([evaluation({ status: 'refused', refusal })]).imported).toBe(false);
  });
});

describe('leadIntakeOutcome', () => {
  it('says how many lead scores became the evaluators\' and nothing when none did', () => {
    const lead = (evaluator_scores: number) => ({ ...evaluation({ agency_name: 'محیط زیست' }), evaluator_scores });
    expect(leadIntakeOutcome([lead(0)]).summary).toBe(evalIntakeOutcome([evaluation({})]).summary);
    expect(leadIntakeOutcome([lead(2), lead(1)]).summary).toMatch(/ ۳ امتیاز ارزیاب از امتیاز دستگاه سنجش ثبت شد\.$/);
  });
});
