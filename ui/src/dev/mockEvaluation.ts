// Performance evaluation for the browser preview (`VITE_DAFTAR_MOCK=1 npm run dev`) and the
// vitest tests: five agencies of the mock directory, six indicators each (every scoring method),
// 1403 in its objection window (two objections pending, one partly accepted, one rejected) and
// 1402 approved and locked. The rules are the backend's (phases, locks, one objection per
// indicator, decisions, approval), with its Persian messages. Never part of a normal build.
// URL switch: `?eval=0` starts with no evaluation year (eval_overview fails with evaluation.no_year).
import type { AgencyProgress } from '../lib/bindings/AgencyProgress';
import type { AgencyRef } from '../lib/bindings/AgencyRef';
import type { AgencyResult } from '../lib/bindings/AgencyResult';
import type { AppError } from '../lib/bindings/AppError';
import type { Approval } from '../lib/bindings/Approval';
import type { CatalogImportReport } from '../lib/bindings/CatalogImportReport';
import type { Decision } from '../lib/bindings/Decision';
import type { EvalIntakeResult } from '../lib/bindings/EvalIntakeResult';
import type { EvalSettings } from '../lib/bindings/EvalSettings';
import type { EvalWorkbook } from '../lib/bindings/EvalWorkbook';
import type { EvaluationOverview } from '../lib/bindings/EvaluationOverview';
import type { Festival } from '../lib/bindings/Festival';
import type { IndicatorKind } from '../lib/bindings/IndicatorKind';
import type { IntakeProgress } from '../lib/bindings/IntakeProgress';
import type { Measure } from '../lib/bindings/Measure';
import type { Member } from '../lib/bindings/Member';
import type { Method } from '../lib/bindings/Method';
import type { Nomination } from '../lib/bindings/Nomination';
import type { Objection } from '../lib/bindings/Objection';
import type { Phase } from '../lib/bindings/Phase';
import type { Preliminary } from '../lib/bindings/Preliminary';
import type { Purpose } from '../lib/bindings/Purpose';
import type { ResultsView } from '../lib/bindings/ResultsView';
import type { ScoreInput } from '../lib/bindings/ScoreInput';
import type { ScoreRow } from '../lib/bindings/ScoreRow';
import type { StoredScore } from '../lib/bindings/StoredScore';
import { earnedScore, jalaliKey } from '../lib/evaluation';
import { formatDecimal, formatNumber, roundHalfAwayFromZero, toPersianDigits } from '../lib/fa';

/** The day the phases are judged by (DAFTAR_TODAY of the backend). */
export const MOCK_TODAY = '1403/09/18';
const WORKING_YEAR = 1403;
const EVALUATOR = 'علیرضا بیرانوند';
const FOLDER = '/home/user/Documents/ارزیابی عملکرد';

const PHASES: Array<[string, string, string, string]> = [
  ['circular', 'ابلاغ بخشنامه و شاخص‌های عمومی', '02/01', '02/10'],
  ['specific_approval', 'تصویب سهم استانی شاخص‌های اختصاصی', '02/11', '02/24'],
  ['schedule', 'زمان‌بندی مراحل', '02/25', '02/29'],
  ['briefing', 'توجیه مدیران و کارشناسان', '02/30', '03/05'],
  ['committees', 'تشکیل دبیرخانه و کمیتهٔ راهبری', '03/06', '03/12'],
  ['development', 'تعیین و ابلاغ شاخص‌های توسعه‌ای', '03/13', '03/26'],
  ['self_assessment', 'خودارزیابی دستگاه‌ها', '06/20', '07/20'],
  ['hq_confirmation', 'تأیید ستاد ملی', '07/21', '08/05'],
  ['evaluation', 'امتیازدهی ارزیابان', '08/06', '09/08'],
  ['preliminary', 'اعلام نتایج اولیه', '09/09', '09/15'],
  ['objection', 'مهلت اعتراض', '09/15', '09/21'],
  ['rescoring', 'بررسی اعتراض‌ها و امتیازدهی دوباره', '09/22', '10/05'],
  ['council', 'تصویب در شورای توسعهٔ مدیریت', '10/06', '10/15'],
  ['national', 'سطح‌بندی ملی', '10/16', '11/15'],
  ['festival', 'جشنوارهٔ شهید رجایی', '11/16', '11/29'],
  ['publication', 'انتشار کتابچهٔ نتایج', '11/30', '12/20'],
];

const AGENCIES: AgencyRef[] = [
  { code: '101', name: 'اداره کل راه و شهرسازی استان لرستان', short_name: 'راه و شهرسازی', group: 'زیربنایی' },
  { code: '102', name: 'شرکت آب منطقه‌ای لرستان', short_name: 'آب منطقه‌ای', group: 'زیربنایی' },
  { code: '103', name: 'اداره کل آموزش و پرورش استان لرستان', short_name: 'آموزش و پرورش', group: 'اجتماعی' },
  { code: '104', name: 'دانشگاه علوم پزشکی لرستان', short_name: 'علوم پزشکی', group: 'اجتماعی' },
  { code: '105', name: 'اداره کل جهاد کشاورزی استان لرستان', short_name: 'جهاد کشاورزی', group: 'اقتصادی' },
];

const AXES: Array<[string, string]> = [
  ['A1', 'دولت الکترونیک و هوشمندسازی'],
  ['A2', 'مدیریت سرمایه انسانی'],
  ['A3', 'اصلاح ساختار و فرایندها'],
];

type Indicator = {
  code: string;
  kind: IndicatorKind;
  axis: string | null;
  title: string;
  ceiling: number;
  unit: string;
  method: Method;
  direction: string | null;
  target: number | null;
  measures: Measure[];
  agencies: string[];
};

const ALL = AGENCIES.map((a) => a.code);
const SPECIFIC_TITLES: Record<string, string> = {
  '101': 'پیشرفت فیزیکی طرح‌های بهسازی راه‌های روستایی',
  '102': 'کاهش هدررفت آب در شبکه‌های انتقال و آبیاری',
  '103': 'پوشش تحصیلی دانش‌آموزان دورهٔ متوسطهٔ دوم',
  '104': 'کاهش زمان انتظار بیماران در اورژانس بیمارستان‌ها',
  '105': 'توسعهٔ آبیاری نوین و افزایش بهره‌وری آب کشاورزی',
};

