import { describe, expect, it } from 'vitest';
import type { AgencyProgress } from './bindings/AgencyProgress';
import type { EvaluationOverview } from './bindings/EvaluationOverview';
import type { Objection } from './bindings/Objection';
import type { Phase } from './bindings/Phase';
import {
  actionStates,
  basisLine,
  checkDecision,
  compareJalali,
  currentApproval,
  currentPhaseText,
  decisionBlocker,
  departs,
  earnedScore,
  emptyScoreForm,
  filterAgencies,
  formatScore,
  formFromDescription,
  growthView,
  isLowerBetter,
  jalaliKey,
  objectionBlocker,
  phaseBlocker,
  phaseView,
  ratioFormula,
  scoreInputFromForm,
  scorePreview,
  sortObjections,
  tierBars,
  tierClass,
  todoTarget,
  type ScoringRule,
} from './evaluation';

const higher: ScoringRule = { method: 'ratio', ceiling: 60, target: 90, direction: 'بیشتر بهتر', measures: [] };
const lower: ScoringRule = { method: 'ratio', ceiling: 50, target: 7, direction: 'کمتر بهتر', measures: [] };
const points: ScoringRule = { method: 'points', ceiling: 40, target: null, direction: null, measures: [] };
const yesNo: ScoringRule = { method: 'yes_no', ceiling: 30, target: null, direction: null, measures: [] };
const measures: ScoringRule = {
  method: 'measures',
  ceiling: 50,
  target: null,
  direction: null,
  measures: [
    { code: 'M1', title: 'استعلام برخط', weight: 40 },
    { code: 'M2', title: 'گذرگاه ملی', weight: 35 },
    { code: 'M3', title: 'احراز هویت', weight: 25 },
  ],
};

describe('earnedScore: ratio', () => {
  it('higher is better: ceiling × actual / target, rounded half away from zero', () => {
    // G01 of the 1403 fixture: 60 × 52.9 / 90 = 35.2666… -> 35.27
    expect(earnedScore(higher, { type: 'actual', actual: 52.9 })).toEqual({ ok: true, score: 35.27 });
    expect(earnedScore(higher, { type: 'actual', actual: 0 })).toEqual({ ok: true, score: 0 });
  });
  it('lower is better: ceiling × target / actual', () => {
    // G19 of the 1403 fixture: 50 × 7 / 12.43 = 28.1576… -> 28.16
    expect(earnedScore(lower, { type: 'actual', actual: 12.43 })).toEqual({ ok: true, score: 28.16 });
    expect(earnedScore({ ...lower, target: 10 }, { type: 'actual', actual: 30 })).toEqual({ ok: true, score: 16.67 });
  });
  it('is capped at the ceiling either way', () => {
    expect(earnedScore(higher, { type: 'actual', actual: 90 })).toEqual({ ok: true, score: 60 });
    expect(earnedScore(higher, { type: 'actual', actual: 135 })).toEqual({ ok: true, score: 60 });
    expect(earnedScore(lower, { type: 'actual', actual: 3.5 })).toEqual({ ok: true, score: 50 });
  });
  it('an actual of zero earns the whole ceiling when lower is better', () => {
    expect(earnedScore(lower, { type: 'actual', actual: 0 })).toEqual({ ok: true, score: 50 });
  });
  it('refuses a negative actual and a ratio without a target', () => {
    expect(earnedScore(higher, { type: 'actual', actual: -1 }).ok).toBe(false);
    const noTarget = earnedScore({ ...higher, target: null }, { type: 'actual', actual: 5 });
    expect(noTarget.ok).toBe(false);
    if (!noTarget.ok) expect(noTarget.message).toContain('هدف ندارد');
  });
  it('reads the direction as the backend words it', () => {
    expect(isLowerBetter('کمتر بهتر')).toBe(true);
    expect(isLowerBetter('کمتر\u200cبهتر')).toBe(true);
    expect(isLowerBetter('بیشتر بهتر')).toBe(false);
    expect(isLowerBetter(null)).toBe(false);
  });
});

