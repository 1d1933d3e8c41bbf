// Regional accounts (حساب‌های منطقه‌ای): the screen's logic in plain functions —
// counts for the "what is left" line, why a part cannot be approved yet, Persian labels.
import type { AgencyStatus } from './bindings/AgencyStatus';
import type { CheckFailure } from './bindings/CheckFailure';
import type { Dashboard } from './bindings/Dashboard';
import type { IntakeProgress } from './bindings/IntakeProgress';
import type { IntakeResult } from './bindings/IntakeResult';
import type { IntakeStatus } from './bindings/IntakeStatus';
import type { ReviewState } from './bindings/ReviewState';
import type { Severity } from './bindings/Severity';
import type { TableStatus } from './bindings/TableStatus';
import type { WarningExplanation } from './bindings/WarningExplanation';
import { formatNumber, toLatinDigits, toPersianDigits } from './fa';

/** The review states in workflow order. */
export const REVIEW_STATES: readonly ReviewState[] = ['requested', 'received', 'checked', 'approved', 'sent'];

const STATE_LABELS: Record<ReviewState, string> = {
  requested: 'درخواست‌شده',
  received: 'دریافت‌شده',
  checked: 'بررسی‌شده',
  approved: 'تأییدشده',
  sent: 'فرستاده‌شده',
};

/** A part with no state yet: its agency's workbook has not been made. */
export const NO_STATE_LABEL = 'کارپوشه ساخته نشده';

/** Persian name of a review state; null = no workbook made for the part yet. */
export function stateLabel(state: ReviewState | null): string {
  return state ? STATE_LABELS[state] : NO_STATE_LABEL;
}

export function severityLabel(severity: Severity): string {
  return severity === 'error' ? 'خطا' : 'هشدار';
}

/** One agency's part of one table: a row of the dashboard. */
export type DashboardPart = TableStatus & { agency_code: string; agency_name: string };

/** The dashboard's rows, agency by agency, tables in template order. */
export function dashboardParts(agencies: readonly AgencyStatus[]): DashboardPart[] {
  return agencies.flatMap((a) => a.tables.map((t) => ({ ...t, agency_code: a.agency_code, agency_name: a.agency_name })));
}

export type StateKey = ReviewState | 'none';

export type DashboardSummary = {
  /** Agencies with at least one item to supply. */
  agencies: number;
  /** Agency × table parts. */
  parts: number;
  byState: Record<StateKey, number>;
  /** Error findings: rules with errors, counted once per part they touch. */
  errors: number;
  /** Distinct warning rules (an explanation is written once per rule). */
  warnings: number;
  /** Distinct warning rules without an explanation. */
  unexplained: number;
  partsWithErrors: number;
  /** Checked parts that approval would accept now. */
  approvable: number;
  /** Checked parts without errors whose warnings still need an explanation. */
  needExplanation: number;
  items: number;
  values: number;
  missingRequired: number;
  unassigned: number;
  /** Checks have run at least once this year. */
  checksRan: boolean;
};

/** Counts for the summary line and the "what is left" hints. */
export function summarizeDashboard(dashboard: Dashboard): DashboardSummary {
  const byState: Record<StateKey, number> = { none: 0, requested: 0, received: 0, checked: 0, approved: 0, sent: 0 };
  const warnings = new Set<string>();
  const unexplained = new Set<string>();
  const s: DashboardSummary = {
    agencies: 0, parts: 0, byState, errors: 0, warnings: 0, unexplained: 0, partsWithErrors: 0, approvable: 0,
    needExplanation: 0, items: 0, values: 0, missingRequired: 0, unassigned: dashboard.unassigned_items,
    checksRan: dashboard.last_check_jalali !== null,
  };
  for (const agency of dashboard.agencies) {
    if (agency.tables.length > 0) s.agencies++;
    for (const t of agency.tables) {
      s.parts++;
      byState[t.state ?? 'none']++;
      s.errors += t.errors.length;
      if (t.errors.length > 0) s.partsWithErrors++;
      t.warnings.forEach((w) => warnings.add(w));
      t.unexplained_warnings.forEach((w) => unexplained.add(w));
      s.items += t.items;
      s.values += t.values;
      s.missingRequired += t.missing_required;
      if (t.state === 'checked' && t.errors.length === 0) {
        if (t.unexplained_warnings.length === 0) s.approvable++;
        else s.needExplanation++;
      }
    }
  }
  s.warnings = warnings.size;
  s.unexplained = unexplained.size;
  return s;
}

