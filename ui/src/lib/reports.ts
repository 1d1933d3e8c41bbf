// Reports (گزارش‌ها): the screen's logic in plain functions — the documents grouped by service,
// the default agency and format, which buttons may be used now and why not, the saved file's
// name and size in Persian, the preview's page count, and the PDF bytes the preview receives.
import type { AppError } from './bindings/AppError';
import type { ReportFormat } from './bindings/ReportFormat';
import type { ReportInfo } from './bindings/ReportInfo';
import type { ReportRequest } from './bindings/ReportRequest';
import type { SavedReport } from './bindings/SavedReport';
import { formatNumber, toPersianDigits } from './fa';

/** The results booklet: the one document with a foreword the office writes. */
export const BOOKLET_KIND = 'booklet';
/** The festival certificates: made for one winner at a time. */
export const CERTIFICATES_KIND = 'certificates';

/** The services in the order the list shows them. */
const SERVICES: Array<{ service: string; label: string }> = [
  { service: 'accounts', label: 'حساب‌های منطقه‌ای' },
  { service: 'evaluation', label: 'ارزیابی عملکرد' },
];

export const FORMAT_LABELS: Record<ReportFormat, string> = { pdf: 'PDF', xlsx: 'Excel' };

/** The label of a service: «حساب‌های منطقه‌ای», «ارزیابی عملکرد», or the key itself. */
export function serviceLabel(service: string): string {
  return SERVICES.find((s) => s.service === service)?.label ?? service;
}

export type ReportGroup = { service: string; label: string; documents: ReportInfo[] };

/**
 * The documents by service: the regional accounts first, then the evaluation, then any other
 * service the backend may add; each group keeps the backend's order. Empty groups are left out.
 */
export function groupDocuments(documents: readonly ReportInfo[]): ReportGroup[] {
  const order = SERVICES.map((s) => s.service);
  for (const d of documents) if (!order.includes(d.service)) order.push(d.service);
  return order
    .map((service) => ({ service, label: serviceLabel(service), documents: documents.filter((d) => d.service === service) }))
    .filter((g) => g.documents.length > 0);
}

/** The first agency of the list for a document about one agency; null otherwise. */
export function defaultAgency(doc: ReportInfo): string | null {
  return doc.needs_agency ? (doc.agencies[0]?.code ?? null) : null;
}

/** `current` when the document can still be made for it, else the default agency. */
export function keepAgency(doc: ReportInfo, current: string | null): string | null {
  if (!doc.needs_agency) return null;
  return current !== null && doc.agencies.some((a) => a.code === current) ? current : defaultAgency(doc);
}

/** PDF when the document has it, else its first format; null when it lists none. */
export function defaultFormat(doc: ReportInfo): ReportFormat | null {
  return doc.formats.includes('pdf') ? 'pdf' : (doc.formats[0] ?? null);
}

/** `current` when the document has that format, else the default format. */
export function keepFormat(doc: ReportInfo, current: ReportFormat | null): ReportFormat | null {
  return current !== null && doc.formats.includes(current) ? current : defaultFormat(doc);
}

/** What the agency <select> is called: the certificates go to festival winners. */
export function agencyLabel(doc: ReportInfo): string {
  return doc.kind === CERTIFICATES_KIND ? 'دستگاه برگزیده' : 'دستگاه';
}

/** The request for the backend; the preview is always a PDF. */
export function reportRequest(doc: ReportInfo, agency: string | null, format: ReportFormat): ReportRequest {
  return { kind: doc.kind, year: doc.year, agency: doc.needs_agency ? agency : null, format };
}

export type ReportChoice = {
  agency: string | null;
  format: ReportFormat | null;
  /** A preview, a save or another action of the screen is running. */
  working: boolean;
};