const CATALOG: Indicator[] = [
  {
    code: 'G01', kind: 'general', axis: 'A1', title: 'سهم خدمات الکترونیکی‌شده دستگاه در پنجره واحد خدمات دولت هوشمند', ceiling: 60,
    unit: 'درصد', method: 'ratio', direction: 'بیشتر بهتر', target: 90, measures: [], agencies: ALL,
  },
  {
    code: 'G02', kind: 'general', axis: 'A1', title: 'اتصال سامانه‌های دستگاه به گذرگاه ملی تبادل داده و حذف استعلام کاغذی', ceiling: 50,
    unit: 'امتیاز', method: 'measures', direction: null, target: null, agencies: ALL,
    measures: [
      { code: 'M1', title: 'جایگزینی استعلام‌های کاغذی با استعلام برخط', weight: 40 },
      { code: 'M2', title: 'اتصال سامانه‌های دستگاه به گذرگاه ملی تبادل داده', weight: 35 },
      { code: 'M3', title: 'احراز هویت یکپارچه کاربران در درگاه خدمات', weight: 25 },
    ],
  },
  {
    code: 'G03', kind: 'general', axis: 'A2', title: 'ارزیابی عملکرد کارکنان و ثبت نتایج در سامانه کارمند ایران', ceiling: 30,
    unit: 'بله/خیر', method: 'yes_no', direction: null, target: null, measures: [], agencies: ALL,
  },
  {
    code: 'G04', kind: 'general', axis: 'A3', title: 'میانگین زمان انجام خدمات پرتکرار', ceiling: 60, unit: 'روز', method: 'ratio',
    direction: 'کمتر بهتر', target: 5, measures: [], agencies: ALL,
  },
  ...AGENCIES.map(
    (a): Indicator => ({
      code: `S${a.code}-1`, kind: 'specific', axis: null, title: SPECIFIC_TITLES[a.code], ceiling: 160, unit: 'امتیاز', method: 'points',
      direction: null, target: null, measures: [], agencies: [a.code],
    }),
  ),
  {
    code: 'D01', kind: 'development', axis: null, title: 'سهم دستگاه در تحقق تعهدات اشتغال استان', ceiling: 40, unit: 'درصد', method: 'ratio',
    direction: 'بیشتر بهتر', target: 100, measures: [], agencies: ALL,
  },
];

const SETTINGS: EvalSettings = {
  general_scale: 200, specific_scale: 200, development_share: 20, combine: 'sum', general_weight: 50,
  tiers: [
    { name: 'عالی', min_percent: 90 },
    { name: 'خیلی خوب', min_percent: 80 },
    { name: 'خوب', min_percent: 70 },
    { name: 'متوسط', min_percent: 60 },
    { name: 'ضعیف', min_percent: 0 },
  ],
  objection_window_days: 7, evidence_required: true, departure_percent: 20, winners_per_group: 1, growth_awards: 1,
};

const act = (actual: number): ScoreInput => ({ type: 'actual', actual });
const pts = (points: number): ScoreInput => ({ type: 'points', points });
const yn = (yes: boolean): ScoreInput => ({ type: 'yes_no', yes });
const ms = (...p: number[]): ScoreInput => ({ type: 'measures', percents: p.map((x, i): [string, number] => [`M${i + 1}`, x]) });

/** [agency, indicator, self, evaluator, evaluator's comment] of 1403. */
const SCORES_1403: Array<[string, string, ScoreInput, ScoreInput, string]> = [
  ['101', 'G01', act(72), act(66), ''],
  ['101', 'G02', ms(80, 60, 70), ms(70, 55, 70), ''],
  ['101', 'G03', yn(true), yn(true), ''],
  ['101', 'G04', act(6.2), act(7.5), 'میانگین از گزارش سامانهٔ ثبت خدمات محاسبه شد، نه از گزارش دستگاه.'],
  ['101', 'S101-1', pts(140), pts(118), ''],
  ['101', 'D01', act(85), act(80), ''],
  ['102', 'G01', act(81), act(78), ''],
  ['102', 'G02', ms(90, 85, 70), ms(90, 80, 70), ''],
  ['102', 'G03', yn(true), yn(false), 'گزارش سامانهٔ کارمند ایران ثبت نتایج ارزیابی کارکنان را نشان نمی‌دهد.'],
  ['102', 'G04', act(4.1), act(4.8), ''],
  ['102', 'S102-1', pts(150), pts(112), 'بخشی از کاهش هدررفت به طرح‌های سال پیش برمی‌گردد و در این سال حساب نشد.'],
  ['102', 'D01', act(92), act(90), ''],
  ['103', 'G01', act(88), act(88), ''],
  ['103', 'G02', ms(100, 90, 80), ms(100, 90, 80), ''],
  ['103', 'G03', yn(true), yn(true), ''],
  ['103', 'G04', act(5), act(5.6), ''],
  ['103', 'S103-1', pts(150), pts(146), ''],
  ['103', 'D01', act(100), act(96), ''],
  ['104', 'G01', act(95), act(92), ''],
  ['104', 'G02', ms(100, 100, 90), ms(100, 95, 90), ''],
  ['104', 'G03', yn(true), yn(true), ''],
  ['104', 'G04', act(3.2), act(3.9), ''],
  ['104', 'S104-1', pts(155), pts(150), ''],
  ['104', 'D01', act(100), act(100), ''],
  ['105', 'G01', act(60), act(51), ''],
  ['105', 'G02', ms(60, 50, 40), ms(50, 45, 40), ''],
  ['105', 'G03', yn(false), yn(false), ''],
  ['105', 'G04', act(8), act(9.1), ''],
  ['105', 'S105-1', pts(150), pts(118), 'سطح آبیاری نوین اجراشده با صورت‌وضعیت‌های پیمانکاران تطبیق داده شد.'],
  ['105', 'D01', act(75), act(70), ''],
];

/** 1402's scores: 1403's evaluator scores scaled per agency, typed as points. */
const SCALE_1402: Record<string, number> = { '101': 0.96, '102': 1.03, '103': 0.97, '104': 0.91, '105': 0.98 };

type ObjectionRow = {
  id: number;
  agency: string;
  indicator: string;
  reason: string;
  evidence: string;
  filed_on: string;
  filed_by: string;
  decision: Decision | null;
  new_score: number | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
};

type ApprovalRow = Omit<Approval, 'content_hash'> & { hash: string; results: AgencyResult[] };

type PhaseRow = { code: string; title: string; starts: string; ends: string; reopened_until: string | null; reopen_reason: string | null };

