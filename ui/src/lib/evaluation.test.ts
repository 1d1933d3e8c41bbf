import { describe, expect, it } from 'vitest';
import type { AgencyProgress } from './bindings/AgencyProgress';
import type { EvalSettings } from './bindings/EvalSettings';
import type { EvaluationOverview } from './bindings/EvaluationOverview';
import type { Objection } from './bindings/Objection';
import type { Phase } from './bindings/Phase';
import {
  basisLine,
  memberForm,
  roleLabel,
  settingsForm,
  settingsFromForm,
  compareJalali,
  currentApproval,
  currentPhaseText,
  emptyScoreForm,
  decisionFromForm,
  filterAgencies,
  formFromInput,
  formatScore,
  growthView,
  jalaliKey,
  phaseView,
  scoreInputFromForm,
  sortObjections,
  tierBars,
  tierClass,
  type ScoringRule,
} from './evaluation';

const higher: ScoringRule = { method: 'ratio', measures: [] };
const points: ScoringRule = { method: 'points', measures: [] };
const yesNo: ScoringRule = { method: 'yes_no', measures: [] };
const measures: ScoringRule = {
  method: 'measures',
  measures: [
    { code: 'M1', title: 'استعلام برخط', weight: 40 },
    { code: 'M2', title: 'گذرگاه ملی', weight: 35 },
    { code: 'M3', title: 'احراز هویت', weight: 25 },
  ],
};

describe('the score dialog form', () => {
  it('builds the input the method needs from Persian digits', () => {
    expect(scoreInputFromForm(higher, { ...emptyScoreForm(higher), value: '۵۲٫۹' })).toEqual({ ok: true, input: { type: 'actual', actual: 52.9 } });
    expect(scoreInputFromForm(points, { ...emptyScoreForm(points), value: '۱۷' })).toEqual({ ok: true, input: { type: 'points', points: 17 } });
    expect(scoreInputFromForm(yesNo, { ...emptyScoreForm(yesNo), yes: 'no' })).toEqual({ ok: true, input: { type: 'yes_no', yes: false } });
    const m = { ...emptyScoreForm(measures), measures: { M1: '۵۵', M2: '47', M3: '٧٦' } };
    expect(scoreInputFromForm(measures, m)).toEqual({
      ok: true,
      input: { type: 'measures', percents: [['M1', 55], ['M2', 47], ['M3', 76]] },
    });
  });
  it('names the field to fix', () => {
    const r = scoreInputFromForm(measures, { ...emptyScoreForm(measures), measures: { M1: '55', M2: '', M3: '1' } });
    expect(r).toMatchObject({ ok: false, field: 'M2' });
    expect(scoreInputFromForm(higher, { ...emptyScoreForm(higher), value: 'زیاد' })).toMatchObject({ ok: false, field: 'value' });
    expect(scoreInputFromForm(yesNo, emptyScoreForm(yesNo))).toMatchObject({ ok: false, field: 'yes' });
  });
  it('starts from the input as entered', () => {
    expect(formFromInput(higher, { type: 'actual', actual: 52.9 }).value).toBe('۵۲٫۹');
    expect(formFromInput(points, { type: 'points', points: 1200 }).value).toBe('۱۲۰۰');
    expect(formFromInput(yesNo, { type: 'yes_no', yes: false }).yes).toBe('no');
    const m = formFromInput(measures, { type: 'measures', percents: [['M1', 55], ['M2', 47.5], ['M3', 76]] });
    expect(m.measures).toEqual({ M1: '۵۵', M2: '۴۷٫۵', M3: '۷۶' });
    expect(formFromInput(higher, { type: 'points', points: 12 }).value).toBe('');
    expect(formFromInput(higher, null)).toEqual(emptyScoreForm(higher));
  });
});