/**
 * The one-line summary, e.g.
 * «۲۹ دستگاه متولی؛ ۴۱ سهم: ۱۲ بررسی‌شده، ۳ تأییدشده؛ ۳ قلم بی‌متولی؛ ۷ خطا و ۳ هشدار (۳ بی‌توضیح)».
 * Groups are separated by «؛», not «·», which is hard to tell from the Persian zero «۰».
 */
export function summaryLine(s: DashboardSummary): string {
  const parts = [`${formatNumber(s.agencies)} دستگاه متولی`];
  const states = (['none', ...REVIEW_STATES] as StateKey[])
    .filter((k) => s.byState[k] > 0)
    .map((k) => `${formatNumber(s.byState[k])} ${k === 'none' ? 'بی‌کارپوشه' : STATE_LABELS[k]}`);
  parts.push(states.length > 0 ? `${formatNumber(s.parts)} سهم: ${states.join('، ')}` : `${formatNumber(s.parts)} سهم`);
  if (s.unassigned > 0) parts.push(`${formatNumber(s.unassigned)} قلم بی‌متولی`);
  if (!s.checksRan) {
    parts.push('بررسی‌ها هنوز اجرا نشده');
  } else if (s.errors === 0 && s.warnings === 0) {
    parts.push('بی‌خطا و بی‌هشدار');
  } else {
    let findings = `${formatNumber(s.errors)} خطا و ${formatNumber(s.warnings)} هشدار`;
    if (s.unexplained > 0) findings += ` (${formatNumber(s.unexplained)} بی‌توضیح)`;
    parts.push(findings);
  }
  return parts.join('؛ ');
}

export type TodoHint = {
  key: string;
  /** Short, for the chip. */
  text: string;
  /** How to do it, for the tooltip. */
  help: string;
  tone: 'todo' | 'problem' | 'ready';
};

