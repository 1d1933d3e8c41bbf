import { describe, expect, it } from 'vitest';
import type { AppError } from '../lib/bindings/AppError';
import type { ReportCatalog } from '../lib/bindings/ReportCatalog';
import type { SavedReport } from '../lib/bindings/SavedReport';
import { groupDocuments } from '../lib/reports';
import { createReportsMock, DEFAULT_FOREWORD, mockPdf, type ReportsMockOptions } from './mockReports';

const mock = (options: ReportsMockOptions = {}) => createReportsMock({ delay: 0, ...options });
const approved = () => mock({ approved: () => true });

/** The AppError a command failed with. */
async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('the command did not fail');
}

const text = (pdf: ArrayBuffer) => new TextDecoder('latin1').decode(pdf);

describe('reports mock: the catalog', () => {
  it('lists the nine documents of 1403 in two groups', async () => {
    const c = (await mock().handle('report_catalog', {})) as ReportCatalog;
    expect(c.documents.map((d) => d.kind)).toEqual([
      'request_letter', 'check_report', 'appointment_letters', 'preliminary_sheet', 'scorecard', 'ranking', 'certificates', 'festival_report', 'booklet',
    ]);
    expect(groupDocuments(c.documents).map((g) => [g.label, g.documents.length])).toEqual([
      ['حساب‌های منطقه‌ای', 2],
      ['ارزیابی عملکرد', 7],
    ]);
    expect(c.documents.every((d) => d.year === 1403 && d.formats.join() === 'pdf,xlsx' && d.title && d.description)).toBe(true);
    expect(c.documents.filter((d) => d.needs_agency).map((d) => d.kind)).toEqual([
      'request_letter', 'check_report', 'preliminary_sheet', 'scorecard', 'certificates',
    ]);
    expect(c.documents.find((d) => d.kind === 'scorecard')?.agencies).toHaveLength(5);
    expect(c).toMatchObject({ foreword: DEFAULT_FOREWORD, foreword_is_default: true });
  });

  it('the documents of approved results wait for the approval, with a Persian reason', async () => {
    const c = (await mock().handle('report_catalog', {})) as ReportCatalog;
    const blocked = c.documents.filter((d) => d.blocker !== null);
    expect(blocked.map((d) => d.kind)).toEqual(['scorecard', 'certificates', 'festival_report', 'booklet']);
    expect(blocked[0].blocker).toBe('نتایج سال ۱۴۰۳ هنوز به تصویب شورا نرسیده است؛ پس از ثبت تصویب شورا در «ارزیابی عملکرد» ساخته می‌شود.');
    expect(blocked[1].agencies).toEqual([]);
    const after = (await approved().handle('report_catalog', {})) as ReportCatalog;
    expect(after.documents.every((d) => d.blocker === null)).toBe(true);
    expect(after.documents.find((d) => d.kind === 'certificates')?.agencies.map((a) => a.code)).toEqual(['101', '104', '105']);
  });

  it('the accounts documents follow the directory; either service can be missing', async () => {
    const agencies = () => [{ code: '110', name: 'شرکت توزیع نیروی برق لرستان' }];
    const c = (await mock({ agencies }).handle('report_catalog', {})) as ReportCatalog;
    expect(c.documents.find((d) => d.kind === 'request_letter')?.agencies).toEqual(agencies());
    const none = (await mock({ agencies: () => [] }).handle('report_catalog', {})) as ReportCatalog;
    expect(none.documents.find((d) => d.kind === 'check_report')?.blocker).toBe('دستگاهی برای این سند نیست.');
    const noEval = (await mock({ withEvaluation: false }).handle('report_catalog', {})) as ReportCatalog;
    expect(noEval.documents.map((d) => d.service)).toEqual(['accounts', 'accounts']);
    expect(noEval.foreword).toBeNull();
    const empty = (await mock({ withEvaluation: false, withAccounts: false }).handle('report_catalog', {})) as ReportCatalog;
    expect(empty.documents).toEqual([]);
  });
});

