// In-memory stand-in for the Rust commands, for previewing the screens in a
// browser without Tauri: `VITE_DAFTAR_MOCK=1 npm run dev`. Never part of a
// normal build (main.ts drops the import when the variable is not set).
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Agency } from '../lib/bindings/Agency';
import type { AgencyGroup } from '../lib/bindings/AgencyGroup';
import type { AgencyInput } from '../lib/bindings/AgencyInput';
import type { AppError } from '../lib/bindings/AppError';
import type { AppState } from '../lib/bindings/AppState';
import type { EvaluationOverview } from '../lib/bindings/EvaluationOverview';
import type { ImportReport } from '../lib/bindings/ImportReport';
import type { ProvinceInfo } from '../lib/bindings/ProvinceInfo';
import { toLatinDigits } from '../lib/fa';
import { createAccountsMock } from './mockAccounts';
import { createEvaluationMock } from './mockEvaluation';
import { createReportsMock } from './mockReports';

const SEED: Array<[string, string, string, string | null, string, string, string, string]> = [
  ['101', 'اداره کل راه و شهرسازی استان لرستان', 'راه و شهرسازی', 'زیربنایی', 'وزارت راه و شهرسازی', 'علی رضایی', '066-33221100', 'info@rah-lorestan.ir'],
  ['102', 'شرکت آب منطقه‌ای لرستان', 'آب منطقه‌ای', 'زیربنایی', 'وزارت نیرو', 'مهدی کرمی', '066-33401020', ''],
  ['103', 'اداره کل آموزش و پرورش استان لرستان', 'آموزش و پرورش', 'اجتماعی', 'وزارت آموزش و پرورش', '', '066-32200011', 'edu@lorestan.ir'],
  ['104', 'دانشگاه علوم پزشکی لرستان', 'علوم پزشکی', 'اجتماعی', 'وزارت بهداشت، درمان و آموزش پزشکی', 'مریم احمدی', '', ''],
  ['105', 'اداره کل جهاد کشاورزی استان لرستان', 'جهاد کشاورزی', 'اقتصادی', 'وزارت جهاد کشاورزی', 'حسن موسوی', '066-33316000', 'agri@lorestan.ir'],
  ['106', 'اداره کل میراث فرهنگی، گردشگری و صنایع‌دستی', 'میراث فرهنگی', 'فرهنگی', 'وزارت میراث فرهنگی، گردشگری و صنایع‌دستی', 'زهرا نوری', '066-33206020', 'chto@lorestan.ir'],
  ['107', 'اداره کل ورزش و جوانان استان لرستان', 'ورزش و جوانان', 'فرهنگی', 'وزارت ورزش و جوانان', 'رضا قاسمی', '۰۶۶-۳۳۲۰۴۴۵۵', 'sport@lorestan.ir'],
  ['108', 'اداره کل صنعت، معدن و تجارت', 'صمت', 'اقتصادی', 'وزارت صنعت، معدن و تجارت', 'سارا کاظمی', '066-33405500', 'smt@lorestan.ir'],
  ['109', 'اداره کل بهزیستی استان لرستان', 'بهزیستی', 'اجتماعی', 'وزارت تعاون، کار و رفاه اجتماعی', 'فاطمه یوسفی', '066-33228800', 'behzisti@lorestan.ir'],
  ['110', 'شرکت توزیع نیروی برق لرستان', 'توزیع برق', 'زیربنایی', 'وزارت نیرو', 'امیر صادقی', '066-33209090', 'barq@lorestan.ir'],
  ['111', 'اداره کل منابع طبیعی و آبخیزداری', 'منابع طبیعی', null, 'وزارت جهاد کشاورزی', '', '', ''],
  ['112', 'اداره کل فرهنگ و ارشاد اسلامی', 'فرهنگ و ارشاد', 'فرهنگی', 'وزارت فرهنگ و ارشاد اسلامی', 'محمد حسینی', '066-33402222', 'ershad@lorestan.ir'],
  ['113', 'اداره کل تعاون، کار و رفاه اجتماعی', 'تعاون و کار', 'اجتماعی', 'وزارت تعاون، کار و رفاه اجتماعی', 'نرگس عباسی', '066-33218181', 'kar@lorestan.ir'],
  ['114', 'اداره کل نوسازی مدارس', 'نوسازی مدارس', 'زیربنایی', 'وزارت آموزش و پرورش', 'کامران بیگی', '066-33224141', 'nosazi@lorestan.ir'],
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fail = (code: string, message: string, details: string[] = []): never => {
  const e: AppError = { code, message, details };
  throw e;
};
const norm = (s: string) => toLatinDigits(s).replace(/ي/g, 'ی').replace(/ك/g, 'ک').replace(/\u200c/g, ' ').toLowerCase();

export function installMockBackend(options: { empty?: boolean } = {}) {
  const params = new URLSearchParams(location.search);
  const startOpen = params.get('open') !== '0';
  const empty = options.empty ?? params.get('empty') === '1';

  let nextId = 1;
  let agencies: Agency[] = empty
    ? []
    : SEED.map(([code, name, short_name, group, parent_ministry, focal_person, phone, email]) => ({
        id: nextId++, code, name, short_name, group, parent_ministry, focal_person, phone, email, active: true,
      }));
  if (agencies.length > 0) agencies[10].active = false;

  const lorestan: ProvinceInfo = {
    path: '/home/user/Documents/lorestan-1403.daftar',
    file_name: 'lorestan-1403.daftar',
    province: 'لرستان',
    office: 'سازمان مدیریت و برنامه‌ریزی استان لرستان',
    working_year: 1403,
    created_at: '2024-04-02T09:10:00Z',
    created_at_jalali: '1403/01/14',
    app_version: '0.1.0',
  };
  const state: AppState = {
    startup_error: null,
    province: startOpen ? lorestan : null,
    recent: [
      { path: lorestan.path, file_name: lorestan.file_name, province: 'لرستان', last_opened_jalali: '1403/05/02 10:14' },
      { path: '/home/user/Documents/ilam-1402.daftar', file_name: 'ilam-1402.daftar', province: 'ایلام', last_opened_jalali: '1402/11/20 08:03' },
    ],
  };

  const groups = (): AgencyGroup[] => {
    const names = [...new Set(agencies.map((a) => a.group).filter((g): g is string => !!g))];
    return names.map((name, i) => ({ id: i + 1, name, agency_count: agencies.filter((a) => a.group === name).length }));
  };

  const find = (code: string) => agencies.find((a) => a.code === code) ?? fail('agency.not_found', 'این دستگاه پیدا نشد؛ فهرست را دوباره باز کنید.');

  const checkCode = (input: AgencyInput, except?: Agency) => {
    const other = agencies.find((a) => a !== except && norm(a.code) === norm(input.code));
    if (other) {
      fail('agency.duplicate_code', `کد ${input.code} پیش‌تر برای «${other.name}» ثبت شده است؛ کد دیگری بنویسید.`, [
        'هر دستگاه باید کدی یکتا داشته باشد.',
      ]);
    }
  };

  const accounts = createAccountsMock(() => agencies, { withTemplate: params.get('template') !== '0' });
  const evaluation = createEvaluationMock({ withYear: params.get('eval') !== '0' });
  const reports = createReportsMock({
    agencies: () => agencies.filter((a) => a.active).map((a) => ({ code: a.code, name: a.name })),
    withAccounts: params.get('template') !== '0',
    withEvaluation: params.get('eval') !== '0',
    // The festival documents follow the evaluation mock: approve 1403 there and they unlock here.
    approved: async () => {
      try {
        return ((await evaluation.handle('eval_overview', { year: null })) as EvaluationOverview).locked;
      } catch {
        return false;
      }
    },
  });

  mockIPC(async (cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    // Both intakes report through the one progress command, as in the app.
    if (cmd === 'accounts_intake_progress' && evaluation.progress()) return evaluation.progress();
    if (cmd.startsWith('accounts_')) return accounts.handle(cmd, args);
    if (cmd.startsWith('eval_')) return evaluation.handle(cmd, args);
    if (cmd.startsWith('report_')) return reports.handle(cmd, args);
    await sleep(cmd === 'agencies_list' ? 40 : 350);
    switch (cmd) {
      case 'app_state':
        return structuredClone(state);
      case 'province_create': {
        const info: ProvinceInfo = {
          ...lorestan,
          province: String(args.province),
          office: String(args.office),
          working_year: Number(args.year),
          path: `/home/user/Documents/new-${String(args.year)}.daftar`,
          file_name: `new-${String(args.year)}.daftar`,
        };
        state.province = info;
        agencies = [];
        return info;
      }
      case 'province_open':
      case 'province_open_recent':
        if (args.index === 1) {
          fail('province.not_found', 'پرونده «ilam-1402.daftar» پیدا نشد؛ شاید جابه‌جا یا پاک شده است. با «باز کردن پرونده…» آن را از جای تازه‌اش باز کنید.', [
            '/home/user/Documents/ilam-1402.daftar',
          ]);
        }
        state.province = lorestan;
        return lorestan;
      case 'province_close':
        state.province = null;
        return null;
      case 'agencies_list': {
        const q = norm(String(args.query ?? '').trim());
        return agencies.filter(
          (a) =>
            (args.includeInactive || a.active) &&
            (q === '' || [a.code, a.name, a.short_name, a.parent_ministry].some((f) => norm(f).includes(q))),
        );
      }
      case 'agency_groups':
        return groups();
      case 'agency_add': {
        const input = args.input as AgencyInput;
        checkCode(input);
        const a: Agency = { ...input, id: nextId++, active: true };
        agencies.push(a);
        return a;
      }
      case 'agency_edit': {
        const a = find(String(args.code));
        const input = args.input as AgencyInput;
        checkCode(input, a);
        Object.assign(a, input);
        return { ...a };
      }
      case 'agency_set_active': {
        const a = find(String(args.code));
        a.active = Boolean(args.active);
        return { ...a };
      }
      case 'agencies_import': {
        const report: ImportReport = { file_name: 'دستگاه‌های-لرستان.xlsx', rows_read: 16, added: 2, updated: 3, unchanged: 11, groups_added: 1 };
        if (!agencies.some((a) => a.code === '115')) {
          agencies.push(
            { id: nextId++, code: '115', name: 'اداره کل حفاظت محیط زیست', short_name: 'محیط زیست', group: 'محیطی', parent_ministry: 'سازمان حفاظت محیط زیست', focal_person: 'نیما رحیمی', phone: '066-33201234', email: 'doe@lorestan.ir', active: true },
            { id: nextId++, code: '116', name: 'اداره کل امور عشایر', short_name: 'امور عشایر', group: 'اقتصادی', parent_ministry: 'وزارت جهاد کشاورزی', focal_person: '', phone: '066-33208080', email: '', active: true },
          );
        }
        return report;
      }
      default:
        return fail('mock.unknown_command', `فرمان ${cmd} در نسخه آزمایشی نیست.`);
    }
  });
}