/** What is left to do, in workflow order; empty when nothing is (no parts at all). */
export function todoHints(s: DashboardSummary): TodoHint[] {
  const out: TodoHint[] = [];
  const n = formatNumber;
  if (s.unassigned > 0) {
    out.push({
      key: 'unassigned', tone: 'problem', text: `${n(s.unassigned)} قلم بی‌متولی`,
      help: 'این اقلام در هیچ کارپوشه‌ای نمی‌آیند؛ در «جدول‌ها و مقادیر» آن‌ها را به دستگاهی واگذار کنید.',
    });
  }
  if (s.byState.none > 0) {
    out.push({
      key: 'none', tone: 'todo', text: `${n(s.byState.none)} سهم بی‌کارپوشه`,
      help: 'برای این سهم‌ها هنوز کارپوشه ساخته نشده؛ «ساخت کارپوشهٔ دستگاه‌ها…» را بزنید و کارپوشه را بفرستید.',
    });
  }
  if (s.byState.requested > 0) {
    out.push({
      key: 'requested', tone: 'todo', text: `${n(s.byState.requested)} سهم برنگشته`,
      help: 'کارپوشهٔ این سهم‌ها فرستاده شده ولی هنوز برنگشته؛ پس از رسیدن، «دریافت کارپوشه‌های برگشتی…» را بزنید.',
    });
  }
  if (s.byState.received > 0) {
    out.push({
      key: 'received', tone: 'todo', text: `${n(s.byState.received)} سهم بررسی‌نشده`,
      help: 'مقادیر این سهم‌ها رسیده ولی بررسی نشده؛ «اجرای بررسی‌ها» را بزنید.',
    });
  }
  if (s.partsWithErrors > 0) {
    out.push({
      key: 'errors', tone: 'problem', text: `${n(s.partsWithErrors)} سهم خطادار`,
      help: 'خطا تأیید را می‌بندد؛ «کارپوشه‌های بازخورد…» را بسازید و برای دستگاه بفرستید، یا مقدار درست را خودتان بنویسید و دوباره بررسی کنید.',
    });
  }
  if (s.unexplained > 0) {
    out.push({
      key: 'unexplained', tone: 'problem', text: `${n(s.unexplained)} هشدار بی‌توضیح`,
      help: 'هر هشدار پیش از تأیید توضیح می‌خواهد؛ در «یافته‌های بررسی» برای آن توضیح بنویسید.',
    });
  }
  if (s.approvable > 0) {
    out.push({
      key: 'approvable', tone: 'ready', text: `${n(s.approvable)} سهم آمادهٔ تأیید`,
      help: 'این سهم‌ها بررسی شده‌اند و خطا یا هشدار بی‌توضیح ندارند؛ در «وضعیت دستگاه‌ها» «تأیید» را بزنید.',
    });
  }
  const done = s.byState.approved + s.byState.sent;
  if (s.parts > 0 && done === s.parts && s.unassigned === 0) {
    const allSent = s.byState.sent === s.parts;
    out.push({
      key: 'package', tone: 'ready',
      text: allSent ? 'همه سهم‌ها فرستاده شده' : 'همه سهم‌ها تأیید شده',
      help: allSent ? 'بستهٔ نهایی ساخته شده است.' : '«بستهٔ مرکز آمار…» را بزنید و بستهٔ نهایی را بسازید.',
    });
  }
  return out;
}

export type PartFilter = 'all' | 'errors' | 'waiting' | 'approved';

/** The dashboard's filter chips: all / with errors / waiting approval / approved (or sent). */
export function matchesPartFilter(t: TableStatus, filter: PartFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'errors':
      return t.errors.length > 0;
    case 'waiting':
      return t.state === 'checked' && t.errors.length === 0;
    case 'approved':
      return t.state === 'approved' || t.state === 'sent';
  }
}

/**
 * Change against last year in percent, as the rule language's change(): value / previous − 1.
 * null when either is missing or last year's is zero.
 */
export function changePercent(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value / previous - 1) * 100;
}

/** A change worth a second look (more than 25% either way). */
export function isLargeChange(percent: number | null, threshold = 25): boolean {
  return percent !== null && Math.abs(percent) > threshold;
}

/** «▲ ۱۲٫۳٪» / «▼ ۸٪» / «۰٪»: one decimal, trailing zero dropped. */
export function formatChange(percent: number | null): string {
  if (percent === null) return '—';
  const rounded = Math.round(Math.abs(percent) * 10) / 10;
  const text = `${formatNumber(rounded)}٪`;
  if (rounded === 0) return text;
  return `${percent > 0 ? '▲' : '▼'} ${text}`;
}

/** A value as the grid shows it: Persian digits, ٬ grouping; «—» when missing. */
export function formatValue(value: number | null): string {
  if (value === null) return '—';
  // Avoid binary noise like 0.30000000000000004.
  const clean = Number.isInteger(value) ? value : Number.parseFloat(value.toPrecision(12));
  return formatNumber(clean);
}

/** A value as the edit box starts: Persian digits, ٫ for the decimal point, no grouping. */
export function valueForEditing(value: number | null, text: string | null): string {
  if (text !== null) return text;
  if (value === null) return '';
  const clean = Number.isInteger(value) ? value : Number.parseFloat(value.toPrecision(12));
  return toPersianDigits(String(clean).replace('.', '٫').replace('-', '−'));
}