/** Why the document cannot be made with these choices (Persian), or null when it can. */
function requestBlocker(doc: ReportInfo, choice: ReportChoice): string | null {
  if (doc.blocker) return doc.blocker;
  if (doc.needs_agency) {
    if (doc.agencies.length === 0) return 'هنوز دستگاهی نیست که این سند برایش ساخته شود.';
    if (choice.agency === null || !doc.agencies.some((a) => a.code === choice.agency)) return 'نخست دستگاه را برگزینید.';
  }
  if (choice.working) return 'سند دیگری در حال ساختن است؛ کمی صبر کنید.';
  return null;
}

/**
 * Which buttons may be used now: null = enabled, otherwise why not (shown on hover).
 * The preview is made only as PDF: with Excel chosen it waits for the PDF choice.
 */
export function actionBlockers(doc: ReportInfo, choice: ReportChoice): { preview: string | null; save: string | null } {
  const common = requestBlocker(doc, choice);
  let preview = common;
  if (preview === null && !doc.formats.includes('pdf')) preview = 'این سند نسخهٔ PDF ندارد و پیش‌نمایش آن ساخته نمی‌شود.';
  else if (preview === null && choice.format !== 'pdf') preview = 'پیش‌نمایش فقط برای PDF ساخته می‌شود؛ قالب PDF را برگزینید.';
  let save = common;
  if (save === null && (choice.format === null || !doc.formats.includes(choice.format))) save = 'قالب فایل را برگزینید.';
  return { preview, save };
}

/** A file size in Persian: «۸۰۰ بایت», «۲۳۴ کیلوبایت», «۱٫۸ مگابایت». */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${formatNumber(Math.round(bytes))} بایت`;
  const kb = Math.round(bytes / 1024);
  if (kb < 1024) return `${formatNumber(kb)} کیلوبایت`;
  return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} مگابایت`;
}

/** The last part of a path (either separator). */
export function fileNameOf(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? path;
}

/** «۲۳۴ کیلوبایت، ۱۲ صفحه» (the pages only for a PDF). */
export function savedSummary(saved: SavedReport): string {
  const size = formatFileSize(saved.bytes);
  const text = saved.pages === null ? size : `${size}، ${formatNumber(saved.pages)} صفحه`;
  // A final letter: the register's numbers it took, one per agency.
  if (saved.numbers.length === 0) return text;
  const numbers = saved.numbers.length > 3 ? `${formatNumber(saved.numbers.length)} شماره` : saved.numbers.map(toPersianDigits).join('، ');
  return `${text}؛ دبیرخانه: ${numbers}`;
}

/** «صفحه ۱ از ۸۰». */
export function pageCountText(current: number, total: number): string {
  return `صفحه ${toPersianDigits(current)} از ${toPersianDigits(total)}`;
}

/**
 * The PDF the preview command returned as bytes. Tauri hands a raw response over as an
 * ArrayBuffer; a typed array or a plain array of bytes is accepted too. Throws when it is
 * none of these or is not a PDF.
 */
export function pdfBytes(value: unknown): Uint8Array {
  let bytes: Uint8Array;
  if (value instanceof ArrayBuffer) bytes = new Uint8Array(value);
  else if (ArrayBuffer.isView(value)) bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  else if (Array.isArray(value) && value.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) bytes = Uint8Array.from(value);
  else throw new Error('report_preview did not return bytes');
  // «%PDF-»
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d];
  if (bytes.length < magic.length || magic.some((b, i) => bytes[i] !== b)) throw new Error('report_preview did not return a PDF');
  return bytes;
}

/** The error shown when pdf.js cannot show the preview (the technical reason as a detail). */
export function previewFailure(err: unknown): AppError {
  const detail = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  return {
    code: 'report.preview_failed',
    message:
      'پیش‌نمایش این سند نشان داده نشد. سند را ذخیره کنید و با «باز کردن برای چاپ» در نمایشگر سیستم ببینید؛ اگر باز هم نشد، متن زیر را برای پشتیبانی بفرستید.',
    details: detail ? [detail] : [],
  };
}
