// Batches (issue 14 item 3): a per-agency document for all agencies or a group at once. The
// rules (which documents, which agencies, numbering) are Rust's; this file only words the choices
// and the result.
import type { BatchOutput } from './bindings/BatchOutput';
import type { BatchPart } from './bindings/BatchPart';
import type { BatchProgress } from './bindings/BatchProgress';
import type { BatchRequest } from './bindings/BatchRequest';
import type { ReportFormat } from './bindings/ReportFormat';
import type { ReportInfo } from './bindings/ReportInfo';
import { formatCode, formatNumber, toPersianDigits } from './fa';

export type BatchScope = 'one' | 'all' | 'group';

export const SCOPE_LABELS: Record<BatchScope, string> = {
  one: 'یک دستگاه',
  all: 'همهٔ دستگاه‌ها',
  group: 'گروهی از دستگاه‌ها',
};

export const OUTPUT_LABELS: Record<BatchOutput, string> = {
  file: 'یک فایل PDF',
  folder: 'پوشه‌ای از فایل‌ها',
};

/** The first choice's name: a document not about one agency is one document for all. */
export function scopeLabel(doc: ReportInfo, scope: BatchScope): string {
  return scope === 'one' && !doc.needs_agency ? 'یک سند' : SCOPE_LABELS[scope];
}

/** The request for the backend: no codes means every agency the document lists. */
export function batchRequest(doc: ReportInfo, scope: 'all' | 'group', group: readonly string[], output: BatchOutput, format: ReportFormat | null): BatchRequest {
  return {
    kind: doc.kind,
    year: doc.year,
    agencies: scope === 'all' ? [] : doc.agencies.map((a) => a.code).filter((c) => group.includes(c)),
    format: output === 'file' ? 'pdf' : (format ?? 'pdf'),
    output,
  };
}

/** Why «ساختن» waits (the choices on this screen), or null. */
export function batchBlocker(doc: ReportInfo, scope: 'all' | 'group', group: readonly string[], working: boolean): string | null {
  if (doc.blocker) return doc.blocker;
  if (scope === 'group' && group.length === 0) return 'دست‌کم یک دستگاه را برگزینید.';
  if (working) return 'سند دیگری در حال ساختن است؛ کمی صبر کنید.';
  return null;
}

/** «۱۲ از ۶۰ — شرکت گاز استان لرستان». */
export function batchProgressText(p: BatchProgress): string {
  return `${formatNumber(p.done)} از ${formatNumber(p.total)} — ${p.agency_name}`;
}

export function batchProgressPercent(p: BatchProgress | null): number {
  return p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0;
}

/** Where an agency's part is: «صفحهٔ ۳ تا ۴» in the one PDF, its file in a folder. */
export function partPlace(part: BatchPart, output: BatchOutput): string {
  if (output === 'file' && part.first_page !== null && part.last_page !== null) {
    return part.first_page === part.last_page
      ? `صفحهٔ ${toPersianDigits(part.first_page)}`
      : `صفحهٔ ${toPersianDigits(part.first_page)} تا ${toPersianDigits(part.last_page)}`;
  }
  const name = part.path.split(/[\\/]/).pop() ?? part.path;
  return name;
}

/** «101 — استانداری»: the code Latin, as everywhere. */
export function partAgency(part: { agency_code: string; agency_name: string }): string {
  return `${formatCode(part.agency_code)} — ${part.agency_name}`;
}
