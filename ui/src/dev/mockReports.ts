// Reports for the browser preview (`VITE_DAFTAR_MOCK=1 npm run dev`) and the vitest tests: the
// catalog of the nine documents (titles, descriptions and messages of the backend's
// src/reports/catalog.rs), a real (small, hand-written) PDF for the preview so pdf.js has
// something to render, the save dialog's answer, and the booklet's foreword. The documents made
// from approved results (scorecard, certificates, festival report, booklet) wait for the
// council's approval of 1403 in the evaluation mock; the booklet is 80 pages and slow.
// Never part of a normal build.
// URL switches (through mockBackend): `?template=0` no accounts documents, `?eval=0` no
// evaluation documents (both: the empty catalog).
import type { AgencyChoice } from '../lib/bindings/AgencyChoice';
import type { AppError } from '../lib/bindings/AppError';
import type { ReportCatalog } from '../lib/bindings/ReportCatalog';
import type { ReportInfo } from '../lib/bindings/ReportInfo';
import type { ReportRequest } from '../lib/bindings/ReportRequest';
import type { SavedReport } from '../lib/bindings/SavedReport';
import { toPersianDigits } from '../lib/fa';

const YEAR = 1403;
const FOLDER = '/home/user/Documents';

const fa = (v: string | number) => toPersianDigits(v);
const fail = (code: string, message: string, details: string[] = []): never => {
  const e: AppError = { code, message, details };
  throw e;
};

/** The five agencies of the evaluation mock. */
const EVAL_AGENCIES: AgencyChoice[] = [
  { code: '101', name: 'اداره کل راه و شهرسازی استان لرستان' },
  { code: '102', name: 'شرکت آب منطقه‌ای لرستان' },
  { code: '103', name: 'اداره کل آموزش و پرورش استان لرستان' },
  { code: '104', name: 'دانشگاه علوم پزشکی لرستان' },
  { code: '105', name: 'اداره کل جهاد کشاورزی استان لرستان' },
];
/** The festival winners once the year is approved: one per group. */
const WINNERS = ['104', '105', '101'];

export const DEFAULT_FOREWORD = `کتابچهٔ حاضر نتایج ارزیابی عملکرد دستگاه‌های اجرایی استان لرستان در سال ${fa(YEAR)} را بر پایهٔ شاخص‌های عمومی، اختصاصی و توسعه‌ای ابلاغ‌شده از سوی سازمان اداری و استخدامی کشور گزارش می‌کند. امید است این نتایج راهنمای بهبود خدمت‌رسانی به مردم باشد.`;

type Kind = {
  kind: string;
  service: 'accounts' | 'evaluation';
  title: string;
  description: string;
  needsAgency: boolean;
  /** Pages of the PDF (per agency when the document is about one). */
  pages: number;
  /** Made from the council-approved results. */
  afterApproval: boolean;
  /** Landscape pages. */
  landscape?: boolean;
};

