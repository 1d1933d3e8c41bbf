import { describe, expect, it } from 'vitest';
import type { ReportInfo } from './bindings/ReportInfo';
import {
  actionBlockers,
  agencyLabel,
  defaultAgency,
  defaultFormat,
  fileNameOf,
  formatFileSize,
  groupDocuments,
  keepAgency,
  keepFormat,
  pageCountText,
  pdfBytes,
  previewFailure,
  reportRequest,
  savedSummary,
  serviceLabel,
} from './reports';

function doc(over: Partial<ReportInfo> = {}): ReportInfo {
  return {
    kind: 'ranking',
    title: 'جدول رتبه‌بندی دستگاه‌ها',
    service: 'evaluation',
    description: 'رتبه، امتیاز و سطح همهٔ دستگاه‌ها',
    year: 1403,
    needs_agency: false,
    batchable: false,
    agencies: [],
    formats: ['pdf', 'xlsx'],
    blocker: null,
    ...over,
  };
}

const AGENCIES = [
  { code: '101', name: 'اداره کل راه و شهرسازی استان لرستان' },
  { code: '102', name: 'شرکت آب منطقه‌ای لرستان' },
];
const scorecard = doc({ kind: 'scorecard', title: 'کارنامهٔ نهایی دستگاه', needs_agency: true, agencies: AGENCIES });
const letter = doc({ kind: 'request_letter', service: 'accounts', needs_agency: true, agencies: AGENCIES, formats: ['pdf'] });

describe('reports: grouping', () => {
  it('puts the accounts first, keeps the backend order and drops empty groups', () => {
    const docs = [doc(), scorecard, letter, doc({ kind: 'check_report', service: 'accounts' })];
    const groups = groupDocuments(docs);
    expect(groups.map((g) => g.label)).toEqual(['حساب‌های منطقه‌ای', 'ارزیابی عملکرد']);
    expect(groups[0].documents.map((d) => d.kind)).toEqual(['request_letter', 'check_report']);
    expect(groups[1].documents.map((d) => d.kind)).toEqual(['ranking', 'scorecard']);
    expect(groupDocuments([doc()]).map((g) => g.service)).toEqual(['evaluation']);
    expect(groupDocuments([])).toEqual([]);
  });

  it('an unknown service comes last under its own name', () => {
    const groups = groupDocuments([doc({ service: 'budget' }), doc()]);
    expect(groups.map((g) => g.label)).toEqual(['ارزیابی عملکرد', 'budget']);
    expect(serviceLabel('accounts')).toBe('حساب‌های منطقه‌ای');
  });
});

describe('reports: choices', () => {
  it('the default agency is the first one, only when the document needs one', () => {
    expect(defaultAgency(scorecard)).toBe('101');
    expect(defaultAgency(doc())).toBeNull();
    expect(defaultAgency(doc({ needs_agency: true }))).toBeNull();
  });

  it('keeps a chosen agency while it is still in the list', () => {
    expect(keepAgency(scorecard, '102')).toBe('102');
    expect(keepAgency(scorecard, '999')).toBe('101');
    expect(keepAgency(scorecard, null)).toBe('101');
    expect(keepAgency(doc(), '102')).toBeNull();
  });

  it('PDF is the default format; a chosen format stays when the document has it', () => {
    expect(defaultFormat(doc())).toBe('pdf');
    expect(defaultFormat(doc({ formats: ['xlsx'] }))).toBe('xlsx');
    expect(defaultFormat(doc({ formats: [] }))).toBeNull();
    expect(keepFormat(doc(), 'xlsx')).toBe('xlsx');
    expect(keepFormat(letter, 'xlsx')).toBe('pdf');
  });

  it('labels the agency of a certificate as a winner', () => {
    expect(agencyLabel(doc({ kind: 'certificates' }))).toBe('دستگاه برگزیده');
    expect(agencyLabel(scorecard)).toBe('دستگاه');
  });

  it('builds the request; a document about no agency sends null', () => {
    expect(reportRequest(scorecard, '102', 'xlsx')).toEqual({ kind: 'scorecard', year: 1403, agency: '102', format: 'xlsx' });
    expect(reportRequest(doc(), '102', 'pdf')).toEqual({ kind: 'ranking', year: 1403, agency: null, format: 'pdf' });
  });
});

