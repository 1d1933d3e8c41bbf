// Performance evaluation (ارزیابی عملکرد) as the screen shows it: Persian labels, the score
// dialog's form, growth and tier display, Jalali date order. No rule of the domain: what can be
// done and the score an input earns come from Rust (EvaluationOverview.actions, eval_preview_score).
import type { AgencyProgress } from './bindings/AgencyProgress';
import type { Approval } from './bindings/Approval';
import type { Committee } from './bindings/Committee';
import type { Decision } from './bindings/Decision';
import type { EvalIntakeResult } from './bindings/EvalIntakeResult';
import type { EvalActions } from './bindings/EvalActions';
import type { EvalSettings } from './bindings/EvalSettings';
import type { EvalView } from './bindings/EvalView';
import type { EvaluationOverview } from './bindings/EvaluationOverview';
import type { IndicatorKind } from './bindings/IndicatorKind';
import type { IntakeStatus } from './bindings/IntakeStatus';
import type { Member } from './bindings/Member';
import type { MemberInput } from './bindings/MemberInput';
import type { Method } from './bindings/Method';
import type { Objection } from './bindings/Objection';
import type { Phase } from './bindings/Phase';
import type { Preliminary } from './bindings/Preliminary';
import type { Role } from './bindings/Role';
import type { ScoreInput } from './bindings/ScoreInput';
import type { ScoreRow } from './bindings/ScoreRow';
import type { Tier } from './bindings/Tier';
import type { TierCount } from './bindings/TierCount';
import { formatDecimal, formatNumber, parseNumberInput, toLatinDigits, toPersianDigits } from './fa';

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

/** What scoring needs of an indicator to build its form (a ScoreRow has all of it). */
export type ScoringRule = Pick<ScoreRow, 'method' | 'measures'>;

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

/** A number as a field starts with it: Persian digits, ٫, no grouping, trailing zeros dropped. */
export function numberForEditing(n: number): string {
  const clean = Number.parseFloat(n.toPrecision(12));
  return toPersianDigits(String(clean).replace('.', '٫').replace('-', '−'));
}

/** The form as an entered input reads (ScoreRow.evaluator_entry); empty when there is none or it does not fit the method. */
export function formFromInput(rule: ScoringRule, input: ScoreInput | null): ScoreForm {
  const form = emptyScoreForm(rule);
  if (!input) return form;
  switch (input.type) {
    case 'actual':
      if (rule.method === 'ratio') form.value = numberForEditing(input.actual);
      break;
    case 'points':
      if (rule.method === 'points') form.value = numberForEditing(input.points);
      break;
    case 'yes_no':
      if (rule.method === 'yes_no') form.yes = input.yes ? 'yes' : 'no';
      break;
    case 'measures':
      for (const [code, percent] of input.percents) if (code in form.measures) form.measures[code] = numberForEditing(percent);
      break;
  }
  return form;
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
};

