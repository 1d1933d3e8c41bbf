// Regional accounts for the browser preview (`VITE_DAFTAR_MOCK=1 npm run dev`): seven tables of
// the 1403 fixture template (fixtures/src/accounts), the mock's agencies as suppliers, a check run
// that really re-evaluates a handful of rules, approval and locking as the backend does them.
// Never part of a normal build. URL switch: `?template=0` starts before the template is imported.
import itemsTsv from '../../../fixtures/src/accounts/items.tsv?raw';
import tablesTsv from '../../../fixtures/src/accounts/tables.tsv?raw';
import prevTsv from '../../../fixtures/src/accounts/values-1402.tsv?raw';
import nowTsv from '../../../fixtures/src/accounts/values-1403.tsv?raw';
import type { AccountsOverview } from '../lib/bindings/AccountsOverview';
import type { Agency } from '../lib/bindings/Agency';
import type { AgencyStatus } from '../lib/bindings/AgencyStatus';
import type { AppError } from '../lib/bindings/AppError';
import type { CheckFailure } from '../lib/bindings/CheckFailure';
import type { CheckRun } from '../lib/bindings/CheckRun';
import type { Dashboard } from '../lib/bindings/Dashboard';
import type { FailedItem } from '../lib/bindings/FailedItem';
import type { GeneratedWorkbook } from '../lib/bindings/GeneratedWorkbook';
import type { IntakeProgress } from '../lib/bindings/IntakeProgress';
import type { IntakeResult } from '../lib/bindings/IntakeResult';
import type { ItemKind } from '../lib/bindings/ItemKind';
import type { ItemRow } from '../lib/bindings/ItemRow';
import type { Manifest } from '../lib/bindings/Manifest';
import type { ReviewState } from '../lib/bindings/ReviewState';
import type { RuleSummary } from '../lib/bindings/RuleSummary';
import type { Severity } from '../lib/bindings/Severity';
import type { TableStatus } from '../lib/bindings/TableStatus';
import type { TemplateImportReport } from '../lib/bindings/TemplateImportReport';
import type { TemplateItem } from '../lib/bindings/TemplateItem';
import { formatNumber, toLatinDigits, toPersianDigits } from '../lib/fa';

const YEAR = 1403;
const TABLES = ['T01', 'T02', 'T03', 'T05', 'T06', 'T08', 'T09'];
/** Fixture agency code -> the mock's agency code (null: left without a supplier). */
const AGENCY_MAP: Record<string, string | null> = {
  '501': '105', '508': null, '201': '110', '203': '102', '204': '102', '502': '101', '507': '101', '101': '103',
  '401': '104', '402': '113',
};
/** T08 is long: the preview keeps the primary and total rows. */
const T08_ROWS = ['PRIMARY', 'TOTAL'];
const TODAY = '1403/09/18';
const FOLDER = '/home/user/Documents/حساب‌های منطقه‌ای ۱۴۰۳';

type Value = { number: number | null; text: string | null; note: string; cell: string };
type Part = { state: ReviewState; at: string; by: string };
type Rule = {
  code: string;
  severity: Severity;
  description: string;
  items: string[];
  /** true = passes, false = fails, null = not computable. */
  test: (v: (code: string) => number | null, prev: (code: string) => number | null) => boolean | null;
  message: (v: (code: string) => number | null) => string;
};

const rowsOf = (tsv: string) =>
  tsv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));