/** The backend's catalog (src/reports/catalog.rs): titles, descriptions, what waits for what. */
const KINDS: Kind[] = [
  {
    kind: 'request_letter', service: 'accounts', title: 'نامهٔ درخواست اقلام',
    description: 'نامه به دستگاه با فهرست اقلام آماری که باید بفرستد و مهلت آن.', needsAgency: true, pages: 2, afterApproval: false,
  },
  {
    kind: 'check_report', service: 'accounts', title: 'گزارش بررسی داده‌ها',
    description: 'یافته‌های آخرین بررسی در اقلام یک دستگاه: هر یافته، خانهٔ آن در کارپوشه و راه درست کردن.', needsAgency: true, pages: 3,
    afterApproval: false,
  },
  {
    kind: 'appointment_letters', service: 'evaluation', title: 'احکام اعضای کارگروه‌ها',
    description: 'ابلاغ عضویت هر عضو دبیرخانهٔ جشنواره و کمیتهٔ راهبری، هر کدام در یک صفحه.', needsAgency: false, pages: 6, afterApproval: false,
  },
  {
    kind: 'preliminary_sheet', service: 'evaluation', title: 'کارنامهٔ نتایج اولیه',
    description: 'همهٔ شاخص‌های یک دستگاه: سقف، خوداظهاری، امتیاز ارزیاب، اعتراض و نتیجهٔ آن، امتیاز نهایی.', needsAgency: true, pages: 2,
    afterApproval: false,
  },
  {
    kind: 'scorecard', service: 'evaluation', title: 'کارنامهٔ نهایی دستگاه',
    description: 'امتیاز، سطح و رتبهٔ نهایی یک دستگاه، نمودار محورها و امتیاز هر شاخص.', needsAgency: true, pages: 2, afterApproval: true,
  },
  {
    kind: 'ranking', service: 'evaluation', title: 'گزارش رتبه‌بندی',
    description: 'رتبه، امتیاز، سطح و تغییر همهٔ دستگاه‌ها با نمودار پراکندگی سطح‌ها.', needsAgency: false, pages: 3, afterApproval: false,
  },
  {
    kind: 'certificates', service: 'evaluation', title: 'تقدیرنامه',
    description: 'تقدیرنامهٔ برگزیدگان جشنواره (افقی، با کادر)، برای یک دستگاه برگزیده.', needsAgency: true, pages: 1, afterApproval: true,
    landscape: true,
  },
  {
    kind: 'festival_report', service: 'evaluation', title: 'گزارش جشنواره',
    description: 'برگزیدگان هر گروه، بیشترین رشد و تیم‌های کاری برتر جشنوارهٔ شهید رجایی.', needsAgency: false, pages: 4, afterApproval: true,
  },
  {
    kind: 'booklet', service: 'evaluation', title: 'کتابچهٔ نتایج',
    description: 'کتابچهٔ چاپی نتایج سال: پیشگفتار، روش، خلاصه، گروه‌ها، کارنامهٔ هر دستگاه، برگزیدگان و پیوست شاخص‌ها.', needsAgency: false,
    pages: 80, afterApproval: true,
  },
];

const NOT_APPROVED = `نتایج سال ${fa(YEAR)} هنوز به تصویب شورا نرسیده است؛ پس از ثبت تصویب شورا در «ارزیابی عملکرد» ساخته می‌شود.`;
const NO_AGENCY = 'دستگاهی برای این سند نیست.';

// ---------- A small, valid PDF drawn with rectangles and lines (no fonts) ----------

/** Colours as PDF operands: the app's primary blue, greys, the tier green. */
const BLUE = '0.114 0.361 0.522';
const GREY = '0.78 0.80 0.83';
const LIGHT = '0.93 0.94 0.95';
const GREEN = '0.18 0.60 0.36';

/** The drawing of one page: a header band, title, text lines (right-aligned, as Persian) and a table. */
function pageContent(index: number, total: number, width: number, height: number, certificate: boolean): string {
  const ops: string[] = [];
  const m = 40;
  if (certificate) {
    ops.push(`${BLUE} RG 6 w ${m} ${m} ${width - 2 * m} ${height - 2 * m} re S`);
    ops.push(`${GREEN} RG 1.5 w ${m + 12} ${m + 12} ${width - 2 * m - 24} ${height - 2 * m - 24} re S`);
    ops.push(`${BLUE} rg ${width / 2 - 160} ${height - 150} 320 22 re f`);
    for (let i = 0; i < 4; i++) {
      const w = 420 - i * 60;
      ops.push(`${GREY} rg ${(width - w) / 2} ${height - 220 - i * 34} ${w} 11 re f`);
    }
    ops.push(`${GREEN} rg ${width / 2 - 38} ${m + 60} 76 76 re f`);
    return ops.join('\n');
  }
  // Header band and title.
  ops.push(`${BLUE} rg ${m} ${height - 76} ${width - 2 * m} 36 re f`);
  ops.push(`${GREY} rg ${width - m - 250} ${height - 110} 250 14 re f`);
  // Paragraph lines, right-aligned, a different number on each page.
  const lines = 6 + ((index * 7) % 9);
  let y = height - 140;
  for (let i = 0; i < lines; i++) {
    const w = i % 5 === 4 ? 180 + ((index * 13 + i * 29) % 160) : width - 2 * m;
    ops.push(`${LIGHT} rg ${width - m - w} ${y} ${w} 8 re f`);
    y -= 16;
  }
  // A table on every other page: a grid of 6 columns.
  if (index % 2 === 1 && y > 260) {
    const rows = Math.min(14, Math.floor((y - 120) / 20));
    const top = y - 10;
    const bottom = top - rows * 20;
    ops.push(`${BLUE} rg ${m} ${top - 20} ${width - 2 * m} 20 re f`);
    ops.push(`0.6 G 0.5 w`);
    for (let r = 0; r <= rows; r++) ops.push(`${m} ${top - r * 20} m ${width - m} ${top - r * 20} l S`);
    const colW = (width - 2 * m) / 6;
    for (let c = 0; c <= 6; c++) ops.push(`${m + c * colW} ${top} m ${m + c * colW} ${bottom} l S`);
    // A bar for each row (a "score").
    for (let r = 1; r < rows; r++) {
      const w = 20 + ((index * 31 + r * 47) % Math.floor(colW * 2 - 30));
      ops.push(`${GREEN} rg ${m + 4} ${top - (r + 1) * 20 + 6} ${w} 8 re f`);
    }
  }
  // Footer rule and the page number as a row of small marks (1 mark per page, up to 10).
  ops.push(`${GREY} RG 0.8 w ${m} 60 m ${width - m} 60 l S`);
  const marks = Math.min(10, index + 1);
  for (let i = 0; i < marks; i++) ops.push(`${BLUE} rg ${width / 2 - marks * 4 + i * 8} 44 5 5 re f`);
  if (index === total - 1) ops.push(`${BLUE} rg ${width - m - 60} 40 60 3 re f`);
  return ops.join('\n');
}