export function phaseView(p: Phase): PhaseView {
  const when = p.current ? 'current' : p.past ? 'past' : 'upcoming';
  const reopened = p.open && !p.current && p.reopened_until !== null;
  return {
    when,
    open: p.open,
    reopenedText: reopened ? `بازگشایی‌شده تا ${toPersianDigits(p.reopened_until ?? '')}` : null,
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

// ---------- The action bar ----------

/** The actions of the evaluation screen, as Rust names them in EvaluationOverview.actions. */
export type EvalAction = keyof EvalActions;

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

export type DecisionForm = { decision: Decision | ''; score: string; reason: string };
export type DecisionErrors = Partial<Record<'decision' | 'score', string>>;
export type DecisionCheck = { ok: true; decision: Decision; newScore: number | null; reason: string } | { ok: false; errors: DecisionErrors };

/**
 * What the decision form says, as far as the form itself can tell: a decision chosen and the
 * new score, when typed, a number. The rules (a score within the ceiling, above the evaluator's
 * for «partly», a reason) are Rust's: its refusal is shown in the dialog.
 */
export function decisionFromForm(form: DecisionForm): DecisionCheck {
  const errors: DecisionErrors = {};
  if (form.decision === '') errors.decision = 'تصمیم را برگزینید.';
  const text = form.decision === 'rejected' ? '' : form.score.trim();
  const newScore = text === '' ? null : parseNumberInput(text);
  if (text !== '' && newScore === null) errors.score = `«${text}» عدد نیست؛ فقط رقم و ممیز (٫) بنویسید.`;
  if (form.decision === '' || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, decision: form.decision, newScore, reason: form.reason.trim() };
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

/** The evaluation screen's views, as Rust names them for the to-do lines. */
export type EvalTab = EvalView;

// ---------- Committees ----------

export const COMMITTEES: readonly { key: Committee; label: string }[] = [
  { key: 'steering', label: 'کمیته راهبری' },
  { key: 'secretariat', label: 'دبیرخانه جشنواره' },
];

export const ROLES: readonly { key: Role; label: string }[] = [
  { key: 'chair', label: 'رئیس' },
  { key: 'secretary', label: 'دبیر' },
  { key: 'member', label: 'عضو' },
];

export function committeeLabel(c: Committee): string {
  return COMMITTEES.find((x) => x.key === c)?.label ?? c;
}

export function roleLabel(r: Role): string {
  return ROLES.find((x) => x.key === r)?.label ?? r;
}

/** The member dialog's form: a new member, or the one being corrected. */
export function memberForm(m: Member | null): MemberInput {
  return m
    ? { committee: m.committee, name: m.name, position: m.position, role: m.role, letter_date: m.letter_date, letter_number: m.letter_number }
    : { committee: 'steering', name: '', position: '', role: 'member', letter_date: '', letter_number: '' };
}

// ---------- Settings ----------

/** The numbers of the settings form, as typed. */
export const SETTINGS_NUMBERS = [
  'general_scale',
  'specific_scale',
  'development_share',
  'general_weight',
  'objection_window_days',
  'departure_percent',
  'winners_per_group',
  'growth_awards',
] as const;
export type SettingsNumber = (typeof SETTINGS_NUMBERS)[number];

export type SettingsForm = Record<SettingsNumber, string> & {
  council: string;
  signatories: EvalSettings['signatories'];
  combine: EvalSettings['combine'];
  evidence_required: boolean;
  evaluator_waits_for_hq: boolean;
  lead_score_as_evaluator: boolean;
  tiers: { name: string; min: string }[];
};

export function settingsForm(s: EvalSettings): SettingsForm {
  const numbers = Object.fromEntries(SETTINGS_NUMBERS.map((k) => [k, numberForEditing(s[k])])) as Record<SettingsNumber, string>;
  return {
    ...numbers,
    council: s.council,
    signatories: {
      appointment: { ...s.signatories.appointment },
      certificate: { ...s.signatories.certificate },
      notification: { ...s.signatories.notification },
    },
    combine: s.combine,
    evidence_required: s.evidence_required,
    evaluator_waits_for_hq: s.evaluator_waits_for_hq,
    lead_score_as_evaluator: s.lead_score_as_evaluator,
    tiers: s.tiers.map((t) => ({ name: t.name, min: numberForEditing(t.min_percent) })),
  };
}

/**
 * The settings the form says, or the first field that is not a number. Only the reading of
 * digits is judged here; whether the settings can work is Rust's (`EvalSettings::validate`).
 */
export function settingsFromForm(f: SettingsForm): { ok: true; settings: EvalSettings } | { ok: false; field: string } {
  const numbers: Partial<Record<SettingsNumber, number>> = {};
  for (const k of SETTINGS_NUMBERS) {
    const n = parseNumberInput(f[k]);
    if (n === null) return { ok: false, field: k };
    numbers[k] = n;
  }
  const tiers: Tier[] = [];
  for (const [i, t] of f.tiers.entries()) {
    const n = parseNumberInput(t.min);
    if (n === null) return { ok: false, field: `tier-${i}` };
    tiers.push({ name: t.name.trim(), min_percent: n });
  }
  return {
    ok: true,
    settings: {
      ...(numbers as Record<SettingsNumber, number>),
      council: f.council.trim(),
      signatories: f.signatories,
      combine: f.combine,
      evidence_required: f.evidence_required,
      evaluator_waits_for_hq: f.evaluator_waits_for_hq,
      lead_score_as_evaluator: f.lead_score_as_evaluator,
      tiers,
    },
  };
}
