// What the intake-result dialog lists, from either service's intake: one shape, one order.
import { intakeSummaryLine, summarizeIntake } from './accounts';
import type { AppError } from './bindings/AppError';
import type { EvalIntakeResult } from './bindings/EvalIntakeResult';
import type { IntakeFinding } from './bindings/IntakeFinding';
import type { IntakeResult } from './bindings/IntakeResult';
import type { IntakeStatus } from './bindings/IntakeStatus';
import type { LeadIntakeResult } from './bindings/LeadIntakeResult';
import { evalIntakeSummaryLine } from './evaluation';
import { formatNumber } from './fa';

export type IntakeFile = {
  file_name: string;
  status: IntakeStatus;
  agency_name: string | null;
  /** «۱۲ مقدار خوانده شد: ۳ تازه، ۱ تغییرکرده، ۲ پاک‌شده»; null for a refused file. */
  counts: string | null;
  refusal: AppError | null;
  /** Cells the file's agency must correct (accounts only). */
  findings: IntakeFinding[];
  warnings: string[];
};

/** The files and the line above them, as the dialog shows them. */
export type IntakeOutcome = { summary: string; files: IntakeFile[]; imported: boolean };

/** Cleared: values an earlier workbook brought whose cells the newer one left empty. */
function counts(
  status: IntakeStatus,
  read: number,
  [added, changed, cleared]: [number, number, number],
  unit: string,
): string | null {
  if (status === 'refused') return null;
  const clearedText = cleared > 0 ? `، ${formatNumber(cleared)} پاک‌شده` : '';
  return `${formatNumber(read)} ${unit} خوانده شد: ${formatNumber(added)} تازه، ${formatNumber(changed)} تغییرکرده${clearedText}`;
}

/** Refused files first, then files with findings or warnings: they need the analyst's attention. */
function rank(f: IntakeFile): number {
  if (f.status === 'refused') return 0;
  if (f.findings.length > 0 || f.warnings.length > 0) return 1;
  return f.status === 'imported' ? 2 : 3;
}

export function orderIntakeFiles(files: readonly IntakeFile[]): IntakeFile[] {
  return [...files].sort((a, b) => rank(a) - rank(b));
}

export function accountsIntakeOutcome(results: readonly IntakeResult[]): IntakeOutcome {
  const s = summarizeIntake(results);
  const changed = s.changed > 0 ? `؛ ${formatNumber(s.changed)} مقدار تازه یا تغییرکرده` : '';
  return {
    summary: intakeSummaryLine(s) + changed,
    imported: s.imported > 0,
    files: orderIntakeFiles(
      results.map((r) => ({
        ...r,
        counts: counts(r.status, r.values_read, [r.new_values, r.changed_values, r.cleared_values], 'مقدار'),
      })),
    ),
  };
}

export function evalIntakeOutcome(results: readonly EvalIntakeResult[]): IntakeOutcome {
  return {
    summary: evalIntakeSummaryLine(results),
    imported: results.some((r) => r.status === 'imported'),
    files: orderIntakeFiles(
      results.map((r) => ({
        ...r,
        counts: counts(r.status, r.scores_read, [r.new_scores, r.changed_scores, r.cleared_scores], 'امتیاز'),
        findings: [],
        warnings: [],
      })),
    ),
  };
}

/** The lead agencies' returned workbooks: as an agency's, and how many of their scores became
 * the evaluators' (when the year's settings say so). */
export function leadIntakeOutcome(results: readonly LeadIntakeResult[]): IntakeOutcome {
  const outcome = evalIntakeOutcome(results);
  const asEvaluator = results.reduce((sum, r) => sum + r.evaluator_scores, 0);
  if (asEvaluator === 0) return outcome;
  return { ...outcome, summary: `${outcome.summary} ${formatNumber(asEvaluator)} امتیاز ارزیاب از امتیاز دستگاه سنجش ثبت شد.` };
}