describe('results display', () => {
  it('growth: green up, red down, flat, or a dash', () => {
    expect(growthView(2.52)).toMatchObject({ text: '▲ ۲٫۵۲', tone: 'up' });
    expect(growthView(-4.95)).toMatchObject({ text: '▼ ۴٫۹۵', tone: 'down' });
    expect(growthView(0)).toMatchObject({ text: '۰٫۰۰', tone: 'flat' });
    expect(growthView(null)).toMatchObject({ text: '—', tone: 'none' });
  });
  const tiers = [
    { name: 'عالی', min_percent: 90 },
    { name: 'خیلی خوب', min_percent: 80 },
    { name: 'خوب', min_percent: 70 },
    { name: 'متوسط', min_percent: 60 },
    { name: 'ضعیف', min_percent: 0 },
  ];
  it('tier chips are coloured by their place in the settings', () => {
    expect(tierClass('عالی', tiers)).toBe('tier-0');
    expect(tierClass('خوب', tiers)).toBe('tier-2');
    expect(tierClass('ضعیف', tiers)).toBe('tier-4');
    expect(tierClass('ناشناخته', tiers)).toBe('tier-4');
    expect(tierClass('الف', [{ name: 'الف', min_percent: 50 }, { name: 'ب', min_percent: 0 }])).toBe('tier-0');
    expect(tierClass('ب', [{ name: 'الف', min_percent: 50 }, { name: 'ب', min_percent: 0 }])).toBe('tier-4');
  });
  it('tier bars keep every tier, best first, scaled to the largest count', () => {
    const bars = tierBars(
      [
        { tier: 'خوب', count: 2 },
        { tier: 'عالی', count: 1 },
        { tier: 'متوسط', count: 4 },
      ],
      tiers,
    );
    expect(bars.map((b) => [b.tier, b.count, b.share])).toEqual([
      ['عالی', 1, 25],
      ['خیلی خوب', 0, 0],
      ['خوب', 2, 50],
      ['متوسط', 4, 100],
      ['ضعیف', 0, 0],
    ]);
    expect(tierBars([], tiers).every((b) => b.share === 0)).toBe(true);
  });
  it('formats scores with two decimals', () => {
    expect(formatScore(35.27)).toBe('۳۵٫۲۷');
    expect(formatScore(60)).toBe('۶۰٫۰۰');
    expect(formatScore(null)).toBe('—');
  });
  it('says what the results are', () => {
    const approvals = [
      { version: 1, approved_on: '۱۴۰۳/۱۰/۰۸', session: 'جلسهٔ ۴', content_hash: 'aaaaaaaaaaaaaaaaaaaa', approved_by: 'x', reopened: true, reopen_reason: 'اصلاح' },
      { version: 2, approved_on: '۱۴۰۳/۱۰/۱۲', session: 'جلسهٔ ۵', content_hash: '0123456789abcdef0123', approved_by: 'x', reopened: false, reopen_reason: null },
    ];
    expect(currentApproval(approvals)?.version).toBe(2);
    expect(basisLine('approved', null, approvals, 0)).toContain('نسخهٔ ۲');
    expect(basisLine('approved', null, approvals, 0)).toContain('0123456789ab…');
    const prelim = { published_on: '۱۴۰۳/۰۹/۱۵', window_opens: '۱۴۰۳/۰۹/۱۵', window_closes: '۱۴۰۳/۰۹/۲۱' };
    expect(basisLine('final', prelim, [], 2)).toContain('۲ اعتراض');
    expect(basisLine('preliminary', null, [], 0)).toContain('مقدماتی');
  });
});

function phase(code: string, title: string, starts: string, ends: string, flags: Partial<Phase> = {}): Phase {
  return { code, title, starts_on: starts, ends_on: ends, reopened_until: null, reopen_reason: null, open: false, current: false, past: false, reopen: { visible: false, enabled: false, blocker: null }, ...flags };
}

function agency(code: string, p: Partial<AgencyProgress> = {}): AgencyProgress {
  return {
    code, name: `دستگاه ${code}`, group: 'اجتماعی', indicators: 6, self_scored: 6, hq_confirmed: true, evaluator_scored: 6, objections: 0,
    pending_objections: 0, score: { visible: true, enabled: true, blocker: null }, ...p,
  };
}

