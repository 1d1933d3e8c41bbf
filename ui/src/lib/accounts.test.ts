import { describe, expect, it } from 'vitest';
import type { CheckFailure } from './bindings/CheckFailure';
import type { Dashboard } from './bindings/Dashboard';
import type { IntakeResult } from './bindings/IntakeResult';
import type { TableStatus } from './bindings/TableStatus';
import type { WarningExplanation } from './bindings/WarningExplanation';
import {
  agenciesOf,
  changePercent,
  dashboardParts,
  deadlineText,
  deadlineTone,
  earlierExplanations,
  explanationOf,
  filterFailures,
  formatChange,
  formatValue,
  groupFailures,
  intakeProgressPercent,
  intakeProgressText,
  intakeSummaryLine,
  isLargeChange,
  matchesPartFilter,
  parseJalaliInput,
  sortFailures,
  stateLabel,
  summarizeDashboard,
  summarizeIntake,
  summaryLine,
  yearChoices,
  todoHints,
  valueForEditing,
  warningOpen,
} from './accounts';

function part(over: Partial<TableStatus> = {}): TableStatus {
  return {
    table_code: 'T01', table_title: 'زراعت', state: 'checked', changed_at_jalali: '1403/08/01 10:00', changed_by: 'analyst',
    items: 10, values: 10, missing_required: 0, errors: [], warnings: [], unexplained_warnings: [],
    approve: { visible: true, enabled: true, blocker: null }, reopen: { visible: false, enabled: false, blocker: null }, ...over,
  };
}

function dashboard(over: Partial<Dashboard> = {}): Dashboard {
  return { year: 1403, deadline: null, days_left: null, last_check_jalali: '1403/08/02 09:00', unassigned_items: 0, agencies: [], ...over };
}

describe('stateLabel', () => {
  it('names every state in Persian and the missing one', () => {
    expect(stateLabel('requested')).toBe('درخواست‌شده');
    expect(stateLabel('received')).toBe('دریافت‌شده');
    expect(stateLabel('checked')).toBe('بررسی‌شده');
    expect(stateLabel('approved')).toBe('تأییدشده');
    expect(stateLabel('sent')).toBe('فرستاده‌شده');
    expect(stateLabel(null)).toBe('کارپوشه ساخته نشده');
  });
});

describe('summarizeDashboard', () => {
  it('is empty for no agencies', () => {
    const s = summarizeDashboard(dashboard({ unassigned_items: 3 }));
    expect(s.parts).toBe(0);
    expect(s.agencies).toBe(0);
    expect(s.unassigned).toBe(3);
    expect(s.byState).toEqual({ none: 0, requested: 0, received: 0, checked: 0, approved: 0, sent: 0 });
  });

  it('counts parts per state, findings and what approval would accept', () => {
    const d = dashboard({
      unassigned_items: 2,
      agencies: [
        {
          agency_code: '501', agency_name: 'جهاد کشاورزی', tables: [
            part({ errors: ['R1', 'B-REQUIRED'], warnings: ['W1'], unexplained_warnings: ['W1'], missing_required: 2, values: 8 }),
            part({ table_code: 'T02', warnings: ['W1', 'W2'], unexplained_warnings: ['W1'] }),
          ],
        },
        {
          agency_code: '201', agency_name: 'برق', tables: [
            part({ table_code: 'T03' }),
            part({ table_code: 'T04', state: 'approved' }),
            part({ table_code: 'T05', state: null, values: 0 }),
          ],
        },
        { agency_code: '202', agency_name: 'گاز', tables: [part({ table_code: 'T06', state: 'received', errors: ['R9'] })] },
      ],
    });
    const s = summarizeDashboard(d);
    expect(s.agencies).toBe(3);
    expect(s.parts).toBe(6);
    expect(s.byState).toEqual({ none: 1, requested: 0, received: 1, checked: 3, approved: 1, sent: 0 });
    expect(s.errors).toBe(3);
    expect(s.partsWithErrors).toBe(2);
    expect(s.warnings).toBe(2);
    expect(s.unexplained).toBe(1);
    expect(s.approvable).toBe(1);
    expect(s.needExplanation).toBe(1);
    expect(s.missingRequired).toBe(2);
    expect(s.items).toBe(60);
    expect(s.values).toBe(48);
    expect(s.unassigned).toBe(2);
    expect(s.checksRan).toBe(true);
  });
});