type YearState = {
  year: number;
  phases: PhaseRow[];
  self: Map<string, StoredScore>;
  evaluator: Map<string, StoredScore>;
  hq: Map<string, { on: string; reference: string }>;
  objections: ObjectionRow[];
  preliminary: { published_on: string; window_opens: string; window_closes: string } | null;
  approvals: ApprovalRow[];
  nominations: Nomination[];
  committee: Member[];
  province_rank: number | null;
  province_count: number | null;
  /** Last year's percent by agency (growth). */
  previous: Map<string, number>;
};

const keyOf = (agency: string, indicator: string) => `${agency}/${indicator}`;
const fa = (s: string | number) => toPersianDigits(String(s));
const f2 = (n: number) => formatDecimal(n, 2);
const r2 = (n: number) => roundHalfAwayFromZero(n, 2);

function fail(code: string, message: string, details: string[] = []): never {
  const e: AppError = { code, message, details };
  throw e;
}

/** How the backend describes an input («عملکرد ۵۲٫۹۰», «بله», «M1: ۸۰٫۰۰٪، …»). */
function describe(input: ScoreInput): string {
  switch (input.type) {
    case 'actual':
      return `عملکرد ${f2(input.actual)}`;
    case 'points':
      return `امتیاز ${f2(input.points)}`;
    case 'yes_no':
      return input.yes ? 'بله' : 'خیر';
    case 'measures':
      return input.percents.map(([c, p]) => `${c}: ${f2(p)}٪`).join('، ');
  }
}

/** A stand-in for SHA-256: 64 hex digits that change with the content. */
function fakeHash(text: string): string {
  let out = '';
  for (let seed = 0; seed < 8; seed++) {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

function agencyRef(code: string): AgencyRef | null {
  return AGENCIES.find((a) => a.code === code) ?? null;
}

function indicatorsOf(agency: string): Indicator[] {
  return CATALOG.filter((i) => i.agencies.includes(agency));
}

function storedScore(indicator: Indicator, input: ScoreInput, by: string, at: string, comment = '', evidence = ''): StoredScore {
  const earned = earnedScore(indicator, input);
  if (!earned.ok) throw new Error(`mock seed: ${earned.message}`);
  return { input, score: earned.score, evidence, comment, cell: '', entered_at: at, entered_by: by };
}

/** Days of a Jalali month (Esfand taken as 29 days; the preview never reaches it). */
const monthDays = (m: number) => (m <= 6 ? 31 : m <= 11 ? 30 : 29);

/** «1403/09/18» + n days. */
export function addJalaliDays(date: string, n: number): string {
  let [y, m, d] = date.split('/').map(Number);
  d += n;
  while (d > monthDays(m)) {
    d -= monthDays(m);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  while (d < 1) {
    m--;
    if (m < 1) [y, m] = [y - 1, 12];
    d += monthDays(m);
  }
  return `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`;
}

function phasesOf(year: number): PhaseRow[] {
  return PHASES.map(([code, title, s, e]) => ({ code, title, starts: `${year}/${s}`, ends: `${year}/${e}`, reopened_until: null, reopen_reason: null }));
}

// ---------- Results, as the backend computes them ----------

function tierOf(percent: number): string {
  return SETTINGS.tiers.find((t) => percent >= t.min_percent)?.name ?? SETTINGS.tiers[SETTINGS.tiers.length - 1].name;
}

/** Final scores: the evaluator's, unless an accepted or partly accepted objection gave a new one. */
function scoresOf(state: YearState, basis: 'preliminary' | 'final'): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, s] of state.evaluator) out.set(key, s.score);
  if (basis === 'final') {
    for (const o of state.objections) {
      if ((o.decision === 'accepted' || o.decision === 'partly') && o.new_score !== null) out.set(keyOf(o.agency, o.indicator), o.new_score);
    }
  }
  return out;
}

function computeResults(state: YearState, basis: 'preliminary' | 'final'): AgencyResult[] {
  const scores = scoresOf(state, basis);
  const max = SETTINGS.general_scale + SETTINGS.specific_scale;
  const rows: AgencyResult[] = AGENCIES.map((agency) => {
    let [general, specific, development, unscored] = [0, 0, 0, 0];
    const axes = [
      ...AXES.map(([axis, title]) => ({ axis, title, score: 0, ceiling: 0 })),
      { axis: 'specific', title: 'اختصاصی', score: 0, ceiling: 0 },
      { axis: 'development', title: 'توسعه‌ای', score: 0, ceiling: 0 },
    ];
    for (const ind of indicatorsOf(agency.code)) {
      const s = scores.get(keyOf(agency.code, ind.code));
      if (s === undefined) unscored++;
      const score = s ?? 0;
      if (ind.kind === 'general') general += score;
      else if (ind.kind === 'specific') specific += score;
      else development += score;
      const axis = axes.find((a) => a.axis === (ind.kind === 'general' ? ind.axis : ind.kind));
      if (axis) {
        axis.score = r2(axis.score + score);
        axis.ceiling += ind.ceiling;
      }
    }
    [general, specific, development] = [r2(general), r2(specific), r2(development)];
    const total = r2(general + specific + development);
    const percent = r2((total / max) * 100);
    const previous = state.previous.get(agency.code) ?? null;
    return {
      agency: { ...agency }, general, specific, development, total, percent, tier: tierOf(percent), rank: 0, group_rank: 0,
      previous_percent: previous, growth: previous === null ? null : r2(percent - previous), unscored, by_axis: axes,
    };
  });
  const order = (a: AgencyResult, b: AgencyResult) =>
    b.total - a.total || b.general - a.general || b.specific + b.development - (a.specific + a.development);
  rows.sort(order);
  rows.forEach((r, i) => (r.rank = i > 0 && order(rows[i - 1], r) === 0 ? rows[i - 1].rank : i + 1));
  for (const group of new Set(rows.map((r) => r.agency.group))) {
    const members = rows.filter((r) => r.agency.group === group);
    members.forEach((r, i) => (r.group_rank = i > 0 && order(members[i - 1], r) === 0 ? members[i - 1].group_rank : i + 1));
  }
  return rows;
}

function tierCounts(rows: AgencyResult[]) {
  return SETTINGS.tiers.map((t) => ({ tier: t.name, count: rows.filter((r) => r.tier === t.name).length }));
}

// ---------- The two years ----------

function committee(year: number): Member[] {
  const m = (id: number, committee: Member['committee'], name: string, position: string, role: Member['role'], date: string, no: string): Member => ({
    id, committee, name, position, role, letter_date: fa(`${year}/${date}`), letter_number: fa(`${year}/${no}`),
  });
  return [
    m(1, 'secretariat', 'محمدرضا کرمی', 'معاون توسعه مدیریت و سرمایه انسانی', 'chair', '02/15', '12345'),
    m(2, 'secretariat', 'مریم سپهوند', 'رئیس گروه ارزیابی عملکرد و تحول اداری', 'secretary', '02/15', '12345'),
    m(3, 'steering', 'بهرام دلفانی', 'رئیس سازمان مدیریت و برنامه‌ریزی استان', 'chair', '02/22', '13610'),
  ];
}