function overview(o: Partial<EvaluationOverview> = {}): Omit<EvaluationOverview, 'actions'> {
  return {
    year: 1403, years: [1403], today: '۱۴۰۳/۰۹/۱۸',
    settings: {
      general_scale: 200, specific_scale: 200, development_share: 20, combine: 'sum', general_weight: 50, tiers: [], objection_window_days: 7,
      evidence_required: true, evaluator_waits_for_hq: true, lead_score_as_evaluator: false, departure_percent: 20, winners_per_group: 1, growth_awards: 1, council: 'شورای توسعهٔ مدیریت استان', signatories: { appointment: { name: '', title: 'رئیس' }, certificate: { name: '', title: 'رئیس' }, notification: { name: '', title: 'رئیس' } },
    },
    phases: [
      phase('circular', 'ابلاغ بخشنامه', '۱۴۰۳/۰۲/۰۱', '۱۴۰۳/۰۲/۱۰', { past: true }),
      phase('self_assessment', 'خودارزیابی دستگاه‌ها', '۱۴۰۳/۰۶/۲۰', '۱۴۰۳/۰۷/۲۰', { past: true }),
      phase('evaluation', 'امتیازدهی ارزیابان', '۱۴۰۳/۰۸/۰۶', '۱۴۰۳/۰۹/۰۸', { past: true, open: true, reopened_until: '۱۴۰۳/۰۹/۲۵', reopen_reason: 'بازدید' }),
      phase('preliminary', 'اعلام نتایج اولیه', '۱۴۰۳/۰۹/۰۹', '۱۴۰۳/۰۹/۱۵', { past: true }),
      phase('objection', 'مهلت اعتراض', '۱۴۰۳/۰۹/۱۵', '۱۴۰۳/۰۹/۲۱', { current: true, open: true }),
      phase('rescoring', 'بررسی اعتراض‌ها', '۱۴۰۳/۰۹/۲۲', '۱۴۰۳/۱۰/۰۵'),
      phase('council', 'تصویب در شورا', '۱۴۰۳/۱۰/۰۶', '۱۴۰۳/۱۰/۱۵'),
    ],
    current_phase: 'objection', has_catalog: true, general: 4, specific: 2, development: 1,
    agencies: [agency('101'), agency('102', { objections: 1, pending_objections: 1 })], teams: [], unassigned: [],
    committee: [], preliminary: { published_on: '۱۴۰۳/۰۹/۱۵', window_opens: '۱۴۰۳/۰۹/۱۵', window_closes: '۱۴۰۳/۰۹/۲۱' },
    approvals: [], locked: false, province_rank: 5, province_count: 31, leads: [], todo: [],
    ...o,
  };
}

describe('phases', () => {
  it('describes each phase for the timeline', () => {
    const o = overview();
    expect(phaseView(o.phases[0])).toEqual({ when: 'past', open: false, reopenedText: null });
    expect(phaseView(o.phases[2])).toEqual({ when: 'past', open: true, reopenedText: 'بازگشایی‌شده تا ۱۴۰۳/۰۹/۲۵' });
    expect(phaseView(o.phases[4])).toMatchObject({ when: 'current', open: true, reopenedText: null });
    expect(phaseView(o.phases[5])).toMatchObject({ when: 'upcoming' });
    expect(currentPhaseText(o)).toBe('مهلت اعتراض');
    expect(currentPhaseText({ ...o, current_phase: null })).toContain('بعدی: بررسی اعتراض‌ها');
  });
  it('orders Jalali dates in any digits', () => {
    expect(jalaliKey('۱۴۰۵/۹/۵')).toBe('1405/09/05');
    expect(jalaliKey('فردا')).toBeNull();
    expect(compareJalali('۱۴۰۳/۰۹/۱۸', '1403/10/01')).toBeLessThan(0);
    expect(compareJalali('1403/09/18', '۱۴۰۳/۰۹/۱۸')).toBe(0);
  });
});