describe('earnedScore: other methods', () => {
  it('points are taken as typed, 0 to the ceiling', () => {
    expect(earnedScore(points, { type: 'points', points: 17 })).toEqual({ ok: true, score: 17 });
    expect(earnedScore(points, { type: 'points', points: 40 })).toEqual({ ok: true, score: 40 });
    const over = earnedScore(points, { type: 'points', points: 40.5 });
    expect(over).toEqual({
      ok: false,
      message: 'امتیاز ۴۰٫۵۰ از سقف امتیاز این شاخص (۴۰٫۰۰) بیشتر است؛ امتیازی از ۰ تا ۴۰٫۰۰ بنویسید.',
    });
    expect(earnedScore(points, { type: 'points', points: -1 }).ok).toBe(false);
  });
  it('yes earns the ceiling, no earns nothing', () => {
    expect(earnedScore(yesNo, { type: 'yes_no', yes: true })).toEqual({ ok: true, score: 30 });
    expect(earnedScore(yesNo, { type: 'yes_no', yes: false })).toEqual({ ok: true, score: 0 });
  });
  it('measures are weighted out of a hundred and rounded once, exactly', () => {
    // G02 of the 1403 fixture: 50 × (40×55 + 35×47 + 25×76) / 10000 = 28.725 -> 28.73 (not 28.72)
    const input = { type: 'measures' as const, percents: [['M1', 55], ['M2', 47], ['M3', 76]] as Array<[string, number]> };
    expect(earnedScore(measures, input)).toEqual({ ok: true, score: 28.73 });
    const full = { type: 'measures' as const, percents: [['M1', 100], ['M2', 100], ['M3', 100]] as Array<[string, number]> };
    expect(earnedScore(measures, full)).toEqual({ ok: true, score: 50 });
    // Only M1 at 50%: 50 × 40 × 50 / 10000 = 10
    expect(earnedScore(measures, { type: 'measures', percents: [['M1', 50]] })).toEqual({ ok: true, score: 10 });
  });
  it('refuses a percent outside 0–100 and an unknown measure', () => {
    expect(earnedScore(measures, { type: 'measures', percents: [['M1', 120]] }).ok).toBe(false);
    expect(earnedScore(measures, { type: 'measures', percents: [['M9', 10]] }).ok).toBe(false);
    expect(earnedScore(points, { type: 'measures', percents: [] }).ok).toBe(false);
  });
});

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
  it('previews the score, says nothing while empty and explains a refusal', () => {
    expect(scorePreview(higher, emptyScoreForm(higher))).toBeNull();
    expect(scorePreview(higher, { ...emptyScoreForm(higher), value: '۵۲٫۹' })).toEqual({ ok: true, score: 35.27 });
    expect(scorePreview(lower, { ...emptyScoreForm(lower), value: '۱۲٫۴۳' })).toEqual({ ok: true, score: 28.16 });
    expect(scorePreview(points, { ...emptyScoreForm(points), value: '۴۱' })?.ok).toBe(false);
    expect(scorePreview(points, { ...emptyScoreForm(points), value: 'x' })?.ok).toBe(false);
    expect(scorePreview(measures, { ...emptyScoreForm(measures), measures: { M1: '55', M2: '', M3: '' } })).toBeNull();
  });
  it('explains the ratio', () => {
    expect(ratioFormula(higher, 52.9)).toBe('۶۰ × ۵۲٫۹ ÷ ۹۰');
    expect(ratioFormula(lower, 12.43)).toBe('۵۰ × ۷ ÷ ۱۲٫۴۳');
    expect(ratioFormula(points, 3)).toBeNull();
  });
  it('starts from the current score as the backend describes it', () => {
    expect(formFromDescription(higher, 'عملکرد ۵۲٫۹۰').value).toBe('۵۲٫۹');
    expect(formFromDescription(points, 'امتیاز ۱٬۲۰۰٫۰۰').value).toBe('۱۲۰۰');
    expect(formFromDescription(yesNo, 'خیر').yes).toBe('no');
    expect(formFromDescription(measures, 'M1: ۵۵٫۰۰٪، M2: ۴۷٫۵۰٪، M3: ۷۶٫۰۰٪').measures).toEqual({ M1: '۵۵', M2: '۴۷٫۵', M3: '۷۶' });
    expect(formFromDescription(higher, 'امتیاز ۱۲').value).toBe('');
    expect(formFromDescription(higher, null)).toEqual(emptyScoreForm(higher));
  });
});