function year1403(previous: Map<string, number>): YearState {
  const state: YearState = {
    year: 1403, phases: phasesOf(1403), self: new Map(), evaluator: new Map(), hq: new Map(), objections: [],
    preliminary: { published_on: '1403/09/15', window_opens: '1403/09/15', window_closes: '1403/09/21' }, approvals: [],
    nominations: [
      { id: 11, team: 'تیم نوبت‌دهی یکپارچه', agency_code: '104', agency_name: AGENCIES[3].name, project: 'نوبت‌دهی یکپارچهٔ درمانگاه‌های تخصصی', summary: 'سامانهٔ واحد نوبت‌دهی صف حضوری را حذف کرد.', selected: true },
      { id: 12, team: 'تیم آبیاری نوین', agency_code: '105', agency_name: AGENCIES[4].name, project: 'آبیاری قطره‌ای باغ‌های کوهدشت', summary: 'مصرف آب باغ‌ها یک‌سوم کم شد.', selected: false },
    ],
    committee: committee(1403), province_rank: null, province_count: null, previous,
  };
  // The evaluation phase was reopened after field visits.
  const evaluation = state.phases.find((p) => p.code === 'evaluation');
  if (evaluation) Object.assign(evaluation, { reopened_until: '1403/09/25', reopen_reason: 'اصلاح امتیاز ارزیابان پس از بازدید میدانی از دستگاه‌ها' });
  SCORES_1403.forEach(([agency, code, own, theirs, comment], i) => {
    const ind = CATALOG.find((x) => x.code === code) as Indicator;
    const evidence = `${ind.kind === 'general' ? 'گزارش سامانهٔ ملی' : 'گزارش عملکرد دستگاه'}، نامهٔ شمارهٔ ${fa(`${700 + i * 13}/${agency.slice(1)}`)}`;
    const by = AGENCIES.find((a) => a.code === agency)?.short_name ?? agency;
    state.self.set(keyOf(agency, code), storedScore(ind, own, by, '2024-10-05T08:30:00Z', '', evidence));
    state.evaluator.set(keyOf(agency, code), storedScore(ind, theirs, EVALUATOR, '2024-11-20T10:15:00Z', comment));
  });
  for (const code of ['101', '102', '103', '105']) state.hq.set(code, { on: '1403/07/28', reference: `نامهٔ ستاد ملی شمارهٔ ${fa(`${code}/۷۲۸`)}` });
  const o = (id: number, agency: string, indicator: string, reason: string, evidence: string, filed: string, extra: Partial<ObjectionRow> = {}): ObjectionRow => ({
    id, agency, indicator, reason, evidence, filed_on: filed, filed_by: 'کارشناس ارزیابی', decision: null, new_score: null, decision_reason: null,
    decided_by: null, decided_at: null, ...extra,
  });
  state.objections = [
    o(1, '105', 'S105-1', 'سطح آبیاری نوین سه شهرستان در گزارش استانی دیده نشده بود.', 'نامهٔ شمارهٔ ۳۵۷۶/۲۰ همراه با صورت‌وضعیت‌ها', '1403/09/15', {
      decision: 'partly', new_score: 130, decision_reason: 'صورت‌وضعیت‌های دو شهرستان پذیرفته شد؛ سومی امضای ناظر نداشت.', decided_by: EVALUATOR,
      decided_at: '۱۴۰۳/۰۹/۱۷ ۱۱:۴۰',
    }),
    o(2, '103', 'G04', 'زمان انجام خدمات در سامانه با تعطیلات رسمی حساب شده است.', 'گزارش سامانهٔ ثبت خدمات', '1403/09/16', {
      decision: 'rejected', decision_reason: 'روش محاسبه در بخشنامه آمده و برای همهٔ دستگاه‌ها یکسان است.', decided_by: EVALUATOR, decided_at: '۱۴۰۳/۰۹/۱۷ ۱۲:۰۵',
    }),
    o(3, '102', 'G03', 'نتایج ارزیابی کارکنان ثبت شده، ولی گزارش پیش از ثبت نهایی گرفته شده است.', 'نامهٔ شمارهٔ ۶۰۶۵/۸۸ و گزارش سامانهٔ کارمند ایران', '1403/09/16'),
    o(4, '101', 'S101-1', 'پیشرفت فیزیکی دو محور روستایی پس از بازدید ثبت نشده است.', 'صورت‌جلسهٔ بازدید ۱۴۰۳/۰۹/۰۲', '1403/09/17'),
  ];
  return state;
}

function year1402(): YearState {
  const state: YearState = {
    year: 1402, phases: phasesOf(1402), self: new Map(), evaluator: new Map(), hq: new Map(), objections: [],
    preliminary: { published_on: '1402/09/15', window_opens: '1402/09/15', window_closes: '1402/09/21' }, approvals: [],
    nominations: [
      { id: 1, team: 'تیم سند تک‌برگ', agency_code: '101', agency_name: AGENCIES[0].name, project: 'صدور سند تک‌برگ اراضی روستایی', summary: 'زمان صدور سند از چهار ماه به شش هفته رسید.', selected: true },
      { id: 2, team: 'تیم مدارس عشایری', agency_code: '103', agency_name: AGENCIES[2].name, project: 'آموزش ترکیبی در مدارس عشایری کوچ‌رو', summary: 'بستهٔ آموزشی آفلاین و معلم سیار در فصل کوچ.', selected: true },
    ],
    committee: committee(1402), province_rank: 7, province_count: 31, previous: new Map(),
  };
  for (const [agency, code, , theirs] of SCORES_1403) {
    const ind = CATALOG.find((i) => i.code === code) as Indicator;
    const base = storedScore(ind, theirs, EVALUATOR, '2023-11-20T10:15:00Z').score;
    const score = Math.min(ind.ceiling, r2(base * SCALE_1402[agency]));
    state.evaluator.set(keyOf(agency, code), storedScore(ind, pts(score), EVALUATOR, '2023-11-20T10:15:00Z'));
    state.self.set(keyOf(agency, code), storedScore(ind, pts(Math.min(ind.ceiling, r2(score * 1.05))), 'دستگاه', '2023-10-05T08:30:00Z'));
    state.hq.set(agency, { on: '1402/07/28', reference: 'نامهٔ ستاد ملی' });
  }
  state.objections = [
    {
      id: 1, agency: '102', indicator: 'G01', reason: 'خدمات استعلام چاه در پنجرهٔ واحد شمرده نشده بود.', evidence: 'گزارش پنجرهٔ واحد خدمات',
      filed_on: '1402/09/17', filed_by: 'کارشناس ارزیابی', decision: 'rejected', new_score: null,
      decision_reason: 'این خدمات پس از پایان سال ارزیابی در پنجرهٔ واحد ثبت شده است.', decided_by: EVALUATOR, decided_at: '۱۴۰۲/۰۹/۲۵ ۰۹:۱۰',
    },
  ];
  const results = computeResults(state, 'final');
  state.approvals = [
    {
      version: 1, approved_on: '1402/10/10', session: 'جلسهٔ ششم شورای توسعهٔ مدیریت استان', results, hash: fakeHash(JSON.stringify(results)),
      approved_by: 'مریم سپهوند', reopened: false, reopen_reason: null,
    },
  ];
  return state;
}