describe('reports: which buttons may be used', () => {
  const ready = { agency: null, format: 'pdf' as const, working: false };

  it('both when nothing stands in the way', () => {
    expect(actionBlockers(doc(), ready)).toEqual({ preview: null, save: null });
    expect(actionBlockers(scorecard, { ...ready, agency: '102' })).toEqual({ preview: null, save: null });
  });

  it('neither while the document has a blocker, which is the reason', () => {
    const blocker = 'نتایج نهایی هنوز تصویب نشده است؛ نخست تصویب شورا را ثبت کنید.';
    expect(actionBlockers(doc({ blocker }), ready)).toEqual({ preview: blocker, save: blocker });
  });

  it('neither without an agency, or while something runs', () => {
    expect(actionBlockers(scorecard, ready).save).toBe('نخست دستگاه را برگزینید.');
    expect(actionBlockers(scorecard, { ...ready, agency: '999' }).preview).toBe('نخست دستگاه را برگزینید.');
    expect(actionBlockers(doc({ needs_agency: true }), ready).save).toBe('هنوز دستگاهی نیست که این سند برایش ساخته شود.');
    const busy = actionBlockers(doc(), { ...ready, working: true });
    expect(busy.preview).toContain('در حال ساختن');
    expect(busy.save).toContain('در حال ساختن');
  });

  it('the preview only as PDF; saving Excel is fine', () => {
    const excel = actionBlockers(doc(), { ...ready, format: 'xlsx' });
    expect(excel.preview).toBe('پیش‌نمایش فقط برای PDF ساخته می‌شود؛ قالب PDF را برگزینید.');
    expect(excel.save).toBeNull();
    const noPdf = actionBlockers(doc({ formats: ['xlsx'] }), { ...ready, format: 'xlsx' });
    expect(noPdf.preview).toBe('این سند نسخهٔ PDF ندارد و پیش‌نمایش آن ساخته نمی‌شود.');
    expect(actionBlockers(letter, { ...ready, agency: '101', format: 'xlsx' }).save).toBe('قالب فایل را برگزینید.');
    expect(actionBlockers(doc(), { ...ready, format: null }).save).toBe('قالب فایل را برگزینید.');
  });
});

describe('reports: the saved file', () => {
  it('formats sizes in Persian', () => {
    expect(formatFileSize(800)).toBe('۸۰۰ بایت');
    expect(formatFileSize(239_616)).toBe('۲۳۴ کیلوبایت');
    expect(formatFileSize(1_887_437)).toBe('۱٫۸ مگابایت');
    expect(formatFileSize(3 * 1024 * 1024)).toBe('۳ مگابایت');
    expect(formatFileSize(-1)).toBe('—');
  });

  it('the file name of a path, with either separator', () => {
    expect(fileNameOf('/home/user/Documents/ranking-1403.pdf')).toBe('ranking-1403.pdf');
    expect(fileNameOf('C:\\Users\\daftar\\کتابچهٔ نتایج ۱۴۰۳.pdf')).toBe('کتابچهٔ نتایج ۱۴۰۳.pdf');
    expect(fileNameOf('ranking.xlsx')).toBe('ranking.xlsx');
  });

  it('summarises size and pages', () => {
    expect(savedSummary({ path: '/a.pdf', bytes: 239_616, pages: 12, numbers: [] })).toBe('۲۳۴ کیلوبایت، ۱۲ صفحه');
    expect(savedSummary({ path: '/a.xlsx', bytes: 18_432, pages: null, numbers: [] })).toBe('۱۸ کیلوبایت');
  });

  it('names the register numbers a final letter took', () => {
    expect(savedSummary({ path: '/a.pdf', bytes: 2048, pages: 1, numbers: ['1405/7/ص'] })).toBe('۲ کیلوبایت، ۱ صفحه؛ دبیرخانه: ۱۴۰۵/۷/ص');
    const many = ['1', '2', '3', '4'].map((n) => `1405/${n}/ص`);
    expect(savedSummary({ path: '/a.pdf', bytes: 2048, pages: 4, numbers: many })).toBe('۲ کیلوبایت، ۴ صفحه؛ دبیرخانه: ۴ شماره');
  });

  it('counts the preview pages in Persian', () => {
    expect(pageCountText(1, 80)).toBe('صفحه ۱ از ۸۰');
  });
});

describe('reports: the preview bytes', () => {
  const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

  it('accepts an ArrayBuffer, a typed array or an array of bytes', () => {
    expect(pdfBytes(pdf.buffer)).toEqual(pdf);
    expect(pdfBytes(pdf)).toEqual(pdf);
    expect(pdfBytes(Array.from(pdf))).toEqual(pdf);
    const inner = new Uint8Array([0, ...pdf]).subarray(1);
    expect(pdfBytes(inner)).toEqual(pdf);
  });

  it('refuses anything that is not a PDF', () => {
    expect(() => pdfBytes(new TextEncoder().encode('PK\u0003\u0004').buffer)).toThrow('not return a PDF');
    expect(() => pdfBytes('%PDF-1.4')).toThrow('not return bytes');
    expect(() => pdfBytes([37, 80, 999])).toThrow('not return bytes');
    expect(() => pdfBytes(null)).toThrow();
  });
});

describe('reports: a preview that cannot be shown', () => {
  it('says what to do instead, with the technical reason as a detail', () => {
    const e = previewFailure(new Error('Invalid PDF structure.'));
    expect(e.code).toBe('report.preview_failed');
    expect(e.message).toContain('«باز کردن برای چاپ»');
    expect(e.details).toEqual(['Invalid PDF structure.']);
    expect(previewFailure(undefined).details).toEqual([]);
  });
});
