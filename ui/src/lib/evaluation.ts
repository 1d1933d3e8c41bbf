// Performance evaluation (ارزیابی عملکرد): the screen's logic in plain functions — the score
// an input earns (the same rules as the backend, docs/formats/indicators.md), what the action
// bar may do now and why not, Persian labels, growth and tier display, Jalali date order.
import type { AgencyProgress } from './bindings/AgencyProgress';
import type { Approval } from './bindings/Approval';
import type { Decision } from './bindings/Decision';
import type { EvalIntakeResult } from './bindings/EvalIntakeResult';
import type { EvaluationOverview } from './bindings/EvaluationOverview';
import type { IndicatorKind } from './bindings/IndicatorKind';
import type { IntakeStatus } from './bindings/IntakeStatus';
import type { Method } from './bindings/Method';
import type { Objection } from './bindings/Objection';
import type { Phase } from './bindings/Phase';
import type { Preliminary } from './bindings/Preliminary';
import type { ScoreInput } from './bindings/ScoreInput';
import type { ScoreRow } from './bindings/ScoreRow';
import type { Tier } from './bindings/Tier';
import type { TierCount } from './bindings/TierCount';
import { formatDecimal, formatNumber, parseNumberInput, toLatinDigits, toPersianDigits } from './fa';

/** eval_overview fails with this when no year has an evaluation. */
export const NO_YEAR_CODE = 'evaluation.no_year';
/** eval_festival fails with this before the council's approval. */
export const NOT_APPROVED_CODE = 'evaluation.approval.not_yet_approved';

// ---------- Labels ----------

const METHOD_LABELS: Record<Method, string> = {
  ratio: 'نسبت به هدف',
  points: 'امتیاز مستقیم',
  yes_no: 'بله/خیر',
  measures: 'سنجه‌ای',
};
const KIND_LABELS: Record<IndicatorKind, string> = { general: 'عمومی', specific: 'اختصاصی', development: 'توسعه‌ای' };
const DECISION_LABELS: Record<Decision, string> = { accepted: 'پذیرفته', partly: 'بخشی پذیرفته', rejected: 'رد' };

export const DECISIONS: readonly Decision[] = ['accepted', 'partly', 'rejected'];

export function methodLabel(method: Method): string {
  return METHOD_LABELS[method];
}

export function kindLabel(kind: IndicatorKind): string {
  return KIND_LABELS[kind];
}

export function decisionLabel(decision: Decision | null): string {
  return decision ? DECISION_LABELS[decision] : 'منتظر تصمیم';
}

/** A score as the screen shows it: two decimals, ٫, Persian digits; «—» when missing. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatDecimal(value, 2);
}

// ---------- Exact decimal arithmetic for the scores ----------

/** A fraction n/d with d > 0. */
type Ratio = { n: bigint; d: bigint };

/** The exact decimal a JS number reads as (its shortest text: 12.43 is 1243/100). */
function ratioOf(x: number): Ratio {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(String(x));
  if (!m) return { n: 0n, d: 1n };
  const [, sign, int, frac = '', exp = '0'] = m;
  let n = BigInt(int + frac);
  let d = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (e > 0) n *= 10n ** BigInt(e);
  if (e < 0) d *= 10n ** BigInt(-e);
  return { n: sign ? -n : n, d };
}

const mul = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.n, d: a.d * b.d });
const add = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
/** b must not be zero. */
const div = (a: Ratio, b: Ratio): Ratio => (b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n });
const cmp = (a: Ratio, b: Ratio): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
const min = (a: Ratio, b: Ratio): Ratio => (cmp(a, b) <= 0 ? a : b);

/** Rounded half away from zero to two decimals, computed exactly (28.725 -> 28.73). */
function round2(r: Ratio): number {
  const negative = r.n < 0n;
  const abs = negative ? -r.n : r.n;
  const hundredths = (abs * 200n + r.d) / (2n * r.d);
  const value = Number(hundredths) / 100;
  return negative && value !== 0 ? -value : value;
}

// ---------- The score an input earns ----------

/** What scoring needs of an indicator (a ScoreRow has all of it). */
export type ScoringRule = Pick<ScoreRow, 'method' | 'ceiling' | 'target' | 'direction' | 'measures'>;

export type Earned = { ok: true; score: number } | { ok: false; message: string };