/**
 * A valid PDF of `pages` pages (A4, or A4 landscape), drawn with filled and stroked rectangles
 * only: no fonts, so pdf.js needs nothing but the bytes. The cross-reference table has the
 * exact byte offsets.
 */
export function mockPdf(pages: number, options: { landscape?: boolean } = {}): ArrayBuffer {
  const [width, height] = options.landscape ? [842, 595] : [595, 842];
  const n = Math.max(1, Math.floor(pages));
  const objects: string[] = [];
  const pageIds = Array.from({ length: n }, (_, i) => 3 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${n} >>`;
  for (let i = 0; i < n; i++) {
    const content = pageContent(i, n, width, height, !!options.landscape);
    objects[3 + i * 2] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << >> /Contents ${4 + i * 2} 0 R >>`;
    objects[4 + i * 2] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  }
  // Everything is ASCII: one character is one byte.
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out).buffer as ArrayBuffer;
}

// ---------- The mock ----------

export type ReportsMockOptions = {
  /** Milliseconds each command waits (0 in tests); the booklet takes five times as long. */
  delay?: number;
  /** The agencies the accounts documents can be made for (the directory's active agencies). */
  agencies?: () => AgencyChoice[];
  /** false: the year's template is not imported, so no accounts documents. */
  withAccounts?: boolean;
  /** false: no evaluation year, so no evaluation documents. */
  withEvaluation?: boolean;
  /** Whether the evaluation year's results are approved (the festival documents wait for it). */
  approved?: () => boolean | Promise<boolean>;
};

