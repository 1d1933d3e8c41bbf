import { describe, expect, it } from 'vitest';
import {
  currentJalaliYear,
  formatCode,
  formatDecimal,
  formatNumber,
  formatOf,
  formatPercent,
  parseNumberInput,
  roundHalfAwayFromZero,
  toLatinDigits,
  toPersianDigits,
} from './fa';

describe('toPersianDigits', () => {
  it('converts Latin digits in strings and numbers', () => {
    expect(toPersianDigits('1403')).toBe('۱۴۰۳');
    expect(toPersianDigits(9876543210)).toBe('۹۸۷۶۵۴۳۲۱۰');
  });
  it('converts Arabic-Indic digits too and keeps other characters', () => {
    expect(toPersianDigits('کد ٠٦٦-12')).toBe('کد ۰۶۶-۱۲');
    expect(toPersianDigits('abc')).toBe('abc');
    expect(toPersianDigits('')).toBe('');
  });
});

describe('toLatinDigits', () => {
  it('converts Persian and Arabic-Indic digits to Latin', () => {
    expect(toLatinDigits('۱۴۰۳')).toBe('1403');
    expect(toLatinDigits('٠٦٦٣-۳۳۲۲')).toBe('0663-3322');
  });
  it('leaves Latin digits and text unchanged', () => {
    expect(toLatinDigits('+98 66 1234')).toBe('+98 66 1234');
    expect(toLatinDigits('لرستان')).toBe('لرستان');
  });
  it('round-trips with toPersianDigits', () => {
    expect(toLatinDigits(toPersianDigits('0123456789'))).toBe('0123456789');
  });
});

describe('formatNumber', () => {
  it('groups thousands with ٬ and uses Persian digits', () => {
    expect(formatNumber(0)).toBe('۰');
    expect(formatNumber(62)).toBe('۶۲');
    expect(formatNumber(999)).toBe('۹۹۹');
    expect(formatNumber(1000)).toBe('۱٬۰۰۰');
    expect(formatNumber(1234567)).toBe('۱٬۲۳۴٬۵۶۷');
  });
  it('handles negatives, fractions and bigint', () => {
    expect(formatNumber(-1234)).toBe('−۱٬۲۳۴');
    expect(formatNumber(1234.5)).toBe('۱٬۲۳۴٫۵');
    expect(formatNumber(12345678901234567890n)).toBe('۱۲٬۳۴۵٬۶۷۸٬۹۰۱٬۲۳۴٬۵۶۷٬۸۹۰');
  });
});

describe('currentJalaliYear', () => {
  it('changes year at Nowruz', () => {
    expect(currentJalaliYear(new Date('2024-03-20'))).toBe(1403);
    expect(currentJalaliYear(new Date('2024-03-19'))).toBe(1402);
  });
  it('uses the Tehran day, not UTC', () => {
    // 21:00 UTC on 19 March 2024 is already 00:30 on 20 March in Tehran.
    expect(currentJalaliYear(new Date('2024-03-19T21:00:00Z'))).toBe(1403);
    expect(currentJalaliYear(new Date('2024-03-19T20:00:00Z'))).toBe(1402);
  });
  it('knows other years', () => {
    expect(currentJalaliYear(new Date('2025-03-21T12:00:00Z'))).toBe(1404);
    expect(currentJalaliYear(new Date('2025-03-20T06:00:00Z'))).toBe(1403);
    expect(currentJalaliYear(new Date('2023-12-31T12:00:00Z'))).toBe(1402);
  });
});

describe('parseNumberInput', () => {
  it('reads Latin, Persian and Arabic-Indic digits', () => {
    expect(parseNumberInput('52.9')).toBe(52.9);
    expect(parseNumberInput('۵۲٫۹')).toBe(52.9);
    expect(parseNumberInput('٥٢٫٩')).toBe(52.9);
    expect(parseNumberInput('۱۲۰')).toBe(120);
  });
  it('takes ٫ . or / as the decimal point and drops ٬ , and spaces', () => {
    expect(parseNumberInput('۱۲/۵')).toBe(12.5);
    expect(parseNumberInput('1٬234٫5')).toBe(1234.5);
    expect(parseNumberInput(' 1,234 ')).toBe(1234);
    expect(parseNumberInput('۰٫۵')).toBe(0.5);
    expect(parseNumberInput('.5')).toBe(0.5);
    expect(parseNumberInput('5.')).toBe(5);
  });
  it('reads a leading minus of either kind', () => {
    expect(parseNumberInput('-3')).toBe(-3);
    expect(parseNumberInput('−۳٫۲')).toBe(-3.2);
  });
  it('refuses empty text, words, dates and two decimal points', () => {
    expect(parseNumberInput('')).toBeNull();
    expect(parseNumberInput('   ')).toBeNull();
    expect(parseNumberInput('حدود ۱۲')).toBeNull();
    expect(parseNumberInput('۱۴۰۳/۰۹/۰۵')).toBeNull();
    expect(parseNumberInput('1.2.3')).toBeNull();
    expect(parseNumberInput('12abc')).toBeNull();
    expect(parseNumberInput('٫')).toBeNull();
  });
});

describe('roundHalfAwayFromZero', () => {
  it('rounds the decimal text, not the binary value', () => {
    expect(roundHalfAwayFromZero(28.725)).toBe(28.73);
    expect(roundHalfAwayFromZero(2.675)).toBe(2.68);
    expect(roundHalfAwayFromZero(0.125)).toBe(0.13);
    expect(roundHalfAwayFromZero(1.004)).toBe(1);
    expect(roundHalfAwayFromZero(-0.125)).toBe(-0.13);
    expect(roundHalfAwayFromZero(12)).toBe(12);
    expect(roundHalfAwayFromZero(59.95, 1)).toBe(60);
  });
});

describe('formatDecimal', () => {
  it('always shows the decimals, with ٫ ٬ and Persian digits', () => {
    expect(formatDecimal(28.7)).toBe('۲۸٫۷۰');
    expect(formatDecimal(0)).toBe('۰٫۰۰');
    expect(formatDecimal(1199.08)).toBe('۱٬۱۹۹٫۰۸');
    expect(formatDecimal(28.725)).toBe('۲۸٫۷۳');
    expect(formatDecimal(-4.95)).toBe('−۴٫۹۵');
    expect(formatDecimal(-0.001)).toBe('۰٫۰۰');
    expect(formatDecimal(20, 0)).toBe('۲۰');
  });
});

// The one way each kind of number is written (docs/architecture-notes.md, «Numbers and
// codes»); src/fa/mod.rs pins the same forms in Rust.
describe('the number rule', () => {
  it('writes decimals, thousands, percents, counts, dates and codes one way', () => {
    expect(formatDecimal(1908.09)).toBe('۱٬۹۰۸٫۰۹');
    expect(formatNumber(1234567)).toBe('۱٬۲۳۴٬۵۶۷');
    expect(formatPercent(95.4)).toBe('۹۵٫۴۰٪');
    expect(formatPercent(90, 0)).toBe('۹۰٪');
    expect(formatOf(28, 30)).toBe('۲۸ از ۳۰');
    expect(formatOf(28, 30)).not.toContain('/');
    expect(toPersianDigits('1403/09/05')).toBe('۱۴۰۳/۰۹/۰۵');
    expect(formatCode('G01')).toBe('G01');
    expect(formatCode('G۰۱')).toBe('G01');
    expect(formatCode('R-T04-03')).toBe('R-T04-03');
    expect(formatCode('۱۴۰۳.۱')).toBe('1403.1');
    expect(formatCode('۱۰۱')).toBe('101');
  });
});