/** «کمتر بهتر» (lower is better) as ScoreRow.direction gives it; anything else is higher is better. */
export function isLowerBetter(direction: string | null): boolean {
  if (!direction) return false;
  const d = direction.replace(/\u200c/g, ' ').trim();
  return d.includes('کمتر') || d === 'lower_is_better' || d === 'lower';
}

/**
 * The score `input` earns on the indicator, as the backend computes it: ratio is
 * ceiling × actual / target (higher is better) or ceiling × target / actual (lower is
 * better; an actual of 0 earns the ceiling), capped at the ceiling; points are taken as typed
 * (0 to the ceiling); yes earns the ceiling; measures earn ceiling × Σ(weight × percent) / 10000.
 * Exact, rounded once to two decimals half away from zero.
 */
export function earnedScore(rule: ScoringRule, input: ScoreInput): Earned {
  const ceiling = ratioOf(rule.ceiling);
  const f2 = (x: number) => formatDecimal(x, 2);
  switch (input.type) {
    case 'points': {
      if (input.points < 0) return { ok: false, message: `مقدار ${f2(input.points)} منفی است؛ امتیاز نمی‌تواند منفی باشد.` };
      if (cmp(ratioOf(input.points), ceiling) > 0) {
        return {
          ok: false,
          message: `امتیاز ${f2(input.points)} از سقف امتیاز این شاخص (${f2(rule.ceiling)}) بیشتر است؛ امتیازی از ۰ تا ${f2(rule.ceiling)} بنویسید.`,
        };
      }
      return { ok: true, score: round2(ratioOf(input.points)) };
    }
    case 'actual': {
      if (input.actual < 0) return { ok: false, message: `مقدار ${f2(input.actual)} منفی است؛ مقدار عملکرد نمی‌تواند منفی باشد.` };
      if (rule.target === null || !(rule.target > 0)) {
        return { ok: false, message: 'این شاخص هدف ندارد و امتیاز آن از مقدار عملکرد حساب نمی‌شود؛ امتیاز را مستقیم بنویسید.' };
      }
      const target = ratioOf(rule.target);
      const actual = ratioOf(input.actual);
      const one: Ratio = { n: 1n, d: 1n };
      let ratio: Ratio;
      if (!isLowerBetter(rule.direction)) ratio = div(actual, target);
      else if (actual.n === 0n) ratio = one;
      else ratio = div(target, actual);
      return { ok: true, score: round2(mul(ceiling, min(ratio, one))) };
    }
    case 'yes_no':
      return { ok: true, score: input.yes ? round2(ceiling) : 0 };
    case 'measures': {
      if (rule.method !== 'measures') return { ok: false, message: 'برای این شاخص امتیاز یا مقدار عملکرد بنویسید.' };
      let weighted: Ratio = { n: 0n, d: 1n };
      for (const [code, percent] of input.percents) {
        const measure = rule.measures.find((m) => m.code === code);
        if (!measure) return { ok: false, message: `سنجه‌ای با کد «${code}» در این شاخص نیست.` };
        if (!(percent >= 0 && percent <= 100)) {
          return { ok: false, message: `درصد تحقق سنجهٔ «${code}» (${f2(percent)}) باید میان ۰ و ۱۰۰ باشد.` };
        }
        weighted = add(weighted, mul(ratioOf(measure.weight), ratioOf(percent)));
      }
      return { ok: true, score: round2(div(mul(ceiling, weighted), { n: 10000n, d: 1n })) };
    }
  }
}

/** What the score dialog holds: the typed text of each field. */
export type ScoreForm = {
  /** The actual value (ratio) or the points (points). */
  value: string;
  /** yes_no: '' until chosen. */
  yes: '' | 'yes' | 'no';
  /** measures: percent typed per measure code. */
  measures: Record<string, string>;
};

export function emptyScoreForm(rule: ScoringRule): ScoreForm {
  return { value: '', yes: '', measures: Object.fromEntries(rule.measures.map((m) => [m.code, ''])) };
}

export type FormInput = { ok: true; input: ScoreInput } | { ok: false; message: string; field: string | null };

/**
 * The ScoreInput the form describes, or why it cannot be sent yet. `field` names what to fix:
 * 'value', 'yes' or a measure code.
 */