describe('summaryLine', () => {
  const base = summarizeDashboard(dashboard());
  it('lists agencies, parts per state, unassigned items and findings', () => {
    const s = {
      ...base, agencies: 29, parts: 41, unassigned: 3, errors: 7, warnings: 3, unexplained: 3,
      byState: { none: 0, requested: 20, received: 6, checked: 12, approved: 3, sent: 0 },
    };
    expect(summaryLine(s)).toBe(
      '۲۹ دستگاه متولی؛ ۴۱ سهم: ۲۰ درخواست‌شده، ۶ دریافت‌شده، ۱۲ بررسی‌شده، ۳ تأییدشده؛ ۳ قلم بی‌متولی؛ ۷ خطا و ۳ هشدار (۳ بی‌توضیح)',
    );
  });
  it('says when checks have not run, and when they found nothing', () => {
    expect(summaryLine({ ...base, checksRan: false })).toBe('۰ دستگاه متولی؛ ۰ سهم؛ بررسی‌ها هنوز اجرا نشده');
    expect(summaryLine({ ...base, agencies: 1, parts: 1, byState: { ...base.byState, none: 1 } })).toBe(
      '۱ دستگاه متولی؛ ۱ سهم: ۱ بی‌کارپوشه؛ بی‌خطا و بی‌هشدار',
    );
    expect(summaryLine({ ...base, errors: 2, warnings: 1 })).toBe('۰ دستگاه متولی؛ ۰ سهم؛ ۲ خطا و ۱ هشدار');
  });
});

describe('todoHints', () => {
  const base = summarizeDashboard(dashboard());
  it('says what is left in workflow order', () => {
    const s = {
      ...base, parts: 10, unassigned: 3, partsWithErrors: 2, unexplained: 1, approvable: 4,
      byState: { none: 1, requested: 2, received: 3, checked: 4, approved: 0, sent: 0 },
    };
    expect(todoHints(s).map((h) => h.key)).toEqual(['unassigned', 'none', 'requested', 'received', 'errors', 'unexplained', 'approvable']);
    expect(todoHints(s)[3].text).toBe('۳ سهم بررسی‌نشده');
    expect(todoHints(s)[3].help).toContain('«اجرای بررسی‌ها»');
    expect(todoHints(s)[0].text).toBe('۳ قلم بی‌متولی');
  });
  it('asks for the package once everything is approved', () => {
    const s = { ...base, parts: 2, byState: { ...base.byState, approved: 1, sent: 1 } };
    expect(todoHints(s).map((h) => [h.key, h.text])).toEqual([['package', 'همه سهم‌ها تأیید شده']]);
    expect(todoHints(s)[0].help).toContain('«بستهٔ مرکز آمار…»');
    // …but not while an item has no agency.
    expect(todoHints({ ...s, unassigned: 1 }).map((h) => h.key)).toEqual(['unassigned']);
  });
});

describe('matchesPartFilter / dashboardParts', () => {
  it('filters parts by chip', () => {
    const rows = [
      part({ table_code: 'A', errors: ['R1'] }),
      part({ table_code: 'B' }),
      part({ table_code: 'C', state: 'approved' }),
      part({ table_code: 'D', state: 'sent' }),
      part({ table_code: 'E', state: 'received' }),
    ];
    const codes = (f: Parameters<typeof matchesPartFilter>[1]) => rows.filter((r) => matchesPartFilter(r, f)).map((r) => r.table_code);
    expect(codes('all')).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(codes('errors')).toEqual(['A']);
    expect(codes('waiting')).toEqual(['B']);
    expect(codes('approved')).toEqual(['C', 'D']);
  });
  it('flattens agencies into rows that know their agency', () => {
    const rows = dashboardParts([
      { agency_code: '1', agency_name: 'الف', tables: [part({ table_code: 'T01' }), part({ table_code: 'T02' })] },
      { agency_code: '2', agency_name: 'ب', tables: [part({ table_code: 'T01' })] },
    ]);
    expect(rows.map((r) => `${r.agency_code}/${r.table_code}/${r.agency_name}`)).toEqual(['1/T01/الف', '1/T02/الف', '2/T01/ب']);
  });
});

describe('changePercent / formatChange', () => {
  it('is value / previous − 1 in percent', () => {
    expect(changePercent(125, 100)).toBeCloseTo(25);
    expect(changePercent(80, 100)).toBeCloseTo(-20);
    expect(changePercent(100, 100)).toBe(0);
  });
  it('is null without both values or with a zero previous', () => {
    expect(changePercent(null, 100)).toBeNull();
    expect(changePercent(100, null)).toBeNull();
    expect(changePercent(5, 0)).toBeNull();
  });
  it('flags changes above 25%', () => {
    expect(isLargeChange(25)).toBe(false);
    expect(isLargeChange(25.1)).toBe(true);
    expect(isLargeChange(-40)).toBe(true);
    expect(isLargeChange(null)).toBe(false);
  });
  it('formats with Persian digits and an arrow', () => {
    expect(formatChange(12.345)).toBe('▲ ۱۲٫۳٪');
    expect(formatChange(-8)).toBe('▼ ۸٪');
    expect(formatChange(0.01)).toBe('۰٪');
    expect(formatChange(null)).toBe('—');
  });
});