export function createReportsMock(options: ReportsMockOptions = {}) {
  const delay = options.delay ?? 300;
  const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
  const accountsAgencies = options.agencies ?? (() => EVAL_AGENCIES);
  const withAccounts = options.withAccounts ?? true;
  const withEvaluation = options.withEvaluation ?? true;
  let foreword: string | null = null;
  /** Paths report_save wrote (report_open opens only those). */
  const saved = new Set<string>();

  async function catalog(): Promise<ReportCatalog> {
    const approved = withEvaluation ? await (options.approved?.() ?? false) : false;
    const documents: ReportInfo[] = KINDS.filter((k) => (k.service === 'accounts' ? withAccounts : withEvaluation)).map((k) => {
      let agencies: AgencyChoice[] = [];
      if (k.needsAgency) {
        if (k.service === 'accounts') agencies = accountsAgencies().map((a) => ({ ...a }));
        else if (k.kind === 'certificates') agencies = approved ? EVAL_AGENCIES.filter((a) => WINNERS.includes(a.code)) : [];
        else agencies = EVAL_AGENCIES.map((a) => ({ ...a }));
      }
      return {
        kind: k.kind, title: k.title, service: k.service, description: k.description, year: YEAR, needs_agency: k.needsAgency,
        agencies, formats: ['pdf', 'xlsx'],
        blocker: k.afterApproval && !approved ? NOT_APPROVED : k.needsAgency && agencies.length === 0 ? NO_AGENCY : null,
      };
    });
    return {
      documents,
      foreword: withEvaluation ? (foreword ?? DEFAULT_FOREWORD) : null,
      foreword_is_default: foreword === null,
    };
  }

  /** The document a request asks for, checked as the backend does (with its messages). */
  async function check(request: unknown): Promise<{ kind: Kind; request: ReportRequest }> {
    const r = (request ?? {}) as Partial<ReportRequest>;
    const doc = (await catalog()).documents.find((d) => d.kind === r.kind);
    const kind = KINDS.find((k) => k.kind === r.kind);
    if (!doc || !kind) {
      return fail('report.unknown_kind', `سندی با نام «${String(r.kind ?? '')}» در دفتر نیست؛ یکی از این‌ها را بنویسید: ${KINDS.map((k) => k.kind).join('، ')}.`);
    }
    if (doc.blocker) fail('report.not_ready', `«${doc.title}» هنوز ساخته نمی‌شود: ${doc.blocker}`);
    let agency: string | null = null;
    if (doc.needs_agency) {
      agency = String(r.agency ?? '').trim();
      if (!agency) fail('report.agency_required', `«${doc.title}» دربارهٔ یک دستگاه است؛ کد دستگاه را هم بدهید.`);
      if (!doc.agencies.some((a) => a.code === agency)) {
        fail('report.unknown_agency', `«${doc.title}» برای دستگاهی با کد «${agency}» ساخته نمی‌شود.`, doc.agencies.map((a) => `${a.code} — ${a.name}`));
      }
    }
    return { kind, request: { kind: doc.kind, year: Number(r.year ?? doc.year), agency, format: r.format === 'xlsx' ? 'xlsx' : 'pdf' } };
  }

  /** Handles a report command; throws an AppError as the backend would. */
  async function handle(cmd: string, args: Record<string, unknown>): Promise<unknown> {
    switch (cmd) {
      case 'report_catalog':
        await sleep(Math.min(delay, 80));
        return catalog();
      case 'report_preview': {
        // Always a PDF, whatever the request's format.
        const { kind } = await check(args.request);
        await sleep(kind.pages > 20 ? delay * 5 : delay);
        return mockPdf(kind.pages, { landscape: kind.landscape });
      }
      case 'report_save': {
        const { kind, request } = await check(args.request);
        await sleep(kind.pages > 20 ? delay * 5 : delay);
        const name = [request.kind, String(request.year), ...(request.agency ? [request.agency] : [])].join('-');
        const path = `${FOLDER}/${name}.${request.format}`;
        saved.add(path);
        const report: SavedReport =
          request.format === 'pdf'
            ? { path, bytes: 62_000 + kind.pages * 21_500, pages: kind.pages }
            : { path, bytes: 18_000 + kind.pages * 4_100, pages: null };
        return report;
      }
      case 'report_open': {
        await sleep(Math.min(delay, 80));
        const path = String(args.path ?? '');
        if (!saved.has(path)) {
          fail('report.open_failed', 'فایل برای باز کردن پیدا نشد؛ شاید جابه‌جا یا پاک شده است. سند را دوباره ذخیره کنید.', [path]);
        }
        return null;
      }
      case 'report_set_foreword': {
        await sleep(delay);
        if (!withEvaluation) fail('evaluation.no_year', `ارزیابی سال ${fa(YEAR)} هنوز آغاز نشده است؛ نخست سال را بسازید (daftar eval init).`);
        if (Number(args.year) !== YEAR) fail('report.unknown_year', `کتابچهٔ نتایج سال ${fa(String(args.year ?? '—'))} در این پرونده نیست.`);
        const text = String(args.text ?? '').trim();
        foreword = text === '' ? null : text;
        return null;
      }
      default:
        return fail('mock.unknown_command', `فرمان ${cmd} در نسخه آزمایشی نیست.`);
    }
  }

  return { handle };
}