export function scoreInputFromForm(rule: ScoringRule, form: ScoreForm): FormInput {
  switch (rule.method) {
    case 'ratio':
    case 'points': {
      const what = rule.method === 'ratio' ? 'مقدار عملکرد' : 'امتیاز';
      if (form.value.trim() === '') return { ok: false, field: 'value', message: `${what} را بنویسید.` };
      const n = parseNumberInput(form.value);
      if (n === null) return { ok: false, field: 'value', message: `«${form.value.trim()}» عدد نیست؛ فقط رقم و ممیز (٫) بنویسید.` };
      return { ok: true, input: rule.method === 'ratio' ? { type: 'actual', actual: n } : { type: 'points', points: n } };
    }
    case 'yes_no':
      if (form.yes === '') return { ok: false, field: 'yes', message: '«بله» یا «خیر» را برگزینید.' };
      return { ok: true, input: { type: 'yes_no', yes: form.yes === 'yes' } };
    case 'measures': {
      const percents: Array<[string, number]> = [];
      for (const m of rule.measures) {
        const text = (form.measures[m.code] ?? '').trim();
        if (text === '') return { ok: false, field: m.code, message: `درصد تحقق سنجهٔ «${m.title}» را بنویسید (۰ تا ۱۰۰).` };
        const n = parseNumberInput(text);
        if (n === null) return { ok: false, field: m.code, message: `«${text}» برای سنجهٔ «${m.title}» عدد نیست.` };
        percents.push([m.code, n]);
      }
      return { ok: true, input: { type: 'measures', percents } };
    }
  }
}

/**
 * The live preview of the dialog: the score the form earns, why it is refused, or null
 * while the form is still incomplete (nothing to say yet).
 */
export function scorePreview(rule: ScoringRule, form: ScoreForm): Earned | null {
  const parsed = scoreInputFromForm(rule, form);
  if (!parsed.ok) {
    const empty =
      rule.method === 'measures'
        ? rule.measures.some((m) => (form.measures[m.code] ?? '').trim() === '')
        : rule.method === 'yes_no'
          ? form.yes === ''
          : form.value.trim() === '';
    return empty ? null : { ok: false, message: parsed.message };
  }
  return earnedScore(rule, parsed.input);
}

/** A number as a field starts with it: Persian digits, ٫, no grouping, trailing zeros dropped. */
export function numberForEditing(n: number): string {
  const clean = Number.parseFloat(n.toPrecision(12));
  return toPersianDigits(String(clean).replace('.', '٫').replace('-', '−'));
}

/**
 * The form as the current score reads (ScoreRow.evaluator_input, the backend's description:
 * «عملکرد ۵۲٫۹۰», «امتیاز ۱۷٫۰۰», «بله», «M1: ۸۰٫۰۰٪، M2: ۶۰٫۰۰٪»); an empty form when
 * there is none or it does not fit the method.
 */
export function formFromDescription(rule: ScoringRule, description: string | null): ScoreForm {
  const form = emptyScoreForm(rule);
  if (!description) return form;
  const text = description.trim();
  const numberIn = (s: string) => {
    const m = /[-−]?[0-9۰-۹٠-٩][0-9۰-۹٠-٩٬,]*(?:[٫.][0-9۰-۹٠-٩]+)?/.exec(s);
    return m ? parseNumberInput(m[0]) : null;
  };
  switch (rule.method) {
    case 'ratio':
    case 'points': {
      if (rule.method === 'ratio' && !text.startsWith('عملکرد')) return form;
      if (rule.method === 'points' && !text.startsWith('امتیاز')) return form;
      const n = numberIn(text);
      if (n !== null) form.value = numberForEditing(n);
      return form;
    }
    case 'yes_no':
      if (text === 'بله') form.yes = 'yes';
      else if (text === 'خیر') form.yes = 'no';
      return form;
    case 'measures':
      for (const part of text.split(/[،,]\s*/)) {
        const [code, rest] = part.split(':');
        const n = rest === undefined ? null : numberIn(rest);
        if (n !== null && code.trim() in form.measures) form.measures[code.trim()] = numberForEditing(n);
      }
      return form;
  }
}

/** «ceiling × actual ÷ target» as the dialog explains the ratio preview. */
export function ratioFormula(rule: ScoringRule, actual: number | null): string | null {
  if (rule.method !== 'ratio' || rule.target === null || actual === null) return null;
  const f = (x: number) => numberForEditing(x);
  if (isLowerBetter(rule.direction)) {
    return actual === 0 ? 'عملکرد صفر: سقف امتیاز' : `${f(rule.ceiling)} × ${f(rule.target)} ÷ ${f(actual)}`;
  }
  return `${f(rule.ceiling)} × ${f(actual)} ÷ ${f(rule.target)}`;
}