describe('departure from the self-assessment', () => {
  it('is more than the percent of the ceiling, either way', () => {
    expect(departs(30, 0, 30, 20)).toBe(true);
    expect(departs(50, 40, 50, 20)).toBe(false); // exactly 20% is allowed
    expect(departs(50, 39.99, 50, 20)).toBe(true);
    expect(departs(10, 21, 50, 20)).toBe(true);
    expect(departs(null, 5, 50, 20)).toBe(false);
    expect(departs(5, null, 50, 20)).toBe(false);
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
  return { code, title, starts_on: starts, ends_on: ends, reopened_until: null, reopen_reason: null, open: false, current: false, past: false, ...flags };
}

function agency(code: string, p: Partial<AgencyProgress> = {}): AgencyProgress {
  return {
    code, name: `دستگاه ${code}`, group: 'اجتماعی', indicators: 6, self_scored: 6, hq_confirmed: true, evaluator_scored: 6, objections: 0,
    pending_objections: 0, ...p,
  };
}

function overview(o: Partial<EvaluationOverview> = {}): EvaluationOverview {
  return {
    year: 1403, years: [1403], today: '۱۴۰۳/۰۹/۱۸',
    settings: {
      general_scale: 200, specific_scale: 200, development_share: 20, combine: 'sum', general_weight: 50, tiers: [], objection_window_days: 7,
      evidence_required: true, departure_percent: 20, winners_per_group: 1, growth_awards: 1,
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
    agencies: [agency('101'), agency('102', { objections: 1, pending_objections: 1 })],
    committee: [], preliminary: { published_on: '۱۴۰۳/۰۹/۱۵', window_opens: '۱۴۰۳/۰۹/۱۵', window_closes: '۱۴۰۳/۰۹/۲۱' },
    approvals: [], locked: false, province_rank: 5, province_count: 31, todo: [],
    ...o,
  };
}

describe('phases', () => {
  it('describes each phase for the timeline', () => {
    const o = overview();
    expect(phaseView(o.phases[0])).toEqual({ when: 'past', open: false, reopenedText: null, reopenable: true });
    expect(phaseView(o.phases[2])).toEqual({ when: 'past', open: true, reopenedText: 'بازگشایی‌شده تا ۱۴۰۳/۰۹/۲۵', reopenable: false });
    expect(phaseView(o.phases[4])).toMatchObject({ when: 'current', open: true, reopenedText: null });
    expect(phaseView(o.phases[5])).toMatchObject({ when: 'upcoming', reopenable: true });
    expect(currentPhaseText(o)).toBe('مهلت اعتراض');
    expect(currentPhaseText({ ...o, current_phase: null })).toContain('بعدی: بررسی اعتراض‌ها');
  });
  it('a change is blocked when its phase is closed or the year is locked', () => {
    const o = overview();
    expect(phaseBlocker(o, 'evaluation')).toBeNull();
    expect(phaseBlocker(o, 'self_assessment')).toContain('«خودارزیابی دستگاه‌ها» باز نیست');
    expect(phaseBlocker({ ...o, locked: true }, 'evaluation')).toContain('قفل');
  });
  it('orders Jalali dates in any digits', () => {
    expect(jalaliKey('۱۴۰۵/۹/۵')).toBe('1405/09/05');
    expect(jalaliKey('فردا')).toBeNull();
    expect(compareJalali('۱۴۰۳/۰۹/۱۸', '1403/10/01')).toBeLessThan(0);
    expect(compareJalali('1403/09/18', '۱۴۰۳/۰۹/۱۸')).toBe(0);
  });
});

describe('the action bar', () => {
  it('says why each action cannot be used now', () => {
    const s = actionStates(overview());
    // The fixture's overview lacks two of the catalog's phases: only the scores stop it.
    expect(s.catalog.blocker).toContain('۲۴ امتیاز ثبت شده');
    const circularOnly = actionStates(overview({ phases: overview().phases.filter((p) => p.code !== 'specific_approval') }));
    expect(circularOnly.catalog.blocker).toContain('۲۴ امتیاز');
    expect(s.self_workbooks.blocker).toBeNull();
    expect(s.self_intake.blocker).toContain('خودارزیابی');
    expect(s.evaluator_intake.blocker).toBeNull();
    expect(s.publish.blocker).toContain('اعلام شده است');
    expect(s.approve.blocker).toContain('۱ اعتراض');
    expect(s.reopen_approval.visible).toBe(false);
    expect(s.export.visible).toBe(false);
  });
  it('the catalog waits for one of its three phases', () => {
    const phases = [
      phase('circular', 'ابلاغ بخشنامه', '۱۴۰۳/۰۲/۰۱', '۱۴۰۳/۰۲/۱۰', { past: true }),
      phase('specific_approval', 'تصویب سهم استانی', '۱۴۰۳/۰۲/۱۱', '۱۴۰۳/۰۲/۲۴', { past: true }),
      phase('development', 'شاخص‌های توسعه‌ای', '۱۴۰۳/۰۳/۱۳', '۱۴۰۳/۰۳/۲۶', { past: true }),
    ];
    const fresh = overview({ phases, agencies: [agency('101', { self_scored: 0, evaluator_scored: 0 })] });
    expect(actionStates(fresh).catalog.blocker).toContain('«ابلاغ بخشنامه» باز نیست');
    phases[2] = { ...phases[2], open: true, reopened_until: '۱۴۰۳/۰۹/۲۰' };
    expect(actionStates(overview({ phases, agencies: [agency('101', { self_scored: 0, evaluator_scored: 0 })] })).catalog.blocker).toBeNull();
  });
  it('publishing waits for every evaluator score', () => {
    const o = overview({ preliminary: null, agencies: [agency('101', { evaluator_scored: 4 })] });
    expect(actionStates(o).publish.blocker).toContain('۲ امتیاز ارزیاب');
  });
  it('without a catalog only the catalog import is offered', () => {
    const o = overview({ has_catalog: false, agencies: [], preliminary: null });
    const s = actionStates(o);
    expect(s.self_workbooks.blocker).toContain('فهرست شاخص‌ها');
    expect(s.evaluator_intake.blocker).toContain('فهرست شاخص‌ها');
  });
  it('an approved year offers reopening and the national export, nothing else', () => {
    const approvals = [{ version: 1, approved_on: '۱۴۰۳/۱۰/۰۸', session: 'جلسه', content_hash: 'ab', approved_by: 'x', reopened: false, reopen_reason: null }];
    const s = actionStates(overview({ locked: true, approvals, agencies: [agency('101')] }));
    expect(s.reopen_approval).toEqual({ visible: true, blocker: null });
    expect(s.export).toEqual({ visible: true, blocker: null });
    expect(s.approve.blocker).toContain('تصویب شده');
    expect(s.evaluator_intake.blocker).toContain('قفل');
  });
});

describe('objections', () => {
  const base: Objection = {
    id: 1, agency_code: '101', agency_name: 'الف', indicator_code: 'G01', indicator_title: 't', ceiling: 60, evaluator_score: 30, reason: 'r',
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
  it('may be filed inside the window only', () => {
    const o = overview();
    expect(objectionBlocker(o)).toBeNull();
    const closed = { ...o, today: '۱۴۰۳/۰۹/۲۲', phases: o.phases.map((p) => ({ ...p, open: false, current: false })) };
    expect(objectionBlocker(closed)).toContain('مهلت اعتراض از ۱۴۰۳/۰۹/۱۵ تا ۱۴۰۳/۰۹/۲۱');
    expect(objectionBlocker({ ...o, preliminary: null })).toContain('اعلام نشده');
  });
  it('decisions need the objection or the re-scoring phase open', () => {
    const o = overview();
    expect(decisionBlocker(o)).toBeNull();
    const closed = { ...o, phases: o.phases.map((p) => ({ ...p, open: false })) };
    expect(decisionBlocker(closed)).toContain('بررسی اعتراض‌ها');
  });
  it('checks a decision as the backend will', () => {
    expect(checkDecision({ decision: 'accepted', score: '۴۵٫۵', reason: '' }, 60, 30)).toEqual({ ok: true, decision: 'accepted', newScore: 45.5, reason: '' });
    expect(checkDecision({ decision: 'rejected', score: '۹۹', reason: ' هدف مصوب ملاک است ' }, 60, 30)).toEqual({
      ok: true, decision: 'rejected', newScore: null, reason: 'هدف مصوب ملاک است',
    });
    expect(checkDecision({ decision: '', score: '', reason: '' }, 60, 30)).toMatchObject({ ok: false, errors: { decision: expect.any(String) } });
    expect(checkDecision({ decision: 'accepted', score: '', reason: '' }, 60, 30)).toMatchObject({ ok: false, errors: { score: expect.stringContaining('۶۰٫۰۰') } });
    expect(checkDecision({ decision: 'accepted', score: '۶۱', reason: '' }, 60, 30)).toMatchObject({ ok: false, errors: { score: expect.any(String) } });
    expect(checkDecision({ decision: 'partly', score: '۲۰', reason: 'بخشی' }, 60, 30)).toMatchObject({
      ok: false, errors: { score: expect.stringContaining('۳۰٫۰۰') },
    });
    expect(checkDecision({ decision: 'rejected', score: '', reason: '' }, 60, 30)).toMatchObject({ ok: false, errors: { reason: expect.any(String) } });
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

describe('todo lines', () => {
  it('point to the tab where the work is', () => {
    expect(todoTarget('۲ اعتراض منتظر تصمیم است.')).toBe('objections');
    expect(todoTarget('تأیید ستاد ملی ۱ دستگاه ثبت نشده است.')).toBe('agencies');
    expect(todoTarget('۳ امتیاز ارزیاب مانده است.')).toBe('agencies');
    expect(todoTarget('نتایج نهایی آمادهٔ تصویب در شورای توسعهٔ مدیریت است.')).toBe('results');
    expect(todoTarget('همهٔ شاخص‌ها امتیاز دارند؛ نتایج اولیه را اعلام کنید.')).toBe('results');
    expect(todoTarget('فهرست شاخص‌های سال را وارد کنید.')).toBeNull();
  });
});