const fail = (code: string, message: string, details: string[] = []): never => {
  const e: AppError = { code, message, details };
  throw e;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fa = (n: number | null) => (n === null ? '—' : formatNumber(n));
const nowStamp = () => {
  const d = new Date();
  return `${TODAY} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
const KIND: Record<string, ItemKind> = { 'عدد': 'number', 'عدد صحیح': 'integer', 'درصد': 'percent', 'متن': 'text' };

/** Days between two Jalali dates, near enough for the preview. */
function dayNumber(date: string): number {
  const [y, m, d] = date.split('/').map(Number);
  return y * 365 + (m <= 7 ? (m - 1) * 31 : 186 + (m - 7) * 30) + d;
}

const sum = (v: (c: string) => number | null, codes: string[]) => {
  let total = 0;
  for (const c of codes) {
    const x = v(c);
    if (x === null) return null;
    total += x;
  }
  return total;
};
const RF = ['WHEAT', 'BARLEY', 'CHICKPEA', 'LENTIL', 'RAPESEED', 'FORAGE', 'OTHER'].map((c) => `T01.${c}_RF.AREA`);
const LIVESTOCK = ['SHEEP', 'GOAT', 'CATTLE', 'BUFFALO'].map((c) => `T02.${c}.HEADS`);
const HOSP = ['PUBLIC', 'SSO', 'PRIVATE', 'OTHER'].map((c) => `T09.${c}.HOSP`);

const RULES: Rule[] = [
  {
    code: 'R-T01-03', severity: 'error', description: 'T01.TOTAL_RF.AREA == sum(…_RF.AREA) ~ 0.5', items: ['T01.TOTAL_RF.AREA', ...RF],
    test: (v) => {
      const s = sum(v, RF);
      const t = v('T01.TOTAL_RF.AREA');
      return s === null || t === null ? null : Math.abs(t - s) <= 0.5;
    },
    message: (v) => `جمع سطح زیرکشت دیم (${fa(v('T01.TOTAL_RF.AREA'))} هکتار) با جمع سطح محصولات دیم برابر نیست؛ سطر جمع یا اقلام آن را اصلاح کنید.`,
  },
  {
    code: 'R-T01-12', severity: 'warning', description: 'between(T01.RICE_IRR.PROD / T01.RICE_IRR.AREA, 3, 7)', items: ['T01.RICE_IRR.PROD', 'T01.RICE_IRR.AREA'],
    test: (v) => {
      const [p, a] = [v('T01.RICE_IRR.PROD'), v('T01.RICE_IRR.AREA')];
      return p === null || a === null || a === 0 ? null : p / a >= 3 && p / a <= 7;
    },
    message: (v) =>
      `عملکرد شلتوک (تولید ${fa(v('T01.RICE_IRR.PROD'))} تن در ${fa(v('T01.RICE_IRR.AREA'))} هکتار) خارج از دامنهٔ ۳ تا ۷ تن در هکتار است؛ سطح یا تولید (و واحد آن) را بررسی کنید یا علت را در یادداشت بنویسید.`,
  },
  {
    code: 'R-T02-01', severity: 'error', description: 'T02.TOTAL_LIVESTOCK.HEADS == sum(T02.SHEEP.HEADS .. T02.BUFFALO.HEADS) ~ 0.5', items: ['T02.TOTAL_LIVESTOCK.HEADS', ...LIVESTOCK],
    test: (v) => {
      const s = sum(v, LIVESTOCK);
      const t = v('T02.TOTAL_LIVESTOCK.HEADS');
      return s === null || t === null ? null : Math.abs(t - s) <= 0.5;
    },
    message: (v) => `جمع دام (${fa(v('T02.TOTAL_LIVESTOCK.HEADS'))} رأس) با جمع گوسفند، بز، گاو و گاومیش برابر نیست؛ سطر جمع یا اقلام آن را اصلاح کنید.`,
  },
  {
    code: 'R-T03-03', severity: 'error', description: 'present(T03.PEAK.LOAD)', items: ['T03.PEAK.LOAD'],
    test: (v) => v('T03.PEAK.LOAD') !== null,
    message: () => 'حداکثر بار همزمان شبکه (پیک، مگاوات) وارد نشده است؛ این قلم الزامی است، آن را از گزارش دیسپاچینگ وارد کنید.',
  },
  {
    code: 'R-T06-03', severity: 'warning', description: 'abs(change(T06.RESIDENTIAL.NUM)) <= 0.3', items: ['T06.RESIDENTIAL.NUM'],
    test: (v, prev) => {
      const [x, p] = [v('T06.RESIDENTIAL.NUM'), prev('T06.RESIDENTIAL.NUM')];
      return x === null || p === null || p === 0 ? null : Math.abs(x / p - 1) <= 0.3;
    },
    message: (v) => `تعداد پروانه‌های مسکونی (${fa(v('T06.RESIDENTIAL.NUM'))} فقره) بیش از ۳۰ درصد با سال قبل تفاوت دارد؛ رقم را بررسی کنید یا علت را در یادداشت بنویسید.`,
  },
  {
    code: 'R-T09-01', severity: 'error', description: 'T09.TOTAL.HOSP == sum(T09.PUBLIC.HOSP, T09.SSO.HOSP, T09.PRIVATE.HOSP, T09.OTHER.HOSP) ~ 0.5', items: ['T09.TOTAL.HOSP', ...HOSP],
    test: (v) => {
      const s = sum(v, HOSP);
      const t = v('T09.TOTAL.HOSP');
      return s === null || t === null ? null : Math.abs(t - s) <= 0.5;
    },
    message: (v) => `سطر جمع ستون «بیمارستان» (${fa(v('T09.TOTAL.HOSP'))}) با جمع بخش‌های دولتی، تأمین اجتماعی، خصوصی و سایر برابر نیست؛ سطر جمع یا اقلام آن را اصلاح کنید.`,
  },
  {
    code: 'R-T09-05', severity: 'warning', description: 'between(T09.OCCUPANCY.PCT, 30, 100)', items: ['T09.OCCUPANCY.PCT'],
    test: (v) => {
      const x = v('T09.OCCUPANCY.PCT');
      return x === null ? null : x >= 30 && x <= 100;
    },
    message: (v) => `ضریب اشغال تخت (${fa(v('T09.OCCUPANCY.PCT'))} درصد) خارج از دامنهٔ ۳۰ تا ۱۰۰ درصد است؛ رقم را به درصد بنویسید.`,
  },
];

export function createAccountsMock(getAgencies: () => Agency[], options: { withTemplate: boolean }) {
  const titles = new Map(rowsOf(tablesTsv).map(([code, title]) => [code, title]));
  const allItems: TemplateItem[] = rowsOf(itemsTsv)
    .filter(([table, code]) => TABLES.includes(table) && (table !== 'T08' || T08_ROWS.includes(code.split('.')[1])))
    .map(([table, code, row, col, unit, kind, decimals, required, agency]) => ({
      code, table_code: table, row_label: row, col_label: col, unit, kind: KIND[kind] ?? 'number',
      decimals: Number(decimals), required: required === 'بله', agency_code: agency ? (AGENCY_MAP[agency] ?? null) : null,
    }));
  // One item of T08 goes to the school-renovation agency, which has no workbook yet.
  const classes = allItems.find((i) => i.code === 'T08.TOTAL.CLASSES');
  if (classes) classes.agency_code = '114';

  const prev = new Map(rowsOf(prevTsv).map(([code, v]) => [code, Number(v)]));
  const cellOf = (code: string) => {
    const item = allItems.find((i) => i.code === code);
    const index = item ? allItems.filter((i) => i.table_code === item.table_code).indexOf(item) : 0;
    return `${code.split('.')[0]}!${index % 2 === 0 ? 'D' : 'E'}${7 + Math.floor(index / 2)}`;
  };

  let items: TemplateItem[] = options.withTemplate ? allItems.map((i) => ({ ...i })) : [];
  const values = new Map<string, Value>();
  const parts = new Map<string, Part>();
  const explanations: Record<string, string> = {};
  let lastRun: { ran_at: string; ran_at_jalali: string; failures: CheckFailure[] } | null = null;
  let deadline: string | null = '1403/09/30';
  let progress: IntakeProgress | null = null;
  const templateVersion = '1403.2';

  const agencyName = (code: string | null) => (code ? (getAgencies().find((a) => a.code === code)?.name ?? null) : null);
  const partKey = (agency: string, table: string) => `${agency}/${table}`;
  const num = (code: string) => values.get(code)?.number ?? null;
  const hasValue = (code: string) => {
    const v = values.get(code);
    return !!v && (v.number !== null || (v.text ?? '') !== '');
  };

  function seed() {
    const now = new Map(rowsOf(nowTsv).map(([code, v, note]) => [code, { v, note: note ?? '' }]));
    const returned = ['105/T01', '105/T02', '110/T03', '102/T05', '101/T06', '104/T09', '113/T09'];
    for (const item of items) {
      const manual = item.agency_code === null;
      if (!manual && !returned.includes(partKey(item.agency_code ?? '', item.table_code))) continue;
      if (item.code === 'T02.SLAUGHTER.HEADS') continue;
      const row = now.get(item.code);
      if (!row) continue;
      const n = row.v === '' ? null : Number(row.v);
      values.set(item.code, {
        number: item.kind === 'text' || n === null ? null : n,
        text: item.kind === 'text' ? row.v : null,
        note: row.note,
        cell: manual ? '' : cellOf(item.code),
      });
    }
    // The preview's story: honey came later and was filled in; private physicians too; the
    // occupancy rate was sent as a fraction-looking number that needs an explanation.
    values.set('T02.HONEY.PROD', { number: 1843, text: null, note: '', cell: cellOf('T02.HONEY.PROD') });
    values.set('T09.PRIVATE.PHYS', { number: 164, text: null, note: '', cell: cellOf('T09.PRIVATE.PHYS') });
    values.set('T09.OCCUPANCY.PCT', { number: 27.4, text: null, note: '', cell: cellOf('T09.OCCUPANCY.PCT') });

    const set = (key: string, state: ReviewState, at: string, by = 'کارشناس حساب‌ها') => parts.set(key, { state, at, by });
    set('105/T01', 'checked', '1403/09/12 11:20');
    set('105/T02', 'approved', '1403/09/14 09:05', 'مریم احمدی');
    set('110/T03', 'checked', '1403/09/12 11:20');
    set('102/T05', 'checked', '1403/09/12 11:20');
    set('101/T06', 'checked', '1403/09/12 11:20');
    set('103/T08', 'requested', '1403/08/01 08:30');
    set('104/T09', 'checked', '1403/09/12 11:20');
    set('113/T09', 'checked', '1403/09/12 11:20');
    runChecks(false, '1403/09/12 11:20');
    // A corrected workbook of the water company came back after the check.
    const t05 = values.get('T05.WELLS.SUPPLY');
    if (t05?.number != null) t05.number = Math.round((t05.number + 3.4) * 10) / 10;
    set('102/T05', 'received', '1403/09/16 13:40');
    explanations['R-T06-03'] = 'کاهش صدور پروانه به‌سبب رکود بازار مسکن و افزایش عوارض صدور پروانه در شهرداری‌ها؛ با راه و شهرسازی تلفنی تأیید شد.';
  }

  function failedItem(code: string): FailedItem {
    const item = items.find((i) => i.code === code);
    const v = values.get(code);
    return {
      code, label: item ? (item.col_label ? `${item.row_label} / ${item.col_label}` : item.row_label) : code,
      value: v?.number ?? null, cell: v?.cell ?? '', agency_code: item?.agency_code ?? null, agency_name: agencyName(item?.agency_code ?? null),
    };
  }

  function runChecks(advance: boolean, stamp = nowStamp()): CheckRun {
    const failures: CheckFailure[] = [];
    const rules: RuleSummary[] = [];
    const builtin = (code: string, description: string, check: (i: TemplateItem) => string | null | undefined) => {
      const s: RuleSummary = { code, severity: 'error', description, items_checked: 0, passed: 0, failed: 0, not_computable: 0, missing: [] };
      for (const item of items) {
        const r = check(item);
        if (r === undefined) continue;
        s.items_checked++;
        if (r === null) s.passed++;
        else {
          s.failed++;
          failures.push({ rule_code: code, severity: 'error', message: r, items: [failedItem(item.code)] });
        }
      }
      rules.push(s);
    };
    const label = (i: TemplateItem) => (i.col_label ? `${i.row_label} / ${i.col_label}` : i.row_label);
    builtin('B-REQUIRED', 'اقلام الزامی مقدار دارند', (i) =>
      i.required ? (hasValue(i.code) ? null : `«${label(i)}» الزامی است و مقداری ندارد؛ مقدار را بنویسید.`) : undefined,
    );
    builtin('B-KIND', 'مقدار با نوع قلم می‌خواند (عدد صحیح، درصد)', (i) => {
      const n = num(i.code);
      if (n === null || i.kind === 'text') return undefined;
      if (i.kind === 'integer' && !Number.isInteger(n)) return `«${label(i)}» باید عدد صحیح باشد، نه ${toPersianDigits(String(n))}.`;
      if (i.kind === 'percent' && (n < 0 || n > 100)) return `«${label(i)}» درصد است و باید میان ۰ و ۱۰۰ باشد.`;
      return null;
    });
    builtin('B-NONNEGATIVE', 'مقدار منفی نیست', (i) => {
      const n = num(i.code);
      if (n === null) return undefined;
      return n < 0 ? `«${label(i)}» منفی است؛ مقدار منفی پذیرفته نیست.` : null;
    });
    for (const rule of RULES) {
      const result = rule.test(num, (c) => prev.get(c) ?? null);
      rules.push({
        code: rule.code, severity: rule.severity, description: rule.description, items_checked: rule.items.length,
        passed: result === true ? 1 : 0, failed: result === false ? 1 : 0, not_computable: result === null ? 1 : 0,
        missing: result === null ? rule.items.filter((c) => num(c) === null) : [],
      });
      if (result === false) {
        failures.push({ rule_code: rule.code, severity: rule.severity, message: rule.message(num), items: rule.items.map(failedItem) });
      }
    }
    lastRun = { ran_at: new Date().toISOString(), ran_at_jalali: stamp, failures };
    if (advance) {
      for (const p of parts.values()) {
        if (p.state === 'received') Object.assign(p, { state: 'checked', at: stamp, by: 'کارشناس حساب‌ها' });
      }
    }
    const outcome = (key: 'passed' | 'failed' | 'not_computable') => rules.reduce((n, r) => n + r[key], 0);
    return {
      year: YEAR, ran_at: lastRun.ran_at, rules, failures, passed: outcome('passed'), failed: outcome('failed'),
      not_computable: outcome('not_computable'),
      errors: failures.filter((f) => f.severity === 'error').length, warnings: failures.filter((f) => f.severity === 'warning').length,
    };
  }

  function dashboard(): Dashboard {
    const agencies: AgencyStatus[] = [];
    for (const agency of getAgencies()) {
      const tables: TableStatus[] = [];
      for (const table of TABLES) {
        const mine = items.filter((i) => i.table_code === table && i.agency_code === agency.code);
        if (mine.length === 0) continue;
        const codes = mine.map((i) => i.code);
        const part = parts.get(partKey(agency.code, table));
        const t: TableStatus = {
          table_code: table, table_title: titles.get(table) ?? table, state: part?.state ?? null,
          changed_at_jalali: part?.at ?? '', changed_by: part?.by ?? '', items: mine.length,
          values: codes.filter(hasValue).length, missing_required: mine.filter((i) => i.required && !hasValue(i.code)).length,
          errors: [], warnings: [], unexplained_warnings: [],
        };
        for (const f of lastRun?.failures ?? []) {
          if (!f.items.some((i) => codes.includes(i.code))) continue;
          const list = f.severity === 'error' ? t.errors : t.warnings;
          if (!list.includes(f.rule_code)) list.push(f.rule_code);
          if (f.severity === 'warning' && !explanations[f.rule_code] && !t.unexplained_warnings.includes(f.rule_code)) {
            t.unexplained_warnings.push(f.rule_code);
          }
        }
        tables.push(t);
      }
      if (tables.length > 0) agencies.push({ agency_code: agency.code, agency_name: agency.name, tables });
    }
    return {
      year: YEAR, deadline, days_left: deadline ? dayNumber(deadline) - dayNumber(TODAY) : null,
      last_check_jalali: lastRun?.ran_at_jalali ?? null, unassigned_items: items.filter((i) => i.agency_code === null).length, agencies,
    };
  }

  function overview(): AccountsOverview {
    if (items.length === 0) return { year: YEAR, template: null, dashboard: null, assignments: null };
    const active = getAgencies().filter((a) => a.active);
    const perAgency = active
      .map((a): [string, string, number] => [a.code, a.name, items.filter((i) => i.agency_code === a.code).length])
      .filter(([, , n]) => n > 0);
    return {
      year: YEAR,
      template: {
        code: 'SCI-RA-1403', version: templateVersion, title: 'الگوی جداول حساب‌های منطقه‌ای استان',
        tables: TABLES.map((t) => [t, titles.get(t) ?? t]), items: items.length, rules: RULES.length,
      },
      dashboard: dashboard(),
      assignments: {
        year: YEAR, items: items.length, unassigned: items.filter((i) => i.agency_code === null),
        agencies_without_items: active.filter((a) => !perAgency.some(([c]) => c === a.code)), per_agency: perAgency,
      },
    };
  }

  function requireTemplate() {
    if (items.length === 0) fail('accounts.no_template', `برای سال ${toPersianDigits(YEAR)} الگویی وارد نشده است؛ نخست الگوی جداول آن سال را وارد کنید.`);
  }

  function partFor(code: string): Part | undefined {
    const item = items.find((i) => i.code === code);
    return item?.agency_code ? parts.get(partKey(item.agency_code, item.table_code)) : undefined;
  }

  function setValues(agency: string, table: string | null, change: (item: TemplateItem) => Value | null) {
    let read = 0;
    let changed = 0;
    let added = 0;
    for (const item of items.filter((i) => i.agency_code === agency && (table === null || i.table_code === table))) {
      const v = change(item);
      if (!v) continue;
      read++;
      const old = values.get(item.code);
      if (!old || (old.number === null && old.text === null)) added++;
      else if (old.number !== v.number) changed++;
      values.set(item.code, v);
    }
    return { read, changed, added };
  }

  /** As the backend names them: «کارپوشه ۱۴۰۳ - 105 جهاد کشاورزی.xlsx». */
  function fileName(kind: string, code: string): string {
    const short = getAgencies().find((a) => a.code === code)?.short_name ?? '';
    return `${kind} ${toPersianDigits(YEAR)} - ${code} ${short}.xlsx`;
  }

  function workbooksFor(codes: string[], suffix: string): GeneratedWorkbook[] {
    return codes.map((code) => {
      const mine = items.filter((i) => i.agency_code === code);
      const name = agencyName(code) ?? code;
      const file = fileName(suffix, code);
      return { agency_code: code, agency_name: name, file_name: file, path: `${FOLDER}/${file}`, tables: new Set(mine.map((i) => i.table_code)).size, items: mine.length };
    });
  }

  if (options.withTemplate) seed();

  /** Handles an accounts command; undefined = not an accounts command. */
  async function handle(cmd: string, args: Record<string, unknown>): Promise<unknown> {
    if (!cmd.startsWith('accounts_')) return undefined;
    if (cmd === 'accounts_intake_progress') {
      await sleep(20);
      return progress;
    }
    await sleep(cmd === 'accounts_items' || cmd === 'accounts_overview' || cmd === 'accounts_findings' ? 60 : 300);
    switch (cmd) {
      case 'accounts_overview':
        return overview();
      case 'accounts_template_import': {
        const first = items.length === 0;
        if (first) {
          items = allItems.map((i) => ({ ...i }));
        }
        const report: TemplateImportReport = {
          year: YEAR, version: templateVersion, previous_version: first ? null : templateVersion, unchanged: !first,
          tables: TABLES.length, items: items.length, rules: RULES.length, added_items: [], removed_items: [], removed_with_values: 0,
          assigned_from_template: items.filter((i) => i.agency_code !== null).length,
          warnings: first ? ['برای ۴ قلم دستگاه متولی در الگو نیامده است؛ در «جدول‌ها و مقادیر» آن‌ها را واگذار کنید.'] : [],
        };
        return report;
      }
      case 'accounts_workbooks': {
        requireTemplate();
        const wanted = (args.agencies as string[]) ?? [];
        const codes = [...new Set(items.map((i) => i.agency_code).filter((c): c is string => c !== null))]
          .filter((c) => wanted.length === 0 || wanted.includes(c))
          .sort();
        for (const code of codes) {
          for (const table of new Set(items.filter((i) => i.agency_code === code).map((i) => i.table_code))) {
            if (!parts.has(partKey(code, table))) parts.set(partKey(code, table), { state: 'requested', at: nowStamp(), by: 'کارشناس حساب‌ها' });
          }
        }
        return workbooksFor(codes, 'کارپوشه');
      }
      case 'accounts_intake': {
        requireTemplate();
        const files = [fileName('کارپوشه', '105'), fileName('کارپوشه', '103'), fileName('کارپوشه', '110'), 'اقلام آماری ۱۴۰۲ (قدیمی).xlsx'];
        for (let i = 0; i < files.length; i++) {
          progress = { done: i, total: files.length, file: files[i] };
          await sleep(800);
        }
        progress = { done: files.length, total: files.length, file: '' };
        await sleep(250);
        progress = null;
        const stamp = nowStamp();
        const results: IntakeResult[] = [];
        // 1. Agriculture fixed its rain-fed total.
        {
          const fixed = sum(num, RF);
          const r = setValues('105', 'T01', (item) =>
            item.code === 'T01.TOTAL_RF.AREA' && fixed !== null ? { ...(values.get(item.code) as Value), number: fixed } : (values.get(item.code) ?? null),
          );
          const p = parts.get('105/T01');
          if (p && p.state !== 'approved' && p.state !== 'sent') Object.assign(p, { state: 'received', at: stamp, by: 'کارشناس حساب‌ها' });
          results.push({
            file_name: files[0], status: 'imported', agency_code: '105', agency_name: agencyName('105'), values_read: r.read + 14,
            new_values: 0, changed_values: 1, findings: [], warnings: ['جدول T02 این دستگاه تأییدشده و قفل است؛ مقادیر آن از این فایل خوانده نشد.'], refusal: null,
          });
        }
        // 2. Education sent its table, with one cell that is not a number.
        {
          const base = prev;
          const r = setValues('103', 'T08', (item) =>
            item.code === 'T08.PRIMARY.TEACHERS' ? null : { number: Math.round((base.get(item.code) ?? 1000) * 1.02), text: null, note: '', cell: cellOf(item.code) },
          );
          parts.set('103/T08', { state: 'received', at: stamp, by: 'کارشناس حساب‌ها' });
          results.push({
            file_name: files[1], status: 'imported', agency_code: '103', agency_name: agencyName('103'), values_read: r.read,
            new_values: r.added, changed_values: r.changed,
            findings: [{ item_code: 'T08.PRIMARY.TEACHERS', cell: cellOf('T08.PRIMARY.TEACHERS'), message: '«حدود ۱۲ هزار» عدد نیست؛ فقط رقم بنویسید.' }],
            warnings: [], refusal: null,
          });
        }
        results.push({
          file_name: files[2], status: 'unchanged', agency_code: '110', agency_name: agencyName('110'), values_read: 16, new_values: 0,
          changed_values: 0, findings: [], warnings: [], refusal: null,
        });
        results.push({
          file_name: files[3], status: 'refused', agency_code: null, agency_name: null, values_read: 0, new_values: 0, changed_values: 0,
          findings: [], warnings: [],
          refusal: {
            code: 'accounts.not_our_workbook',
            message: `«${files[3]}» کارپوشه‌ای نیست که دفتر برای دستگاه‌ها ساخته باشد (برگهٔ پنهان «شناسه» را ندارد)؛ از دستگاه بخواهید مقادیر را در کارپوشه‌ای که برایش فرستاده شده بنویسد.`,
            details: [],
          },
        });
        return results;
      }
      case 'accounts_check':
        requireTemplate();
        return runChecks(true);
      case 'accounts_findings':
        return { ran_at_jalali: lastRun?.ran_at_jalali ?? null, failures: lastRun?.failures ?? [], explanations: { ...explanations } };
      case 'accounts_feedback': {
        requireTemplate();
        runChecks(true);
        const codes = [...new Set((lastRun?.failures ?? []).flatMap((f) => f.items.map((i) => i.agency_code)).filter((c): c is string => c !== null))].sort();
        return workbooksFor(codes, 'بازخورد');
      }
      case 'accounts_explain': {
        const text = String(args.text ?? '').trim();
        if (!text) fail('accounts.review.explanation_required', `برای «${String(args.rule)}» توضیحی نوشته نشده است؛ بنویسید چرا این هشدار پذیرفتنی است.`);
        explanations[String(args.rule).toUpperCase()] = text;
        return null;
      }
      case 'accounts_approve': {
        const code = String(args.agency);
        const name = agencyName(code) ?? code;
        const agencyParts = dashboard().agencies.find((a) => a.agency_code === code)?.tables ?? [];
        const chosen = agencyParts.filter((t) => args.table === null || t.table_code === args.table);
        if (chosen.length === 0) fail('accounts.review.nothing_to_approve', `دستگاه «${name}» در سال ${toPersianDigits(YEAR)} جدولی برای تأیید ندارد.`);
        for (const t of chosen) {
          const where = `«${name}» در جدول ${t.table_code}`;
          if (t.state === 'approved' || t.state === 'sent') continue;
          if (t.state !== 'checked') fail('accounts.review.not_checked', `سهم ${where} هنوز بررسی نشده است؛ نخست مقادیر را دریافت و بررسی‌ها را اجرا کنید.`);
          if (t.errors.length > 0) {
            fail('accounts.review.blocked_by_errors', `سهم ${where} خطا دارد (${t.errors.map((r) => `«${r}»`).join('، ')}) و تأیید نمی‌شود؛ نخست خطاها را با دستگاه درست کنید و دوباره بررسی کنید.`);
          }
          if (t.unexplained_warnings.length > 0) {
            fail('accounts.review.unexplained_warnings', `هشدارهای ${t.unexplained_warnings.map((r) => `«${r}»`).join('، ')} در سهم ${where} هنوز توضیح ندارند؛ برای هر یک توضیح بنویسید، سپس تأیید کنید.`);
          }
        }
        for (const t of chosen) {
          if (t.state === 'checked') parts.set(partKey(code, t.table_code), { state: 'approved', at: nowStamp(), by: 'کارشناس حساب‌ها' });
        }
        return dashboard().agencies.find((a) => a.agency_code === code)?.tables ?? [];
      }
      case 'accounts_reopen': {
        const reason = String(args.reason ?? '').trim();
        if (!reason) fail('accounts.review.reason_required', 'برای بازگشایی دلیل بنویسید؛ در گزارش تغییرات می‌ماند.');
        const p = parts.get(partKey(String(args.agency), String(args.table)));
        if (!p || (p.state !== 'approved' && p.state !== 'sent')) {
          fail('accounts.review.not_approved', `سهم «${agencyName(String(args.agency))}» در جدول ${String(args.table)} تأییدشده نیست که بازگشایی شود.`);
        }
        Object.assign(p as Part, { state: 'checked', at: nowStamp(), by: 'کارشناس حساب‌ها' });
        return null;
      }
      case 'accounts_deadline': {
        const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(toLatinDigits(String(args.date)).trim());
        if (!m || Number(m[2]) > 12 || Number(m[3]) > 31) fail('fa.date', `«${String(args.date)}» تاریخ درستی نیست؛ به شکل ۱۴۰۳/۰۹/۳۰ بنویسید.`);
        deadline = `${m![1]}/${m![2].padStart(2, '0')}/${m![3].padStart(2, '0')}`;
        return null;
      }
      case 'accounts_items': {
        requireTemplate();
        const table = String(args.table);
        return items
          .filter((i) => i.table_code === table)
          .map((item): ItemRow => {
            const v = values.get(item.code);
            const state = partFor(item.code)?.state;
            return {
              item: { ...item }, agency_name: agencyName(item.agency_code), value: v?.number ?? null, text: v?.text ?? null,
              note: v?.note ?? '', cell: v?.cell ?? '', previous: prev.get(item.code) ?? null, locked: state === 'approved' || state === 'sent',
            };
          });
      }
      case 'accounts_enter_value': {
        const code = String(args.item);
        const item = items.find((i) => i.code === code) ?? fail('accounts.unknown_item', `قلمی با کد «${code}» در الگوی سال ${toPersianDigits(YEAR)} نیست.`);
        const state = partFor(code)?.state;
        if (state === 'approved' || state === 'sent') {
          fail('accounts.locked', 'این مقادیر تأیید شده و قفل‌اند؛ برای تغییر، نخست جدول را با ذکر دلیل بازگشایی کنید.');
        }
        const typed = String(args.value ?? '').trim();
        const note = String(args.note ?? '').trim();
        if (item.kind === 'text') {
          values.set(code, { number: null, text: typed || null, note, cell: '' });
          return null;
        }
        if (typed === '') {
          values.set(code, { number: null, text: null, note, cell: '' });
          return null;
        }
        const latin = toLatinDigits(typed).replace(/[٬,]/g, '').replace('٫', '.').replace('−', '-');
        if (!/^-?\d+(\.\d+)?$/.test(latin)) {
          fail('accounts.values.invalid', `مقدار قلم «${code}» پذیرفته نشد: «${typed}» عدد نیست؛ فقط رقم، ممیز (٫) و جداکنندهٔ هزارگان بنویسید.`);
        }
        values.set(code, { number: Number(latin), text: null, note, cell: '' });
        return null;
      }
      case 'accounts_assign': {
        const code = String(args.item);
        const item = items.find((i) => i.code === code) ?? fail('accounts.unknown_item', `قلمی با کد «${code}» در الگوی سال ${toPersianDigits(YEAR)} نیست.`);
        const agency = getAgencies().find((a) => a.code === args.agency) ?? fail('agency.not_found', 'این دستگاه پیدا نشد؛ فهرست را دوباره باز کنید.');
        if (!agency.active) fail('accounts.inactive_agency', `دستگاه «${agency.name}» غیرفعال است؛ نخست آن را فعال کنید یا دستگاه دیگری برگزینید.`);
        item.agency_code = agency.code;
        return { ...item };
      }
      case 'accounts_package': {
        requireTemplate();
        const board = dashboard();
        const draft = Boolean(args.draft);
        const pending = board.agencies.flatMap((a) =>
          a.tables.filter((t) => t.state !== 'approved' && t.state !== 'sent').map((t) => `${a.agency_name} (${t.table_code})`),
        );
        if (!draft && (pending.length > 0 || board.unassigned_items > 0)) {
          fail(
            'accounts.package.not_ready',
            `بسته هنوز آمادهٔ ارسال نیست: ${formatNumber(pending.length)} سهم تأیید نشده و ${formatNumber(board.unassigned_items)} قلم بی‌متولی است. آن‌ها را تأیید و واگذار کنید، یا بستهٔ پیش‌نویس بسازید.`,
            pending.slice(0, 20).map((p) => `تأییدنشده: ${p}`),
          );
        }
        if (!draft) for (const p of parts.values()) Object.assign(p, { state: 'sent', at: nowStamp() });
        const kept = lastRun;
        const run = runChecks(false);
        lastRun = kept;
        const manifest: Manifest = {
          province: 'لرستان', office: 'سازمان مدیریت و برنامه‌ریزی استان لرستان', year: YEAR, template_code: 'SCI-RA-1403',
          template_version: templateVersion, draft, created_at: new Date().toISOString(), created_at_jalali: nowStamp(), app_version: '0.1.0',
          tables: TABLES.length, items: items.length, values: items.filter((i) => hasValue(i.code)).length,
          missing: items.filter((i) => !hasValue(i.code)).length, agencies: board.agencies.length,
          rules_passed: run.passed, rules_failed: run.failed, rules_not_computable: run.not_computable,
          files: [
            { name: 'tables.xlsx', bytes: 48213, sha256: '' },
            { name: 'data.csv', bytes: 21877, sha256: '' },
            { name: 'checks.csv', bytes: 3391, sha256: '' },
            { name: 'manifest.json', bytes: 1204, sha256: '' },
          ],
        };
        return manifest;
      }
      default:
        return fail('mock.unknown_command', `فرمان ${cmd} در نسخه آزمایشی نیست.`);
    }
  }

  return { handle };
}