// ---------- Departure of the evaluator from the self-assessment ----------

/**
 * The evaluator's score is further from the self score than `departurePercent` % of the
 * ceiling (such a score needs the evaluator's comment). False when either is missing.
 */
export function departs(selfScore: number | null, evaluatorScore: number | null, ceiling: number, departurePercent: number): boolean {
  if (selfScore === null || evaluatorScore === null) return false;
  return Math.abs(evaluatorScore - selfScore) > (ceiling * departurePercent) / 100 + 1e-9;
}

// ---------- Results ----------

export type GrowthView = { text: string; tone: 'up' | 'down' | 'flat' | 'none'; title: string };

/** «▲ ۲٫۵۲» (green), «▼ ۴٫۹۵» (red), «۰٫۰۰», or «—» without last year's result. */
export function growthView(growth: number | null): GrowthView {
  if (growth === null) return { text: '—', tone: 'none', title: 'نتیجهٔ سال پیش این دستگاه در پرونده نیست.' };
  const text = formatDecimal(Math.abs(growth), 2);
  if (text === formatDecimal(0, 2)) return { text, tone: 'flat', title: 'بی‌تغییر نسبت به سال پیش' };
  return growth > 0
    ? { text: `▲ ${text}`, tone: 'up', title: `${text} واحد درصد بیشتر از سال پیش` }
    : { text: `▼ ${text}`, tone: 'down', title: `${text} واحد درصد کمتر از سال پیش` };
}

/** Position of a tier in the settings (0 = the best); the last position for an unknown name. */
export function tierIndex(tier: string, tiers: readonly Tier[]): number {
  const i = tiers.findIndex((t) => t.name === tier);
  return i >= 0 ? i : Math.max(tiers.length - 1, 0);
}

/** CSS class of a tier's chip: tier-0 (best) … tier-4; tiers past the fifth share tier-4. */
export function tierClass(tier: string, tiers: readonly Tier[]): string {
  const n = tiers.length;
  if (n <= 1) return 'tier-0';
  // Spread any number of tiers over the five colours, the best and worst always at the ends.
  return `tier-${Math.round((tierIndex(tier, tiers) * 4) / (n - 1))}`;
}

export type TierBar = { tier: string; count: number; share: number; className: string; min: number | null };

/**
 * The distribution's bars, in the settings' order (best first), each with its share of the
 * largest count (0–100) for the bar's length. Tiers of the settings without agencies are kept.
 */
export function tierBars(counts: readonly TierCount[], tiers: readonly Tier[]): TierBar[] {
  const byName = new Map(counts.map((c) => [c.tier, c.count]));
  const names = [...tiers.map((t) => t.name), ...counts.map((c) => c.tier).filter((t) => !tiers.some((s) => s.name === t))];
  const max = Math.max(0, ...counts.map((c) => c.count));
  return names.map((tier) => {
    const count = byName.get(tier) ?? 0;
    return {
      tier,
      count,
      share: max === 0 ? 0 : Math.round((count / max) * 100),
      className: tierClass(tier, tiers),
      min: tiers.find((t) => t.name === tier)?.min_percent ?? null,
    };
  });
}

/** The latest approval still in force (not reopened), if any. */
export function currentApproval(approvals: readonly Approval[]): Approval | null {
  for (let i = approvals.length - 1; i >= 0; i--) if (!approvals[i].reopened) return approvals[i];
  return null;
}

/** The first characters of a content hash, as people compare it. */
export function hashPrefix(hash: string, length = 12): string {
  return hash.slice(0, length);
}

/** «0123456789ab…» kept left to right inside Persian text (isolated with LRI … PDI). */
export function hashText(hash: string): string {
  return `\u2066${hashPrefix(hash)}…\u2069`;
}

export type Basis = 'approved' | 'final' | 'preliminary';