describe('objections', () => {
  const base: Objection = {
    id: 1, agency_code: '101', agency_name: 'الف', indicator_code: 'G01', indicator_title: 't', ceiling: 60, evaluator_score: 30, claimed_score: 40, reason: 'r',
    evidence: '', filed_on: '۱۴۰۳/۰۹/۱۶', filed_by: 'x', decision: null, new_score: null, decision_reason: null, decided_by: null, decided_at: null,
  };
  it('pending ones come first, each group in filing order', () => {
    const list = [
      { ...base, id: 1, decision: 'rejected' as const },
      { ...base, id: 2 },
      { ...base, id: 3, decision: 'partly' as const },
      { ...base, id: 4 },
    ];
    expect(sortObjections(list).map((o) => o.id)).toEqual([2, 4, 1, 3]);
  });
  it('the form says only what it can tell; Rust judges the rest', () => {
    expect(decisionFromForm({ decision: 'accepted', score: '۴۵٫۵', reason: '' })).toEqual({ ok: true, decision: 'accepted', newScore: 45.5, reason: '' });
    expect(decisionFromForm({ decision: 'rejected', score: '۹۹', reason: ' هدف مصوب ملاک است ' })).toEqual({
      ok: true, decision: 'rejected', newScore: null, reason: 'هدف مصوب ملاک است',
    });
    expect(decisionFromForm({ decision: '', score: '', reason: '' })).toMatchObject({ ok: false, errors: { decision: expect.any(String) } });
    expect(decisionFromForm({ decision: 'partly', score: 'زیاد', reason: '' })).toMatchObject({ ok: false, errors: { score: expect.any(String) } });
  });
});

describe('agency search', () => {
  it('matches code, name and group in any digits and letter forms', () => {
    const list = [agency('101', { name: 'اداره کل راه و شهرسازی', group: 'زیربنایی' }), agency('104', { name: 'دانشگاه علوم پزشکی' })];
    expect(filterAgencies(list, '۱۰۴').map((a) => a.code)).toEqual(['104']);
    expect(filterAgencies(list, 'شهرسازي').map((a) => a.code)).toEqual(['101']);
    expect(filterAgencies(list, 'زیربنایی').map((a) => a.code)).toEqual(['101']);
    expect(filterAgencies(list, '  ')).toHaveLength(2);
  });
});

describe('settings form', () => {
  const settings: EvalSettings = {
    general_scale: 1000, specific_scale: 1000, development_share: 20, combine: 'sum', general_weight: 50,
    tiers: [{ name: 'عالی', min_percent: 90 }, { name: 'ضعیف', min_percent: 0 }],
    objection_window_days: 7, evidence_required: true, evaluator_waits_for_hq: false, lead_score_as_evaluator: false, departure_percent: 20, winners_per_group: 1, growth_awards: 3, council: 'شورای توسعهٔ مدیریت استان', signatories: { appointment: { name: '', title: 'رئیس' }, certificate: { name: '', title: 'رئیس' }, notification: { name: '', title: 'رئیس' } },
  };

  it('shows the numbers in Persian digits and reads them back in any digits', () => {
    const form = settingsForm(settings);
    expect(form.general_scale).toBe('۱۰۰۰');
    expect(form.tiers[0]).toEqual({ name: 'عالی', min: '۹۰' });
    form.objection_window_days = '10';
    form.development_share = '۲۲٫۵';
    const read = settingsFromForm(form);
    expect(read).toEqual({ ok: true, settings: { ...settings, objection_window_days: 10, development_share: 22.5 } });
  });

  it('names the first field that is not a number', () => {
    const form = settingsForm(settings);
    form.growth_awards = 'سه';
    expect(settingsFromForm(form)).toEqual({ ok: false, field: 'growth_awards' });
    const tiers = settingsForm(settings);
    tiers.tiers[1].min = '';
    expect(settingsFromForm(tiers)).toEqual({ ok: false, field: 'tier-1' });
  });
});

describe('committee members', () => {
  it('starts a new member in the steering committee as a member, and a correction from the member', () => {
    expect(memberForm(null)).toMatchObject({ committee: 'steering', role: 'member', name: '' });
    const m = { id: 3, committee: 'secretariat' as const, name: 'ن', position: 'پ', role: 'chair' as const, letter_date: '۱۴۰۴/۰۲/۱۵', letter_number: '12' };
    expect(memberForm(m)).toEqual({ committee: 'secretariat', name: 'ن', position: 'پ', role: 'chair', letter_date: '۱۴۰۴/۰۲/۱۵', letter_number: '12' });
    expect(roleLabel('secretary')).toBe('دبیر');
  });
});
