import { describe, expect, it } from 'vitest';
import type { AppError } from '../lib/bindings/AppError';
import type { EvaluationOverview } from '../lib/bindings/EvaluationOverview';
import type { Festival } from '../lib/bindings/Festival';
import type { Objection } from '../lib/bindings/Objection';
import type { ResultsView } from '../lib/bindings/ResultsView';
import type { ScoreRow } from '../lib/bindings/ScoreRow';
import type { StoredScore } from '../lib/bindings/StoredScore';
import { earnedScore } from '../lib/evaluation';
import { addJalaliDays, createEvaluationMock } from './mockEvaluation';

const mock = () => createEvaluationMock({ delay: 0 });

/** The AppError a command failed with. */
async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('the command did not fail');
}

describe('evaluation mock: the overview', () => {
  it('1403 is in its objection window with work left', async () => {
    const m = mock();
    const o = (await m.handle('eval_overview', { year: null })) as EvaluationOverview;
    expect(o.year).toBe(1403);
    expect(o.years).toEqual([1403, 1402]);
    expect(o.today).toBe('۱۴۰۳/۰۹/۱۸');
    expect(o.current_phase).toBe('objection');
    expect(o.phases).toHaveLength(16);
    expect(o.phases.find((p) => p.code === 'evaluation')).toMatchObject({ open: true, past: true, reopened_until: '۱۴۰۳/۰۹/۲۵' });
    expect(o.agencies).toHaveLength(5);
    expect(o.agencies.every((a) => a.indicators === 6 && a.evaluator_scored === 6)).toBe(true);
    expect(o.locked).toBe(false);
    expect(o.preliminary?.window_closes).toBe('۱۴۰۳/۰۹/۲۱');
    expect(o.todo).toContain('۲ اعتراض منتظر تصمیم است.');
    expect(o.todo).toContain('تأیید ستاد ملی ۱ دستگاه ثبت نشده است.');
  });

  it('1402 is approved and locked', async () => {
    const o = (await mock().handle('eval_overview', { year: 1402 })) as EvaluationOverview;
    expect(o.locked).toBe(true);
    expect(o.approvals).toHaveLength(1);
    expect(o.approvals[0].content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(o.province_rank).toBe(7);
  });

  it('without an evaluation year it fails with evaluation.no_year', async () => {
    const e = await failure(createEvaluationMock({ delay: 0, withYear: false }).handle('eval_overview', { year: null }));
    expect(e.code).toBe('evaluation.no_year');
    expect(e.message).toContain('هنوز آغاز نشده است');
  });
});

describe('evaluation mock: scores', () => {
  it('computes the score by the indicator method, as the lib does', async () => {
    const m = mock();
    const input = { type: 'measures' as const, percents: [['M1', 55], ['M2', 47], ['M3', 76]] as Array<[string, number]> };
    const stored = (await m.handle('eval_score', { year: 1403, agency: '103', indicator: 'G02', input, comment: 'بازبینی' })) as StoredScore;
    expect(stored.score).toBe(28.73);
    const rows = (await m.handle('eval_agency_scores', { year: 1403, agency: '103' })) as ScoreRow[];
    const g02 = rows.find((r) => r.code === 'G02') as ScoreRow;
    expect(g02.evaluator_score).toBe(28.73);
    expect(g02.evaluator_input).toBe('M1: ۵۵٫۰۰٪، M2: ۴۷٫۰۰٪، M3: ۷۶٫۰۰٪');
    expect(earnedScore(g02, input)).toEqual({ ok: true, score: 28.73 });
  });

  it('a far departure from the self score needs a comment', async () => {
    const m = mock();
    const args = { year: 1403, agency: '101', indicator: 'G03', input: { type: 'yes_no', yes: false }, comment: '' };
    const e = await failure(m.handle('eval_score', args));
    expect(e.code).toBe('evaluation.score.comment_required');
    expect(e.message).toContain('توضیح ارزیاب لازم است');
    await expect(m.handle('eval_score', { ...args, comment: 'سامانه ثبت را نشان نمی‌دهد' })).resolves.toMatchObject({ score: 0 });
  });

  it('refuses a score over the ceiling in Persian', async () => {
    const e = await failure(
      mock().handle('eval_score', { year: 1403, agency: '101', indicator: 'S101-1', input: { type: 'points', points: 161 }, comment: 'x' }),
    );
    expect(e.code).toBe('evaluation.score.invalid');
    expect(e.message).toContain('از سقف امتیاز این شاخص (۱۶۰٫۰۰) بیشتر است');
  });

  it('the headquarters confirmation waits for its phase, which can be reopened', async () => {
    const m = mock();
    const e = await failure(m.handle('eval_confirm_hq', { year: 1403, agency: '104', reference: 'نامهٔ ۱' }));
    expect(e.code).toBe('evaluation.phase_closed');
    expect(e.message).toContain('«تأیید ستاد ملی» باز نیست');
    const past = await failure(m.handle('eval_reopen_phase', { year: 1403, phase: 'hq_confirmation', reason: 'نامهٔ دیررس', until: '1403/09/01' }));
    expect(past.code).toBe('evaluation.reopen_in_the_past');
    const noReason = await failure(m.handle('eval_reopen_phase', { year: 1403, phase: 'hq_confirmation', reason: ' ', until: '1403/09/20' }));
    expect(noReason.code).toBe('evaluation.reason_required');
    await m.handle('eval_reopen_phase', { year: 1403, phase: 'hq_confirmation', reason: 'نامهٔ دیررس ستاد', until: '۱۴۰۳/۰۹/۲۰' });
    await m.handle('eval_confirm_hq', { year: 1403, agency: '104', reference: 'نامهٔ ۱' });
    const o = (await m.handle('eval_overview', { year: 1403 })) as EvaluationOverview;
    expect(o.agencies.every((a) => a.hq_confirmed)).toBe(true);
    expect(o.phases.find((p) => p.code === 'hq_confirmation')).toMatchObject({ open: true, reopen_reason: 'نامهٔ دیررس ستاد' });
  });
});

describe('evaluation mock: objections', () => {
  it('one objection per indicator: the second fails with a Persian message', async () => {
    const m = mock();
    const args = { year: 1403, agency: '104', indicator: 'G01', reason: 'خدمات تازه شمرده نشد', evidence: 'گزارش سامانه' };
    const filed = (await m.handle('eval_file_objection', args)) as Objection;
    expect(filed).toMatchObject({ agency_code: '104', indicator_code: 'G01', decision: null, filed_on: '۱۴۰۳/۰۹/۱۸', evaluator_score: 60 });
    const e = await failure(m.handle('eval_file_objection', { ...args, reason: 'دلیل دیگر' }));
    expect(e.code).toBe('evaluation.objection.duplicate');
    expect(e.message).toBe('«دانشگاه علوم پزشکی لرستان» پیش‌تر برای شاخص «G01» اعتراض ثبت کرده است؛ برای هر شاخص یک اعتراض پذیرفته می‌شود.');
  });

  it('an objection needs a reason and the published window', async () => {
    const m = mock();
    const e = await failure(m.handle('eval_file_objection', { year: 1403, agency: '104', indicator: 'G02', reason: '', evidence: '' }));
    expect(e.code).toBe('evaluation.objection.reason_required');
    const late = createEvaluationMock({ delay: 0, today: '1403/09/23' });
    const e2 = await failure(late.handle('eval_file_objection', { year: 1403, agency: '104', indicator: 'G02', reason: 'دلیل', evidence: '' }));
    expect(e2.code).toBe('evaluation.objection.outside_window');
    expect(e2.message).toContain('از ۱۴۰۳/۰۹/۱۵ تا ۱۴۰۳/۰۹/۲۱');
  });

  it('decisions are checked, and an accepted one changes the final score', async () => {
    const m = mock();
    const list = (await m.handle('eval_objections', { year: 1403 })) as Objection[];
    const pending = list.find((o) => o.agency_code === '102' && o.indicator_code === 'G03') as Objection;
    expect(pending.decision).toBeNull();
    const partly = await failure(m.handle('eval_decide', { year: 1403, id: pending.id, decision: 'partly', newScore: 0, reason: 'بخشی' }));
    expect(partly.code).toBe('evaluation.objection.partly_score');
    const over = await failure(m.handle('eval_decide', { year: 1403, id: pending.id, decision: 'accepted', newScore: 31, reason: '' }));
    expect(over.code).toBe('evaluation.objection.new_score_out_of_range');
    const rejected = await failure(m.handle('eval_decide', { year: 1403, id: pending.id, decision: 'rejected', newScore: null, reason: '' }));
    expect(rejected.code).toBe('evaluation.reason_required');
    const decided = (await m.handle('eval_decide', { year: 1403, id: pending.id, decision: 'accepted', newScore: 30, reason: '' })) as Objection;
    expect(decided).toMatchObject({ decision: 'accepted', new_score: 30 });
    const rows = (await m.handle('eval_agency_scores', { year: 1403, agency: '102' })) as ScoreRow[];
    expect(rows.find((r) => r.code === 'G03')).toMatchObject({ evaluator_score: 0, final_score: 30 });
  });
});

describe('evaluation mock: results, approval and the festival', () => {
  it('1403 shows final results with ranks, tiers and growth', async () => {
    const r = (await mock().handle('eval_results', { year: 1403 })) as ResultsView;
    expect(r.basis).toBe('final');
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(r.rows[0].agency.code).toBe('104');
    expect(r.tiers.reduce((n, t) => n + t.count, 0)).toBe(5);
    expect(r.rows.every((x) => x.growth !== null)).toBe(true);
    // The partly accepted objection of 105 counts: 118 became 130.
    const r105 = r.rows.find((x) => x.agency.code === '105');
    expect(r105?.specific).toBe(130);
    for (const row of r.rows) expect(row.total).toBeCloseTo(row.general + row.specific + row.development, 6);
  });

  it('the festival waits for the council', async () => {
    const e = await failure(mock().handle('eval_festival', { year: 1403 }));
    expect(e.code).toBe('evaluation.approval.not_yet_approved');
    const f = (await mock().handle('eval_festival', { year: 1402 })) as Festival;
    expect(f.groups.map((g) => g.group)).toEqual(['اجتماعی', 'اقتصادی', 'زیربنایی']);
    expect(f.groups.every((g) => g.winners.length === 1)).toBe(true);
    expect(f.teams).toHaveLength(2);
  });

  it('approval needs the council phase and every objection decided, then locks the year', async () => {
    const m = mock();
    expect((await failure(m.handle('eval_approve', { year: 1403, session: 'جلسهٔ ۵' }))).code).toBe('evaluation.phase_closed');
    await m.handle('eval_reopen_phase', { year: 1403, phase: 'council', reason: 'جلسهٔ فوق‌العاده', until: '1403/09/30' });
    const pending = await failure(m.handle('eval_approve', { year: 1403, session: 'جلسهٔ ۵' }));
    expect(pending.code).toBe('evaluation.approval.objections_pending');
    expect(pending.details).toHaveLength(2);
    for (const o of (await m.handle('eval_objections', { year: 1403 })) as Objection[]) {
      if (o.decision === null) await m.handle('eval_decide', { year: 1403, id: o.id, decision: 'rejected', newScore: null, reason: 'مستند کافی نیست' });
    }
    const approval = await m.handle('eval_approve', { year: 1403, session: 'جلسهٔ ۵ شورا' });
    expect(approval).toMatchObject({ version: 1, session: 'جلسهٔ ۵ شورا', reopened: false });
    const o = (await m.handle('eval_overview', { year: 1403 })) as EvaluationOverview;
    expect(o.locked).toBe(true);
    expect(((await m.handle('eval_results', { year: 1403 })) as ResultsView).basis).toBe('approved');
    const locked = await failure(m.handle('eval_score', { year: 1403, agency: '101', indicator: 'G03', input: { type: 'yes_no', yes: true }, comment: '' }));
    expect(locked.code).toBe('evaluation.year_locked');
    await expect(m.handle('eval_export', { year: 1403 })).resolves.toContain('نتایج نهایی ارزیابی ۱۴۰۳.xlsx');
    expect((await failure(m.handle('eval_reopen_approval', { year: 1403, reason: '' }))).code).toBe('evaluation.reason_required');
    await m.handle('eval_reopen_approval', { year: 1403, reason: 'اصلاح رقم یک دستگاه' });
    expect(((await m.handle('eval_overview', { year: 1403 })) as EvaluationOverview).locked).toBe(false);
  });

  it('publishing twice fails; intake reports progress and per-file results', async () => {
    const m = mock();
    expect((await failure(m.handle('eval_publish', { year: 1403 }))).code).toBe('evaluation.preliminary.already_published');
    expect((await failure(m.handle('eval_intake', { year: 1403, purpose: 'self_assessment' }))).code).toBe('evaluation.phase_closed');
    const running = m.handle('eval_intake', { year: 1403, purpose: 'evaluator' });
    const results = (await running) as Array<{ status: string; refusal: AppError | null }>;
    expect(results.map((r) => r.status)).toEqual(['imported', 'unchanged', 'refused']);
    expect(results[2].refusal?.code).toBe('evaluation.intake.wrong_purpose');
    expect(m.progress()).toBeNull();
  });

  it('adds Jalali days across months', () => {
    expect(addJalaliDays('1403/09/18', 6)).toBe('1403/09/24');
    expect(addJalaliDays('1403/06/28', 6)).toBe('1403/07/03');
    expect(addJalaliDays('1403/07/01', -1)).toBe('1403/06/31');
  });
});