/** What the results are, in one sentence. */
export function basisLine(basis: string, preliminary: Preliminary | null, approvals: readonly Approval[], pendingObjections: number): string {
  if (basis === 'approved') {
    const a = currentApproval(approvals);
    if (!a) return 'نتایج تصویب‌شده در شورای توسعهٔ مدیریت.';
    return `نتایج تصویب‌شده در شورای توسعهٔ مدیریت: نسخهٔ ${formatNumber(a.version)}، ${toPersianDigits(a.approved_on)}${a.session ? `، ${a.session}` : ''}؛ رمز محتوا ${hashText(a.content_hash)}`;
  }
  if (basis === 'final') {
    let line = 'نتایج نهایی، هنوز تصویب‌نشده: امتیاز ارزیابان با اثر تصمیم‌های اعتراض';
    if (preliminary) line += `؛ نتایج اولیه ${toPersianDigits(preliminary.published_on)} اعلام شد`;
    if (pendingObjections > 0) line += `؛ ${formatNumber(pendingObjections)} اعتراض هنوز تصمیم ندارد و ممکن است نتایج را تغییر دهد`;
    return `${line}.`;
  }
  return 'نتایج مقدماتی (هنوز اعلام نشده): از امتیازهای ارزیابان تا امروز؛ شاخص بی‌امتیاز صفر حساب می‌شود.';
}

// ---------- Jalali dates (as the overview gives them: «۱۴۰۳/۰۹/۱۸») ----------

/** «1403/09/18» for any digits and «/» or «-»; null when it is not a date. */
export function jalaliKey(text: string): string | null {
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(toLatinDigits(text.trim()));
  if (!m) return null;
  return `${m[1]}/${m[2].padStart(2, '0')}/${m[3].padStart(2, '0')}`;
}