describe('reports mock: the preview PDF', () => {
  it('is a valid PDF whose cross-reference offsets point at its objects', () => {
    const pdf = text(mockPdf(3));
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.endsWith('%%EOF\n')).toBe(true);
    expect(pdf).toContain('/Count 3');
    const startxref = Number(/startxref\n(\d+)\n/.exec(pdf)?.[1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const entries = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(entries).toHaveLength(2 + 3 * 2);
    entries.forEach((offset, i) => expect(pdf.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    // Every stream's /Length is its exact length.
    for (const m of pdf.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
      const start = (m.index ?? 0) + m[0].length;
      expect(pdf.slice(start + Number(m[1]), start + Number(m[1]) + '\nendstream'.length)).toBe('\nendstream');
    }
  });

  it('pdf.js reads it: pages, size and drawing', async () => {
    // pdf.js wants Promise.withResolvers, which Node 20 lacks (browsers have it).
    const P = Promise as unknown as { withResolvers?: () => unknown };
    P.withResolvers ??= () => {
      let resolve: unknown;
      let reject: unknown;
      const promise = new Promise((a, b) => {
        resolve = a;
        reject = b;
      });
      return { promise, resolve, reject };
    };
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const task = pdfjs.getDocument({ data: new Uint8Array(mockPdf(4, { landscape: true })), verbosity: 0 });
    try {
      const doc = await task.promise;
      expect(doc.numPages).toBe(4);
      const page = await doc.getPage(2);
      expect(page.view).toEqual([0, 0, 842, 595]);
      const ops = await page.getOperatorList();
      expect(ops.fnArray.length).toBeGreaterThan(5);
    } finally {
      await task.destroy();
    }
  });

  it('report_preview returns the document as an ArrayBuffer with its pages', async () => {
    const m = approved();
    const ranking = await m.handle('report_preview', { request: { kind: 'ranking', year: 1403, agency: null, format: 'pdf' } });
    expect(ranking).toBeInstanceOf(ArrayBuffer);
    expect(text(ranking as ArrayBuffer)).toContain('/Count 3');
    const booklet = (await m.handle('report_preview', { request: { kind: 'booklet', year: 1403, agency: null, format: 'pdf' } })) as ArrayBuffer;
    expect(text(booklet)).toContain('/Count 80');
    const certificate = (await m.handle('report_preview', { request: { kind: 'certificates', year: 1403, agency: '104', format: 'pdf' } })) as ArrayBuffer;
    expect(text(certificate)).toContain('/MediaBox [0 0 842 595]');
  });

  it('refuses what the backend refuses, in Persian', async () => {
    const m = mock();
    const req = (over: Record<string, unknown>) => ({ request: { kind: 'preliminary_sheet', year: 1403, agency: '101', format: 'pdf', ...over } });
    const blocked = await failure(m.handle('report_preview', req({ kind: 'booklet', agency: null })));
    expect(blocked.code).toBe('report.not_ready');
    expect(blocked.message).toMatch(/^«کتابچهٔ نتایج» هنوز ساخته نمی‌شود: نتایج سال ۱۴۰۳/);
    expect((await failure(m.handle('report_preview', req({ agency: null })))).message).toBe(
      '«کارنامهٔ نتایج اولیه» دربارهٔ یک دستگاه است؛ کد دستگاه را هم بدهید.',
    );
    const unknown = await failure(m.handle('report_save', req({ agency: '999' })));
    expect(unknown.code).toBe('report.unknown_agency');
    expect(unknown.details).toHaveLength(5);
    expect((await failure(m.handle('report_preview', req({ kind: 'nope' })))).code).toBe('report.unknown_kind');
    // The preview is a PDF whatever the format asked.
    expect(await m.handle('report_preview', req({ format: 'xlsx' }))).toBeInstanceOf(ArrayBuffer);
  });
});

describe('reports mock: saving, opening and the foreword', () => {
  it('report_save answers with the path, size and pages; report_open opens only a saved file', async () => {
    const m = mock();
    const pdf = (await m.handle('report_save', { request: { kind: 'ranking', year: 1403, agency: null, format: 'pdf' } })) as SavedReport;
    expect(pdf).toEqual({ path: '/home/user/Documents/ranking-1403.pdf', bytes: 126_500, pages: 3 });
    const xlsx = (await m.handle('report_save', { request: { kind: 'preliminary_sheet', year: 1403, agency: '102', format: 'xlsx' } })) as SavedReport;
    expect(xlsx).toMatchObject({ path: '/home/user/Documents/preliminary_sheet-1403-102.xlsx', pages: null });
    await expect(m.handle('report_open', { path: pdf.path })).resolves.toBeNull();
    const e = await failure(m.handle('report_open', { path: '/home/user/Documents/other.pdf' }));
    expect(e.code).toBe('report.open_failed');
    expect(e.details).toEqual(['/home/user/Documents/other.pdf']);
  });

  it('keeps the foreword; empty text restores the default', async () => {
    const m = mock();
    await m.handle('report_set_foreword', { year: 1403, text: '  به نام خداوند جان و خرد  ' });
    expect(await m.handle('report_catalog', {})).toMatchObject({ foreword: 'به نام خداوند جان و خرد', foreword_is_default: false });
    await m.handle('report_set_foreword', { year: 1403, text: '' });
    expect(await m.handle('report_catalog', {})).toMatchObject({ foreword: DEFAULT_FOREWORD, foreword_is_default: true });
    expect((await failure(m.handle('report_set_foreword', { year: 1402, text: 'x' }))).code).toBe('report.unknown_year');
  });
});