/** «۱۲ روز مانده» / «۳ روز گذشته» / «امروز»; null when no deadline is set. */
export function deadlineText(daysLeft: number | null): string | null {
  if (daysLeft === null) return null;
  if (daysLeft === 0) return 'امروز';
  return daysLeft > 0 ? `${formatNumber(daysLeft)} روز مانده` : `${formatNumber(-daysLeft)} روز گذشته`;
}

export type DeadlineTone = 'past' | 'soon' | 'ok' | 'none';

/** Red when past, amber in the last week. */
export function deadlineTone(daysLeft: number | null): DeadlineTone {
  if (daysLeft === null) return 'none';
  if (daysLeft < 0) return 'past';
  return daysLeft <= 7 ? 'soon' : 'ok';
}

/**
 * Checks a typed Jalali date (any digits, «/» or «-») before it is sent; returns the
 * normalized «1403/09/30» or a Persian message saying how to write it.
 */
export function parseJalaliInput(typed: string): { ok: true; date: string } | { ok: false; message: string } {
  const text = toLatinDigits(typed.trim()).replace(/[-.\u066B]/g, '/');
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (!m) return { ok: false, message: 'تاریخ را به شکل سال/ماه/روز بنویسید، مثلاً ۱۴۰۳/۰۹/۳۰.' };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return { ok: false, message: 'ماه باید میان ۱ و ۱۲ باشد.' };
  // Esfand has 29 days in common years; the backend knows the leap years.
  const maxDay = month <= 6 ? 31 : 30;
  if (day < 1 || day > maxDay) {
    return { ok: false, message: `روز در ماه ${toPersianDigits(month)} باید میان ۱ و ${toPersianDigits(maxDay)} باشد.` };
  }
  return { ok: true, date: `${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}` };
}

/** «در حال خواندن ۳ از ۱۷:» — the file index is 1-based (Rust reports the files done). */
export function intakeProgressPrefix(p: IntakeProgress): string {
  if (p.total === 0 || p.done >= p.total) return 'در حال پایان دادن…';
  return `در حال خواندن ${formatNumber(p.done + 1)} از ${formatNumber(p.total)}:`;
}

/** «در حال خواندن ۳ از ۱۷: name.xlsx» */
export function intakeProgressText(p: IntakeProgress): string {
  const prefix = intakeProgressPrefix(p);
  return p.total === 0 || p.done >= p.total ? prefix : `${prefix} ${p.file}`;
}

/** Share of the intake done, 0–100. */
export function intakeProgressPercent(p: IntakeProgress): number {
  if (p.total === 0) return 0;
  return Math.min(100, Math.round((p.done / p.total) * 100));
}

const INTAKE_LABELS: Record<IntakeStatus, string> = { imported: 'وارد شد', unchanged: 'بی‌تغییر', refused: 'رد شد' };

export function intakeStatusLabel(status: IntakeStatus): string {
  return INTAKE_LABELS[status];
}

export type IntakeSummary = Record<IntakeStatus, number> & { files: number; findings: number; changed: number };

export function summarizeIntake(results: readonly IntakeResult[]): IntakeSummary {
  const s: IntakeSummary = { files: results.length, imported: 0, unchanged: 0, refused: 0, findings: 0, changed: 0 };
  for (const r of results) {
    s[r.status]++;
    s.findings += r.findings.length;
    s.changed += r.new_values + r.changed_values;
  }
  return s;
}

/** «۱۷ فایل: ۱۲ وارد شد، ۳ بی‌تغییر، ۲ رد شد» */
export function intakeSummaryLine(s: IntakeSummary): string {
  const parts = (['imported', 'unchanged', 'refused'] as IntakeStatus[])
    .filter((k) => s[k] > 0)
    .map((k) => `${formatNumber(s[k])} ${INTAKE_LABELS[k]}`);
  return `${formatNumber(s.files)} فایل: ${parts.join('، ')}`;
}