/** Negative when a is before b; dates that cannot be read sort last. */
export function compareJalali(a: string, b: string): number {
  const ka = jalaliKey(a) ?? '9999';
  const kb = jalaliKey(b) ?? '9999';
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

// ---------- Phases ----------

export type PhaseView = {
  /** current (today within its dates), past, upcoming. */
  when: 'current' | 'past' | 'upcoming';
  open: boolean;
  /** «بازگشایی‌شده تا ۱۴۰۳/۰۹/۲۵» while a reopening holds it open. */
  reopenedText: string | null;
  /** Closed today: it can be reopened. */
  reopenable: boolean;
};

export function phaseView(p: Phase): PhaseView {
  const when = p.current ? 'current' : p.past ? 'past' : 'upcoming';
  const reopened = p.open && !p.current && p.reopened_until !== null;
  return {
    when,
    open: p.open,
    reopenedText: reopened ? `بازگشایی‌شده تا ${toPersianDigits(p.reopened_until ?? '')}` : null,
    reopenable: !p.open,
  };
}

/** The current phase's title, or what today is between. */
export function currentPhaseText(o: Pick<EvaluationOverview, 'phases' | 'current_phase'>): string {
  const p = o.phases.find((x) => x.code === o.current_phase);
  if (p) return p.title;
  if (o.phases.length === 0) return 'مرحله‌ای تعریف نشده';
  if (o.phases.every((x) => x.past)) return 'همهٔ مرحله‌ها گذشته است';
  if (o.phases.every((x) => !x.past)) return 'هنوز هیچ مرحله‌ای آغاز نشده';
  const next = o.phases.find((x) => !x.past && !x.current);
  return next ? `میان دو مرحله؛ بعدی: ${next.title}` : 'میان دو مرحله';
}

/**
 * Why a change belonging to `code` is refused today (the year is locked, or the phase is not
 * open), or null when the backend would accept it as far as the phases go.
 */
export function phaseBlocker(o: Pick<EvaluationOverview, 'phases' | 'locked'>, code: string): string | null {
  if (o.locked) return LOCKED_REASON;
  const p = o.phases.find((x) => x.code === code);
  if (!p) return null;
  if (p.open) return null;
  return `مرحلهٔ «${p.title}» باز نیست (${toPersianDigits(p.starts_on)} تا ${toPersianDigits(p.ends_on)})؛ اگر لازم است، آن را در زمان‌بندی با ذکر دلیل بازگشایی کنید.`;
}

export const LOCKED_REASON = 'نتایج این سال تصویب شده و قفل است؛ برای هر تغییری نخست تصویب را با ذکر دلیل بازگشایی کنید.';

/** The earliest open phase among `codes` (catalog import may happen in three of them). */
function firstBlocker(o: Pick<EvaluationOverview, 'phases' | 'locked'>, codes: string[]): string | null {
  const blockers = codes.map((c) => phaseBlocker(o, c));
  return blockers.some((b) => b === null) ? null : blockers[0];
}

// ---------- The action bar ----------

export type EvalAction =
  | 'catalog'
  | 'self_workbooks'
  | 'self_intake'
  | 'evaluator_workbooks'
  | 'evaluator_intake'
  | 'publish'
  | 'approve'
  | 'reopen_approval'
  | 'export';

export type ActionState = { visible: boolean; blocker: string | null };

/** Which actions show and why each cannot be used now (null = it can). Mirrors the backend. */
export function actionStates(o: EvaluationOverview): Record<EvalAction, ActionState> {
  const noCatalog = o.has_catalog ? null : 'فهرست شاخص‌های سال هنوز وارد نشده است؛ نخست «ورود فهرست شاخص‌ها…» را بزنید.';
  const scored = o.agencies.reduce((n, a) => n + a.self_scored + a.evaluator_scored, 0);
  const unscored = o.agencies.reduce((n, a) => n + (a.indicators - a.evaluator_scored), 0);
  const pending = o.agencies.reduce((n, a) => n + a.pending_objections, 0);
  const approved = currentApproval(o.approvals) !== null;
  const show = (blocker: string | null): ActionState => ({ visible: true, blocker });
  return {
    catalog: show(
      firstBlocker(o, ['circular', 'specific_approval', 'development']) ??
        (scored > 0 ? `برای این سال ${formatNumber(scored)} امتیاز ثبت شده و فهرست شاخص‌ها دیگر جایگزین نمی‌شود.` : null),
    ),
    self_workbooks: show(noCatalog),
    self_intake: show(noCatalog ?? phaseBlocker(o, 'self_assessment')),
    evaluator_workbooks: show(noCatalog),
    evaluator_intake: show(noCatalog ?? phaseBlocker(o, 'evaluation')),
    publish: show(
      o.preliminary
        ? `نتایج اولیه ${toPersianDigits(o.preliminary.published_on)} اعلام شده است.`
        : (noCatalog ??
            (o.locked ? LOCKED_REASON : null) ??
            (unscored > 0 ? `${formatNumber(unscored)} امتیاز ارزیاب هنوز ثبت نشده است؛ نخست همهٔ شاخص‌ها را امتیاز دهید.` : null) ??
            phaseBlocker(o, 'preliminary')),
    ),
    approve: show(
      (o.locked ? 'نتایج این سال پیش‌تر تصویب شده و قفل است.' : null) ??
        noCatalog ??
        (pending > 0 ? `${formatNumber(pending)} اعتراض هنوز تصمیم ندارد؛ پیش از تصویب دربارهٔ همه تصمیم بگیرید.` : null) ??
        phaseBlocker(o, 'council'),
    ),
    reopen_approval: { visible: o.locked, blocker: null },
    export: { visible: approved, blocker: null },
  };
}

// ---------- Agencies ----------

/** Compared ignoring ی/ي, ک/ك, half-spaces, case and the kind of digits. */
export function searchKey(s: string): string {
  return toLatinDigits(s).replace(/ي/g, 'ی').replace(/ك/g, 'ک').replace(/\u200c/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function filterAgencies(agencies: readonly AgencyProgress[], query: string): AgencyProgress[] {
  const q = searchKey(query);
  if (q === '') return [...agencies];
  return agencies.filter((a) => [a.code, a.name, a.group].some((f) => searchKey(f).includes(q)));
}

// ---------- Objections ----------

/** Pending first (in filing order), then decided ones. */
export function sortObjections(list: readonly Objection[]): Objection[] {
  return list
    .map((o, i) => ({ o, i }))
    .sort((a, b) => (a.o.decision === null) === (b.o.decision === null) ? a.i - b.i : a.o.decision === null ? -1 : 1)
    .map(({ o }) => o);
}

/** Whether an objection may be filed today: inside the published window or a reopened objection phase. */
export function objectionBlocker(o: Pick<EvaluationOverview, 'phases' | 'locked' | 'preliminary' | 'today'>): string | null {
  if (o.locked) return LOCKED_REASON;
  const p = o.preliminary;
  if (!p) return 'نتایج اولیه هنوز اعلام نشده است؛ اعتراض پس از اعلام نتایج اولیه پذیرفته می‌شود.';
  const inWindow = compareJalali(p.window_opens, o.today) <= 0 && compareJalali(o.today, p.window_closes) <= 0;
  if (inWindow) return null;
  if (phaseBlocker(o, 'objection') === null) return null;
  return `مهلت اعتراض از ${toPersianDigits(p.window_opens)} تا ${toPersianDigits(p.window_closes)} بود و امروز ${toPersianDigits(o.today)} است.`;
}

/** Decisions are taken while the objection or the re-scoring phase is open. */
export function decisionBlocker(o: Pick<EvaluationOverview, 'phases' | 'locked'>): string | null {
  return firstBlocker(o, ['objection', 'rescoring']) === null ? null : phaseBlocker(o, 'rescoring');
}

export type DecisionForm = { decision: Decision | ''; score: string; reason: string };
export type DecisionErrors = Partial<Record<'decision' | 'score' | 'reason', string>>;
export type DecisionCheck = { ok: true; decision: Decision; newScore: number | null; reason: string } | { ok: false; errors: DecisionErrors };

/**
 * Checks a decision before it is sent, as the backend will: accepted and partly need a new
 * score from 0 to the ceiling (partly: above the evaluator's score); partly and rejected need
 * a reason.
 */
export function checkDecision(form: DecisionForm, ceiling: number, evaluatorScore: number | null): DecisionCheck {
  const errors: DecisionErrors = {};
  const reason = form.reason.trim();
  if (form.decision === '') errors.decision = 'تصمیم را برگزینید.';
  let newScore: number | null = null;
  if (form.decision === 'accepted' || form.decision === 'partly') {
    const text = form.score.trim();
    const n = text === '' ? null : parseNumberInput(text);
    if (text === '') errors.score = `امتیاز تازه را بنویسید (از ۰ تا ${formatScore(ceiling)}).`;
    else if (n === null) errors.score = `«${text}» عدد نیست؛ فقط رقم و ممیز (٫) بنویسید.`;
    else if (n < 0 || n > ceiling + 1e-9) errors.score = `امتیاز تازه باید از ۰ تا سقف ${formatScore(ceiling)} باشد.`;
    else if (form.decision === 'partly' && n <= (evaluatorScore ?? 0)) {
      errors.score = `در پذیرش بخشی، امتیاز تازه باید بیشتر از امتیاز ارزیاب (${formatScore(evaluatorScore ?? 0)}) باشد.`;
    } else newScore = n;
  }
  if ((form.decision === 'partly' || form.decision === 'rejected') && reason === '') {
    errors.reason = 'دلیل تصمیم را بنویسید؛ برای دستگاه فرستاده می‌شود و در پرونده می‌ماند.';
  }
  if (Object.keys(errors).length > 0 || form.decision === '') return { ok: false, errors };
  return { ok: true, decision: form.decision, newScore, reason };
}

// ---------- Intake ----------

const INTAKE_LABELS: Record<IntakeStatus, string> = { imported: 'وارد شد', unchanged: 'بی‌تغییر', refused: 'رد شد' };

export function evalIntakeStatusLabel(status: IntakeStatus): string {
  return INTAKE_LABELS[status];
}

/** «۳ فایل: ۱ وارد شد، ۱ بی‌تغییر، ۱ رد شد؛ ۸ امتیاز تازه یا تغییرکرده» */
export function evalIntakeSummaryLine(results: readonly EvalIntakeResult[]): string {
  const count: Record<IntakeStatus, number> = { imported: 0, unchanged: 0, refused: 0 };
  let changed = 0;
  for (const r of results) {
    count[r.status]++;
    changed += r.new_scores + r.changed_scores;
  }
  const parts = (['imported', 'unchanged', 'refused'] as IntakeStatus[]).filter((k) => count[k] > 0).map((k) => `${formatNumber(count[k])} ${INTAKE_LABELS[k]}`);
  let line = `${formatNumber(results.length)} فایل: ${parts.join('، ')}`;
  if (changed > 0) line += `؛ ${formatNumber(changed)} امتیاز تازه یا تغییرکرده`;
  return line;
}

// ---------- What is left to do ----------

export type EvalTab = 'agencies' | 'results' | 'objections' | 'festival';

/** Which sub-tab a "left to do" line (overview.todo, Persian) is about; null = none in particular. */
export function todoTarget(text: string): EvalTab | null {
  if (text.includes('اعتراض')) return 'objections';
  if (text.includes('تصویب') || text.includes('نتایج')) return 'results';
  if (text.includes('دستگاه') || text.includes('امتیاز') || text.includes('ستاد')) return 'agencies';
  return null;
}