describe('formatValue / valueForEditing', () => {
  it('shows Persian digits with grouping, without float noise', () => {
    expect(formatValue(1234567)).toBe('۱٬۲۳۴٬۵۶۷');
    expect(formatValue(0.1 + 0.2)).toBe('۰٫۳');
    expect(formatValue(-1500.5)).toBe('−۱٬۵۰۰٫۵');
    expect(formatValue(null)).toBe('—');
  });
  it('starts the edit box without grouping', () => {
    expect(valueForEditing(1234567.25, null)).toBe('۱۲۳۴۵۶۷٫۲۵');
    expect(valueForEditing(-3, null)).toBe('−۳');
    expect(valueForEditing(null, null)).toBe('');
    expect(valueForEditing(null, 'سالنامه آماری')).toBe('سالنامه آماری');
  });
});

describe('deadlineText / deadlineTone', () => {
  it('says days left, days past, or today', () => {
    expect(deadlineText(12)).toBe('۱۲ روز مانده');
    expect(deadlineText(-3)).toBe('۳ روز گذشته');
    expect(deadlineText(0)).toBe('امروز');
    expect(deadlineText(null)).toBeNull();
  });
  it('is red when past and amber in the last week', () => {
    expect(deadlineTone(-1)).toBe('past');
    expect(deadlineTone(0)).toBe('soon');
    expect(deadlineTone(7)).toBe('soon');
    expect(deadlineTone(8)).toBe('ok');
    expect(deadlineTone(null)).toBe('none');
  });
});

describe('parseJalaliInput', () => {
  it('accepts Persian, Arabic-Indic and Latin digits and pads', () => {
    expect(parseJalaliInput('۱۴۰۳/۰۹/۳۰')).toEqual({ ok: true, date: '1403/09/30' });
    expect(parseJalaliInput(' 1403-9-3 ')).toEqual({ ok: true, date: '1403/09/03' });
    expect(parseJalaliInput('١٤٠٣/١٢/٣٠')).toEqual({ ok: true, date: '1403/12/30' });
  });
  it('explains what is wrong', () => {
    const bad = (t: string) => {
      const r = parseJalaliInput(t);
      return r.ok ? null : r.message;
    };
    expect(bad('۳۰ آذر')).toContain('سال/ماه/روز');
    expect(bad('1403/13/01')).toBe('ماه باید میان ۱ و ۱۲ باشد.');
    expect(bad('1403/07/31')).toBe('روز در ماه ۷ باید میان ۱ و ۳۰ باشد.');
    expect(bad('1403/06/31')).toBeNull();
  });
});

describe('intake', () => {
  it('reports the file being read, 1-based', () => {
    expect(intakeProgressText({ done: 2, total: 17, file: 'jahad.xlsx' })).toBe('در حال خواندن ۳ از ۱۷: jahad.xlsx');
    expect(intakeProgressText({ done: 17, total: 17, file: '' })).toBe('در حال پایان دادن…');
    expect(intakeProgressPercent({ done: 1, total: 4, file: 'a' })).toBe(25);
    expect(intakeProgressPercent({ done: 0, total: 0, file: '' })).toBe(0);
  });

  it('summarizes the results per status', () => {
    const r = (status: IntakeResult['status'], over: Partial<IntakeResult> = {}): IntakeResult => ({
      file_name: 'f.xlsx', status, agency_code: '1', agency_name: 'الف', values_read: 10, new_values: 0, changed_values: 0,
      cleared_values: 0, findings: [], warnings: [], refusal: null, ...over,
    });
    const s = summarizeIntake([
      r('imported', { new_values: 3, changed_values: 2, findings: [{ item_code: 'A', cell: 'T01!E7', message: 'x' }] }),
      r('imported'),
      r('unchanged'),
      r('refused'),
    ]);
    expect(s).toEqual({ files: 4, imported: 2, unchanged: 1, refused: 1, findings: 1, changed: 5 });
    expect(intakeSummaryLine(s)).toBe('۴ فایل: ۲ وارد شد، ۱ بی‌تغییر، ۱ رد شد');
    expect(intakeSummaryLine(summarizeIntake([r('refused')]))).toBe('۱ فایل: ۱ رد شد');
  });
});

