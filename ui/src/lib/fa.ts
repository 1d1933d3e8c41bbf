// Persian text helpers: digits, number formatting and the Jalali year.

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_INDIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** Persian thousands separator (U+066C ARABIC THOUSANDS SEPARATOR). */
export const GROUP_SEPARATOR = '٬';
/** Persian decimal separator (U+066B ARABIC DECIMAL SEPARATOR). */
export const DECIMAL_SEPARATOR = '٫';

/**
 * Replaces Latin (0-9) and Arabic-Indic (٠-٩) digits with Persian digits (۰-۹).
 * Everything else is kept as it is.
 */
export function toPersianDigits(value: string | number | bigint): string {
  return String(value).replace(/[0-9\u0660-\u0669]/g, (ch) => {
    const code = ch.charCodeAt(0);
    const digit = code <= 57 ? code - 48 : code - 0x0660;
    return PERSIAN_DIGITS[digit];
  });
}

/** Replaces Persian (۰-۹) and Arabic-Indic (٠-٩) digits with Latin digits (0-9). */
export function toLatinDigits(value: string): string {
  return value.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (ch) => {
    const fa = PERSIAN_DIGITS.indexOf(ch);
    return String(fa >= 0 ? fa : ARABIC_INDIC_DIGITS.indexOf(ch));
  });
}

/**
 * Formats a number with Persian digits and ٬ grouping, e.g. 1234567 -> ۱٬۲۳۴٬۵۶۷.
 * Fractions keep their digits as given and use ٫ as the decimal separator.
 */
export function formatNumber(n: number | bigint): string {
  if (typeof n === 'number' && !Number.isFinite(n)) return toPersianDigits(String(n));
  const text = String(n);
  const negative = text.startsWith('-');
  const unsigned = negative ? text.slice(1) : text;
  const [intPart, fracPart] = unsigned.split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP_SEPARATOR);
  const body = fracPart ? `${grouped}${DECIMAL_SEPARATOR}${fracPart}` : grouped;
  // U+2212 MINUS SIGN for negatives.
  return toPersianDigits(`${negative ? '−' : ''}${body}`);
}

const jalaliYearFormatCache = new Map<string, Intl.DateTimeFormat>();

function jalaliYearFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let fmt = jalaliYearFormatCache.get(key);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-latn', { year: 'numeric', timeZone });
    } catch {
      // Unknown time zone in this runtime: fall back to the local one.
      fmt = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-latn', { year: 'numeric' });
    }
    jalaliYearFormatCache.set(key, fmt);
  }
  return fmt;
}

/**
 * The Jalali (Solar Hijri) year of `date`, e.g. 2024-03-20 -> 1403, 2024-03-19 -> 1402.
 * The day is taken in Iran's time zone by default, so the result does not depend on
 * the machine's time zone.
 */
export function currentJalaliYear(date: Date = new Date(), timeZone: string | undefined = 'Asia/Tehran'): number {
  const parts = jalaliYearFormat(timeZone).formatToParts(date);
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  const parsed = Number.parseInt(toLatinDigits(year), 10);
  if (Number.isFinite(parsed)) return parsed;
  // A runtime without the Persian calendar: approximate from the Gregorian date
  // (Nowruz falls on 20 or 21 March).
  const afterNowruz = date.getMonth() > 2 || (date.getMonth() === 2 && date.getDate() >= 21);
  return date.getFullYear() - (afterNowruz ? 621 : 622);
}

/**
 * Reads a number as people type it: Persian, Arabic-Indic or Latin digits; «٫», «.» or
 * «/» between digits (Persian keyboards give «/» for the decimal point) as the decimal
 * point; «٬» or «,» as thousands separators; a leading «-» or «−». Spaces and the
 * invisible direction marks are ignored. null when the text is empty or not a number.
 */
export function parseNumberInput(text: string): number | null {
  const cleaned = toLatinDigits(text)
    .replace(/[\s\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\u066C,]/g, '')
    .replace(/[\u066B/]/g, '.')
    .replace(/^[\u2212\u2012\u2013]/, '-');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}

/**
 * Rounds half away from zero to `digits` decimals, as the backend does (0.125 -> 0.13,
 * 2.675 -> 2.68), without binary noise: the decimal text of the number is rounded.
 */
export function roundHalfAwayFromZero(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const negative = value < 0;
  // Shortest decimal text that reads back as the same double, e.g. "2.675" (not 2.67499…).
  let text = Math.abs(value).toString();
  if (/e/i.test(text)) text = Math.abs(value).toFixed(20).replace(/0+$/, '');
  const [intPart, frac = ''] = text.split('.');
  if (frac.length <= digits) return value;
  const kept = BigInt(intPart + frac.slice(0, digits).padEnd(digits, '0'));
  const rounded = Number(frac[digits]) >= 5 ? kept + 1n : kept;
  const result = Number(rounded) / 10 ** digits;
  return negative ? -result : result;
}

/**
 * A number with exactly `digits` decimals (rounded half away from zero), ٬ grouping, ٫ and
 * Persian digits: 28.7 -> «۲۸٫۷۰», 1199.08 -> «۱٬۱۹۹٫۰۸», -4.95 -> «−۴٫۹۵».
 */
export function formatDecimal(value: number, digits = 2): string {
  const rounded = roundHalfAwayFromZero(value, digits);
  const text = Math.abs(rounded).toFixed(digits);
  const [intPart, frac] = text.split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP_SEPARATOR);
  const negative = rounded < 0 && Number(text) !== 0;
  return toPersianDigits(`${negative ? '−' : ''}${grouped}${frac ? `${DECIMAL_SEPARATOR}${frac}` : ''}`);
}

/**
 * A percentage as `formatDecimal` writes it, then «٪» after the number (as in every
 * document the core writes): 95.4 -> «۹۵٫۴۰٪». Mirrors `fa::percent`.
 */
export function formatPercent(value: number, digits = 2): string {
  return `${formatDecimal(value, digits)}٪`;
}

/**
 * A count out of a total, with «از» and never a slash (which reads as the decimal mark ٫):
 * 28 of 30 -> «۲۸ از ۳۰». Mirrors `fa::of`.
 */
export function formatOf(part: number, total: number): string {
  return `${toPersianDigits(part)} از ${toPersianDigits(total)}`;
}

/**
 * A code as it is typed and compared, in Latin digits everywhere: indicator, table and item
 * codes (G01, T04, R-T04-03), agency codes (101), versions (1403.1) and hashes. Mirrors `fa::code`.
 */
export function formatCode(code: string): string {
  return toLatinDigits(code);
}