/** What the findings list shows: a severity, and optionally only some rules (from a dashboard row). */
export type FindingsFilter = {
  severity: Severity | 'unexplained' | 'all';
  /** Only these rule codes (null = all). */
  rules: readonly string[] | null;
  /** Only failures naming an item of this agency (null = any). */
  agency: string | null;
};

/** The agencies whose items a failure names, in the order of its items. */
export function agenciesOf(failure: CheckFailure): string[] {
  const codes: string[] = [];
  for (const item of failure.items) {
    if (item.agency_code !== null && !codes.includes(item.agency_code)) codes.push(item.agency_code);
  }
  return codes;
}

/**
 * Rust's word on one agency and one warning; a row with explained = false when Rust sent none.
 * Rows without an agency (carried over from before explanations belonged to agencies) are
 * `earlierExplanations`.
 */
export function explanationOf(explanations: readonly WarningExplanation[], rule: string, agency: string): WarningExplanation {
  return (
    explanations.find((e) => e.rule_code === rule && e.agency_code === agency) ?? {
      rule_code: rule, agency_code: agency, agency_name: '', explained: false, text: '', written_at_jalali: '', written_by: '', outdated: '',
    }
  );
}

/** Explanations of `rule` carried over without an agency: shown for reference only. */
export function earlierExplanations(explanations: readonly WarningExplanation[], rule: string): WarningExplanation[] {
  return explanations.filter((e) => e.rule_code === rule && e.agency_code === null);
}

/**
 * A warning is open while an agency it names (only `agency`, when given) has no explanation
 * standing for its values; one naming no agency stays open until its items are assigned.
 */
export function warningOpen(failure: CheckFailure, explanations: readonly WarningExplanation[], agency: string | null): boolean {
  if (failure.severity !== 'warning') return false;
  const agencies = agenciesOf(failure).filter((a) => agency === null || a === agency);
  if (agencies.length === 0) return agency === null;
  return agencies.some((a) => !explanationOf(explanations, failure.rule_code, a).explained);
}

export function filterFailures(
  failures: readonly CheckFailure[],
  filter: FindingsFilter,
  explanations: readonly WarningExplanation[],
): CheckFailure[] {
  return failures.filter((f) => {
    if (filter.severity === 'unexplained') {
      if (!warningOpen(f, explanations, filter.agency)) return false;
    } else if (filter.severity !== 'all' && f.severity !== filter.severity) {
      return false;
    }
    if (filter.rules && !filter.rules.includes(f.rule_code)) return false;
    if (filter.agency && !f.items.some((i) => i.agency_code === filter.agency)) return false;
    return true;
  });
}

/** Errors first, then warnings; otherwise in the order of the run. */
export function sortFailures(failures: readonly CheckFailure[]): CheckFailure[] {
  return failures
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.severity === b.f.severity ? a.i - b.i : a.f.severity === 'error' ? -1 : 1))
    .map(({ f }) => f);
}

/** Failures of one rule, side by side: a built-in check fails once per item. */
export type FailureGroup = { rule_code: string; severity: Severity; failures: CheckFailure[] };

/** Groups failures by rule, in the order each rule first appears. */
export function groupFailures(failures: readonly CheckFailure[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const f of failures) {
    const key = `${f.severity}/${f.rule_code}`;
    let g = groups.get(key);
    if (!g) {
      g = { rule_code: f.rule_code, severity: f.severity, failures: [] };
      groups.set(key, g);
    }
    g.failures.push(f);
  }
  return [...groups.values()];
}

/**
 * The years the selector offers, newest first: those the file has (Rust's list, which holds the
 * working year), and the year after the newest, so that the next year can be started.
 */
export function yearChoices(years: readonly number[], workingYear: number): number[] {
  const all = new Set([...years, workingYear]);
  all.add(Math.max(...all) + 1);
  return [...all].sort((a, b) => b - a);
}