describe('filterFailures / sortFailures', () => {
  const item = (code: string, agency: string | null) => ({ code, label: code, value: 1, cell: '', agency_code: agency, agency_name: null });
  const failures: CheckFailure[] = [
    { rule_code: 'W1', severity: 'warning', message: '', items: [item('A', '501')] },
    { rule_code: 'E1', severity: 'error', message: '', items: [item('A', '501'), item('B', '201')] },
    { rule_code: 'W2', severity: 'warning', message: '', items: [item('C', '201')] },
    { rule_code: 'B-REQUIRED', severity: 'error', message: '', items: [item('D', '201')] },
  ];
  const codes = (list: CheckFailure[]) => list.map((f) => f.rule_code);

  const said = (rule: string, agency: string | null, explained: boolean, text = 'خشک‌سالی'): WarningExplanation => ({
    rule_code: rule, agency_code: agency, agency_name: '', explained, text, written_at_jalali: '', written_by: '', outdated: explained ? '' : 'مقادیر پس از توضیح تغییر کرده است',
  });

  it('filters by severity, unexplained warnings, rules and agency', () => {
    const all = { severity: 'all' as const, rules: null, agency: null };
    expect(codes(filterFailures(failures, all, []))).toEqual(['W1', 'E1', 'W2', 'B-REQUIRED']);
    expect(codes(filterFailures(failures, { ...all, severity: 'error' }, []))).toEqual(['E1', 'B-REQUIRED']);
    // W2 has text, but it no longer stands for its values.
    const explained = [said('W1', '501', true), said('W2', '201', false)];
    expect(codes(filterFailures(failures, { ...all, severity: 'unexplained' }, explained))).toEqual(['W2']);
    expect(codes(filterFailures(failures, { ...all, agency: '201' }, []))).toEqual(['E1', 'W2', 'B-REQUIRED']);
    expect(codes(filterFailures(failures, { ...all, agency: '201', rules: ['E1', 'W1'] }, []))).toEqual(['E1']);
  });

  it('keeps a warning open until every agency it names has explained it', () => {
    const shared: CheckFailure = { rule_code: 'W3', severity: 'warning', message: '', items: [item('G', '203'), item('H', '204'), item('I', null)] };
    expect(agenciesOf(shared)).toEqual(['203', '204']);
    const one = [said('W3', '203', true)];
    expect(warningOpen(shared, one, null)).toBe(true);
    expect(warningOpen(shared, one, '203')).toBe(false);
    expect(warningOpen(shared, one, '204')).toBe(true);
    expect(warningOpen(shared, [...one, said('W3', '204', true)], null)).toBe(false);
    // Carried over without an agency: shown, explains nothing.
    expect(warningOpen(shared, [said('W3', null, false), ...one], '204')).toBe(true);
    expect(earlierExplanations([said('W3', null, false), ...one], 'W3')).toHaveLength(1);
    const nobody: CheckFailure = { rule_code: 'W4', severity: 'warning', message: '', items: [item('J', null)] };
    expect(warningOpen(nobody, [], null)).toBe(true);
    expect(explanationOf([], 'W4', '501').explained).toBe(false);
  });

  it('puts errors first and keeps the run order otherwise', () => {
    expect(codes(sortFailures(failures))).toEqual(['E1', 'B-REQUIRED', 'W1', 'W2']);
  });

  it('groups the failures of one rule, in order of first appearance', () => {
    const more: CheckFailure[] = [
      ...failures,
      { rule_code: 'B-REQUIRED', severity: 'error', message: '', items: [item('E', '501')] },
      { rule_code: 'W1', severity: 'warning', message: '', items: [item('F', '501')] },
    ];
    const groups = groupFailures(sortFailures(more));
    expect(groups.map((g) => [g.rule_code, g.failures.length])).toEqual([
      ['E1', 1],
      ['B-REQUIRED', 2],
      ['W1', 2],
      ['W2', 1],
    ]);
    expect(groups[1].failures.map((f) => f.items[0].code)).toEqual(['D', 'E']);
  });
});

describe('yearChoices', () => {
  it('offers the years of the file and the one after the newest, newest first', () => {
    expect(yearChoices([1403, 1402], 1403)).toEqual([1404, 1403, 1402]);
  });
  it('keeps the working year even when the file has nothing yet', () => {
    expect(yearChoices([], 1404)).toEqual([1405, 1404]);
  });
});