// ---------- The mock ----------

export type EvaluationMockOptions = {
  /** Milliseconds each command waits, as if the disk were slow (0 in tests). */
  delay?: number;
  /** false: no year has an evaluation yet. */
  withYear?: boolean;
  /** The day the phases are judged by; MOCK_TODAY by default. */
  today?: string;
};

export function createEvaluationMock(options: EvaluationMockOptions = {}) {
  const delay = options.delay ?? 300;
  const today = options.today ?? MOCK_TODAY;
  const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
  const years = new Map<number, YearState>();
  if (options.withYear !== false) {
    const y1402 = year1402();
    years.set(1402, y1402);
    const approved = y1402.approvals[y1402.approvals.length - 1].results;
    years.set(1403, year1403(new Map(approved.map((r) => [r.agency.code, r.percent]))));
  }
  let progress: IntakeProgress | null = null;
  let nextObjection = 100;

  const stamp = () => {
    const d = new Date();
    return fa(`${today} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`);
  };

  function stateOf(year: unknown): YearState {
    const y = year === null || year === undefined ? Math.max(...years.keys()) : Number(year);
    const s = years.get(y);
    if (!s) {
      fail('evaluation.no_year', `ارزیابی سال ${fa(Number.isFinite(y) ? y : WORKING_YEAR)} هنوز آغاز نشده است؛ نخست سال را بسازید (daftar eval init).`);
    }
    return s;
  }

  const locked = (s: YearState) => s.approvals.some((a) => !a.reopened);
  const ensureNotLocked = (s: YearState) => {
    if (locked(s)) {
      fail('evaluation.year_locked', 'نتایج ارزیابی این سال در شورای توسعهٔ مدیریت تصویب شده و قفل است؛ برای هر تغییری نخست تصویب را با ذکر دلیل بازگشایی کنید.');
    }
  };

  function phases(s: YearState): Phase[] {
    const t = jalaliKey(today) ?? today;
    return s.phases.map((p) => {
      const current = p.starts <= t && t <= p.ends;
      const reopened = p.reopened_until !== null && t <= p.reopened_until;
      return {
        code: p.code, title: p.title, starts_on: fa(p.starts), ends_on: fa(p.ends), reopened_until: p.reopened_until ? fa(p.reopened_until) : null,
        reopen_reason: p.reopen_reason, open: current || reopened, current, past: p.ends < t,
      };
    });
  }

  function ensureOpen(s: YearState, code: string) {
    const p = phases(s).find((x) => x.code === code);
    if (!p || p.open) return;
    fail(
      'evaluation.phase_closed',
      `مرحلهٔ «${p.title}» باز نیست (از ${p.starts_on} تا ${p.ends_on}؛ امروز ${fa(today)})؛ اگر باید بیرون از این بازه تغییری داده شود، مرحله را با ذکر دلیل بازگشایی کنید.`,
    );
  }

  const isOpen = (s: YearState, code: string) => phases(s).find((p) => p.code === code)?.open ?? false;

  function agencyOf(code: unknown): AgencyRef {
    const c = String(code ?? '').trim();
    return agencyRef(c) ?? fail('evaluation.unknown_agency', `دستگاهی با کد «${c}» در فهرست دستگاه‌ها نیست.`);
  }

  function indicatorOf(agency: AgencyRef, code: unknown): Indicator {
    const c = String(code ?? '').trim().toUpperCase();
    const ind = CATALOG.find((i) => i.code === c && i.agencies.includes(agency.code));
    return ind ?? fail('evaluation.unknown_indicator', `شاخصی با کد «${c}» برای «${agency.name}» نیست.`);
  }

  function objection(s: YearState, o: ObjectionRow): Objection {
    const agency = agencyRef(o.agency) as AgencyRef;
    const ind = CATALOG.find((i) => i.code === o.indicator) as Indicator;
    return {
      id: o.id, agency_code: o.agency, agency_name: agency.name, indicator_code: o.indicator, indicator_title: ind.title, ceiling: ind.ceiling,
      evaluator_score: s.evaluator.get(keyOf(o.agency, o.indicator))?.score ?? null, reason: o.reason, evidence: o.evidence,
      filed_on: fa(o.filed_on), filed_by: o.filed_by, decision: o.decision, new_score: o.new_score, decision_reason: o.decision_reason,
      decided_by: o.decided_by, decided_at: o.decided_at,
    };
  }

  function preliminary(s: YearState): Preliminary | null {
    const p = s.preliminary;
    return p ? { published_on: fa(p.published_on), window_opens: fa(p.window_opens), window_closes: fa(p.window_closes) } : null;
  }

  function approvals(s: YearState): Approval[] {
    return s.approvals.map((a) => ({
      version: a.version, approved_on: fa(a.approved_on), session: a.session, content_hash: a.hash, approved_by: a.approved_by, reopened: a.reopened,
      reopen_reason: a.reopen_reason,
    }));
  }

  function overview(s: YearState): EvaluationOverview {
    const agencies: AgencyProgress[] = AGENCIES.map((a) => {
      const codes = indicatorsOf(a.code).map((i) => i.code);
      const mine = s.objections.filter((o) => o.agency === a.code);
      return {
        code: a.code, name: a.name, group: a.group, indicators: codes.length,
        self_scored: codes.filter((c) => s.self.has(keyOf(a.code, c))).length, hq_confirmed: s.hq.has(a.code),
        evaluator_scored: codes.filter((c) => s.evaluator.has(keyOf(a.code, c))).length, objections: mine.length,
        pending_objections: mine.filter((o) => o.decision === null).length,
      };
    });
    const ph = phases(s);
    const isLocked = locked(s);
    const n = (v: number) => formatNumber(v);
    const todo: string[] = [];
    const noSelf = agencies.filter((a) => a.self_scored === 0).length;
    if (noSelf > 0) todo.push(`${n(noSelf)} دستگاه هنوز خودارزیابی نفرستاده‌اند.`);
    const noHq = agencies.filter((a) => a.self_scored > 0 && !a.hq_confirmed).length;
    if (noHq > 0) todo.push(`تأیید ستاد ملی ${n(noHq)} دستگاه ثبت نشده است.`);
    const unscored = agencies.reduce((t, a) => t + a.indicators - a.evaluator_scored, 0);
    if (unscored > 0) todo.push(`${n(unscored)} امتیاز ارزیاب مانده است.`);
    if (unscored === 0 && !s.preliminary) todo.push('همهٔ شاخص‌ها امتیاز دارند؛ نتایج اولیه را اعلام کنید.');
    const pending = agencies.reduce((t, a) => t + a.pending_objections, 0);
    if (pending > 0) todo.push(`${n(pending)} اعتراض منتظر تصمیم است.`);
    if (s.preliminary && pending === 0 && !isLocked) todo.push('نتایج نهایی آمادهٔ تصویب در شورای توسعهٔ مدیریت است.');
    return {
      year: s.year, years: [...years.keys()].sort((a, b) => b - a), today: fa(today), settings: structuredClone(SETTINGS), phases: ph,
      current_phase: ph.find((p) => p.current)?.code ?? null, has_catalog: true,
      general: CATALOG.filter((i) => i.kind === 'general').length, specific: CATALOG.filter((i) => i.kind === 'specific').length,
      development: CATALOG.filter((i) => i.kind === 'development').length, agencies, committee: structuredClone(s.committee),
      preliminary: preliminary(s), approvals: approvals(s), locked: isLocked, province_rank: s.province_rank, province_count: s.province_count, todo,
    };
  }

  function scoreRows(s: YearState, agency: AgencyRef): ScoreRow[] {
    return indicatorsOf(agency.code).map((ind) => {
      const key = keyOf(agency.code, ind.code);
      const mine = s.self.get(key);
      const theirs = s.evaluator.get(key);
      const o = s.objections.find((x) => x.agency === agency.code && x.indicator === ind.code);
      const final = o && (o.decision === 'accepted' || o.decision === 'partly') ? o.new_score : (theirs?.score ?? null);
      return {
        code: ind.code, title: ind.title, kind: ind.kind, axis: ind.axis, method: ind.method, ceiling: ind.ceiling, target: ind.target,
        direction: ind.direction, unit: ind.unit, measures: structuredClone(ind.measures), self_score: mine?.score ?? null,
        self_input: mine ? describe(mine.input) : null, evidence: mine?.evidence ?? '', evaluator_score: theirs?.score ?? null,
        evaluator_input: theirs ? describe(theirs.input) : null, comment: theirs?.comment ?? '', evaluator: theirs?.entered_by ?? null,
        scored_at: theirs ? (theirs.entered_at.includes('T') ? fa(`${s.year}/08/30 10:15`) : theirs.entered_at) : null,
        objection: o ? objection(s, o) : null, final_score: final,
      };
    });
  }

  function results(s: YearState): ResultsView {
    const current = s.approvals.filter((a) => !a.reopened).pop();
    const [basis, rows] = current
      ? ['approved', structuredClone(current.results)]
      : s.preliminary
        ? ['final', computeResults(s, 'final')]
        : ['preliminary', computeResults(s, 'preliminary')];
    return { basis, rows, tiers: tierCounts(rows) };
  }

  function reason(text: unknown): string {
    const r = String(text ?? '').trim();
    if (!r) fail('evaluation.reason_required', 'دلیل را بنویسید؛ در پرونده و گزارش تغییرات می‌ماند.');
    return r;
  }

  function workbooks(s: YearState, purpose: Purpose): EvalWorkbook[] {
    const label = purpose === 'self_assessment' ? 'خودارزیابی' : 'امتیازدهی ارزیاب';
    return AGENCIES.map((a) => {
      const file = `${label} ${fa(s.year)} - ${a.code} ${a.short_name}.xlsx`;
      return { agency_code: a.code, agency_name: a.name, file_name: file, path: `${FOLDER}/${file}`, indicators: indicatorsOf(a.code).length };
    });
  }

  async function intake(s: YearState, purpose: Purpose): Promise<EvalIntakeResult[]> {
    ensureNotLocked(s);
    ensureOpen(s, purpose === 'self_assessment' ? 'self_assessment' : 'evaluation');
    const [own, other] = purpose === 'self_assessment' ? ['خودارزیابی', 'امتیازدهی ارزیاب'] : ['امتیازدهی ارزیاب', 'خودارزیابی'];
    const files = [
      `${own} ${fa(s.year)} - 101 راه و شهرسازی.xlsx`,
      `${own} ${fa(s.year)} - 103 آموزش و پرورش.xlsx`,
      `${other} ${fa(s.year)} - 104 علوم پزشکی.xlsx`,
    ];
    for (let i = 0; i < files.length; i++) {
      progress = { done: i, total: files.length, file: files[i] };
      await sleep(delay * 2.5);
    }
    progress = { done: files.length, total: files.length, file: '' };
    await sleep(delay);
    progress = null;
    // The road agency's workbook changed two scores.
    const store = purpose === 'self_assessment' ? s.self : s.evaluator;
    const by = purpose === 'self_assessment' ? 'راه و شهرسازی' : EVALUATOR;
    const g01 = CATALOG[0];
    const d01 = CATALOG[CATALOG.length - 1];
    const before = [store.get(keyOf('101', 'G01'))?.score, store.get(keyOf('101', 'D01'))?.score];
    store.set(keyOf('101', 'G01'), storedScore(g01, act(68), by, new Date().toISOString(), 'بازبینی پس از بازدید'));
    store.set(keyOf('101', 'D01'), storedScore(d01, act(82), by, new Date().toISOString(), ''));
    const changed = [store.get(keyOf('101', 'G01'))?.score, store.get(keyOf('101', 'D01'))?.score].filter((v, i) => v !== before[i]).length;
    return [
      {
        file_name: files[0], status: changed > 0 ? 'imported' : 'unchanged', agency_code: '101', agency_name: AGENCIES[0].name, scores_read: 6,
        new_scores: 0, changed_scores: changed, refusal: null,
      },
      { file_name: files[1], status: 'unchanged', agency_code: '103', agency_name: AGENCIES[2].name, scores_read: 6, new_scores: 0, changed_scores: 0, refusal: null },
      {
        file_name: files[2], status: 'refused', agency_code: '104', agency_name: AGENCIES[3].name, scores_read: 0, new_scores: 0, changed_scores: 0,
        refusal: {
          code: 'evaluation.intake.wrong_purpose',
          message: `«${files[2]}» کارپوشهٔ ${other} است، نه ${own}؛ آن را در بخش درست وارد کنید.`,
          details: [],
        },
      },
    ];
  }

  /** Handles an evaluation command; throws an AppError as the backend would. */
  async function handle(cmd: string, args: Record<string, unknown>): Promise<unknown> {
    await sleep(cmd === 'eval_overview' || cmd === 'eval_agency_scores' ? Math.min(delay, 80) : delay);
    if (cmd === 'eval_overview') {
      if (years.size === 0) fail('evaluation.no_year', `ارزیابی سال ${fa(WORKING_YEAR)} هنوز آغاز نشده است؛ نخست سال را بسازید (daftar eval init).`);
      return overview(stateOf(args.year));
    }
    const s = stateOf(args.year);
    switch (cmd) {
      case 'eval_agency_scores':
        return scoreRows(s, agencyOf(args.agency));
      case 'eval_score': {
        ensureNotLocked(s);
        ensureOpen(s, 'evaluation');
        const agency = agencyOf(args.agency);
        const ind = indicatorOf(agency, args.indicator);
        const input = args.input as ScoreInput;
        const earned = earnedScore(ind, input);
        if (!earned.ok) fail('evaluation.score.invalid', `امتیاز شاخص «${ind.code}» برای «${agency.name}» پذیرفته نشد: ${earned.message}`);
        const comment = String(args.comment ?? '').trim();
        const own = s.self.get(keyOf(agency.code, ind.code))?.score ?? null;
        const limit = (ind.ceiling * SETTINGS.departure_percent) / 100;
        if (!comment && own !== null && Math.abs(earned.score - own) > limit + 1e-9) {
          fail(
            'evaluation.score.comment_required',
            `امتیاز ارزیاب برای شاخص «${ind.code}» (${agency.name}) ${f2(Math.abs(earned.score - own))} با امتیاز خوداظهاری فاصله دارد؛ بیش از ${fa(SETTINGS.departure_percent)}٪ سقف است، پس توضیح ارزیاب لازم است.`,
          );
        }
        const stored = storedScore(ind, input, EVALUATOR, stamp(), comment);
        s.evaluator.set(keyOf(agency.code, ind.code), stored);
        return stored;
      }
      case 'eval_confirm_hq': {
        ensureNotLocked(s);
        ensureOpen(s, 'hq_confirmation');
        const agency = agencyOf(args.agency);
        s.hq.set(agency.code, { on: today, reference: String(args.reference ?? '').trim() });
        return null;
      }
      case 'eval_results':
        return results(s);
      case 'eval_objections':
        return s.objections.map((o) => objection(s, o));
      case 'eval_file_objection': {
        ensureNotLocked(s);
        const p = s.preliminary;
        if (!p) fail('evaluation.objection.not_published', `نتایج اولیهٔ سال ${fa(s.year)} هنوز اعلام نشده است؛ اعتراض پس از اعلام نتایج اولیه پذیرفته می‌شود.`);
        const t = jalaliKey(today) ?? today;
        if (!(p.window_opens <= t && t <= p.window_closes) && !isOpen(s, 'objection')) {
          fail('evaluation.objection.outside_window', `اعتراض پذیرفته نیست: مهلت اعتراض از ${fa(p.window_opens)} تا ${fa(p.window_closes)} بود و امروز ${fa(today)} است.`);
        }
        const why = String(args.reason ?? '').trim();
        if (!why) fail('evaluation.objection.reason_required', 'دلیل اعتراض را بنویسید.');
        const agency = agencyOf(args.agency);
        const ind = indicatorOf(agency, args.indicator);
        if (s.objections.some((o) => o.agency === agency.code && o.indicator === ind.code)) {
          fail('evaluation.objection.duplicate', `«${agency.name}» پیش‌تر برای شاخص «${ind.code}» اعتراض ثبت کرده است؛ برای هر شاخص یک اعتراض پذیرفته می‌شود.`);
        }
        const row: ObjectionRow = {
          id: nextObjection++, agency: agency.code, indicator: ind.code, reason: why, evidence: String(args.evidence ?? '').trim(), filed_on: t,
          filed_by: 'کارشناس ارزیابی', decision: null, new_score: null, decision_reason: null, decided_by: null, decided_at: null,
        };
        s.objections.push(row);
        return objection(s, row);
      }
      case 'eval_decide': {
        ensureNotLocked(s);
        if (!isOpen(s, 'objection')) ensureOpen(s, 'rescoring');
        const id = Number(args.id);
        const row = s.objections.find((o) => o.id === id) ?? fail('evaluation.objection.unknown', `اعتراضی با شمارهٔ ${fa(id)} نیست.`);
        const ind = CATALOG.find((i) => i.code === row.indicator) as Indicator;
        const decision = args.decision as Decision;
        const why = String(args.reason ?? '').trim();
        let newScore: number | null = null;
        if (decision === 'rejected') {
          if (!why) reason(why);
        } else {
          const score = args.newScore === null || args.newScore === undefined ? null : Number(args.newScore);
          if (score === null) fail('evaluation.objection.new_score_required', `برای پذیرش اعتراض امتیاز تازه را بنویسید (از ۰ تا ${f2(ind.ceiling)}).`);
          if (!(score >= 0 && score <= ind.ceiling + 1e-9)) {
            fail('evaluation.objection.new_score_out_of_range', `امتیاز تازهٔ ${f2(score)} بیرون از بازهٔ ۰ تا سقف ${f2(ind.ceiling)} است.`);
          }
          const evaluator = s.evaluator.get(keyOf(row.agency, row.indicator))?.score ?? 0;
          if (decision === 'partly') {
            if (!why) reason(why);
            if (score <= evaluator) {
              fail('evaluation.objection.partly_score', `در پذیرش بخشی، امتیاز تازه باید میان امتیاز ارزیاب (${f2(evaluator)}) و سقف باشد و با امتیاز ارزیاب برابر نباشد.`);
            }
          }
          newScore = r2(score);
        }
        Object.assign(row, { decision, new_score: newScore, decision_reason: why || null, decided_by: EVALUATOR, decided_at: stamp() });
        return objection(s, row);
      }
      case 'eval_publish': {
        ensureNotLocked(s);
        if (s.preliminary) fail('evaluation.preliminary.already_published', `نتایج اولیهٔ سال ${fa(s.year)} پیش‌تر در ${fa(s.preliminary.published_on)} اعلام شده است.`);
        ensureOpen(s, 'preliminary');
        const missing = AGENCIES.flatMap((a) =>
          indicatorsOf(a.code).filter((i) => !s.evaluator.has(keyOf(a.code, i.code))).map((i) => `${a.name}: شاخص «${i.code}»`),
        );
        if (missing.length > 0) {
          fail('evaluation.preliminary.scores_missing', `نتایج اولیه هنوز کامل نیست: ${formatNumber(missing.length)} امتیاز ارزیاب ثبت نشده است. نخست همهٔ شاخص‌ها را امتیاز دهید.`, missing);
        }
        const t = jalaliKey(today) ?? today;
        const closes = addJalaliDays(t, SETTINGS.objection_window_days - 1);
        s.preliminary = { published_on: t, window_opens: t, window_closes: closes };
        const objectionPhase = s.phases.find((p) => p.code === 'objection');
        if (objectionPhase) Object.assign(objectionPhase, { starts: t, ends: closes });
        return preliminary(s);
      }
      case 'eval_approve': {
        ensureNotLocked(s);
        ensureOpen(s, 'council');
        const pending = s.objections.filter((o) => o.decision === null).map((o) => `${agencyRef(o.agency)?.name ?? o.agency}: شاخص «${o.indicator}»`);
        if (pending.length > 0) {
          fail('evaluation.approval.objections_pending', `${formatNumber(pending.length)} اعتراض هنوز تصمیم ندارد؛ پیش از تصویب دربارهٔ همه تصمیم بگیرید.`, pending);
        }
        const rows = computeResults(s, 'final');
        const session = String(args.session ?? '').trim();
        s.approvals.push({
          version: s.approvals.length + 1, approved_on: jalaliKey(today) ?? today, session, results: rows, hash: fakeHash(JSON.stringify(rows) + session),
          approved_by: 'مریم سپهوند', reopened: false, reopen_reason: null,
        });
        return approvals(s).pop();
      }
      case 'eval_reopen_approval': {
        const why = reason(args.reason);
        if (!locked(s)) fail('evaluation.approval.not_approved', `نتایج سال ${fa(s.year)} تصویب‌نشده است که بازگشایی شود.`);
        for (const a of s.approvals) if (!a.reopened) Object.assign(a, { reopened: true, reopen_reason: why });
        return null;
      }
      case 'eval_reopen_phase': {
        const code = String(args.phase ?? '');
        const p = s.phases.find((x) => x.code === code);
        if (!p) fail('evaluation.unknown_phase', `مرحله‌ای با کد «${code}» نیست.`, [`مرحله‌ها: ${PHASES.map(([c]) => c).join('، ')}`]);
        const why = reason(args.reason);
        const until = jalaliKey(String(args.until ?? ''));
        if (!until) fail('evaluation.bad_date', `«${String(args.until ?? '')}» تاریخ درستی نیست؛ به شکل ۱۴۰۳/۰۹/۳۰ بنویسید.`);
        if (until < (jalaliKey(today) ?? today)) {
          fail('evaluation.reopen_in_the_past', `تاریخ بازگشایی مرحلهٔ «${p.title}» (${fa(until)}) گذشته است؛ روزی از امروز به بعد بنویسید.`);
        }
        ensureNotLocked(s);
        Object.assign(p, { reopened_until: until, reopen_reason: why });
        return null;
      }
      case 'eval_catalog_import': {
        ensureNotLocked(s);
        if (!['circular', 'specific_approval', 'development'].some((c) => isOpen(s, c))) ensureOpen(s, 'circular');
        const scored = s.self.size + s.evaluator.size;
        if (scored > 0) {
          fail(
            'evaluation.catalog.has_scores',
            `برای سال ${fa(s.year)} پیش‌تر ${formatNumber(scored)} امتیاز ثبت شده و فهرست شاخص‌ها دیگر جایگزین نمی‌شود؛ اگر شاخصی باید تغییر کند، آن را با ستاد هماهنگ و دستی ثبت کنید.`,
          );
        }
        const report: CatalogImportReport = {
          year: s.year, axes: AXES.length, general: 4, specific: AGENCIES.length, development: 1, agencies: AGENCIES.length,
        };
        return report;
      }
      case 'eval_workbooks':
        return workbooks(s, args.purpose as Purpose);
      case 'eval_intake':
        return intake(s, args.purpose as Purpose);
      case 'eval_export':
        if (!locked(s)) fail('evaluation.approval.not_yet_approved', `نتایج نهایی سال ${fa(s.year)} هنوز در شورای توسعهٔ مدیریت تصویب نشده است؛ برگزیدگان جشنواره و خروجی سامانهٔ ملی از نتایج تصویب‌شده ساخته می‌شوند.`);
        return `/home/user/Documents/نتایج نهایی ارزیابی ${fa(s.year)}.xlsx`;
      case 'eval_festival': {
        const current = s.approvals.filter((a) => !a.reopened).pop();
        if (!current) fail('evaluation.approval.not_yet_approved', `نتایج نهایی سال ${fa(s.year)} هنوز در شورای توسعهٔ مدیریت تصویب نشده است؛ برگزیدگان جشنواره و خروجی سامانهٔ ملی از نتایج تصویب‌شده ساخته می‌شوند.`);
        const rows = current.results;
        const groups = [...new Set(rows.map((r) => r.agency.group))].sort().map((group) => ({
          group,
          winners: rows.filter((r) => r.agency.group === group && r.group_rank <= SETTINGS.winners_per_group),
        }));
        const growth = rows
          .filter((r) => (r.growth ?? 0) > 0)
          .sort((a, b) => (b.growth ?? 0) - (a.growth ?? 0) || a.rank - b.rank)
          .slice(0, SETTINGS.growth_awards);
        const festival: Festival = { year: s.year, groups: structuredClone(groups), growth: structuredClone(growth), teams: s.nominations.filter((n) => n.selected) };
        return festival;
      }
      default:
        return fail('mock.unknown_command', `فرمان ${cmd} در نسخه آزمایشی نیست.`);
    }
  }

  return {
    handle,
    /** The running intake's progress (shared with the accounts' progress command). */
    progress: () => progress,
  };
}
