import { describe, expect, it } from 'vitest';
import { bidiRuns, isLatinFragment } from './bidi';

const ltr = (text: string) => bidiRuns(text).filter((r) => r.ltr).map((r) => r.text);

describe('bidiRuns', () => {
  it('isolates a quoted path whole, Persian file name and all', () => {
    const text = 'نوشتن «/tmp/ui/wb/کارپوشهٔ ۱۰۱.xlsx» ممکن نشد: چنین فایل یا پوشه‌ای نیست.';
    expect(ltr(text)).toEqual(['/tmp/ui/wb/کارپوشهٔ ۱۰۱.xlsx']);
    expect(bidiRuns(text).map((r) => r.text).join('')).toBe(text);
  });

  it('isolates a Windows path', () => {
    expect(ltr('پروندهٔ «C:\\Users\\ali\\lorestan.daftar» باز نشد.')).toEqual(['C:\\Users\\ali\\lorestan.daftar']);
  });

  it('isolates bare codes, versions and hashes but leaves Persian words and digits alone', () => {
    const text = 'قاعدهٔ R-T04-03 در الگوی 1403.1 (نسخهٔ ۲) شاخص G01 و امضای 9f2c4a1b';
    expect(ltr(text)).toEqual(['R-T04-03', '1403.1', 'G01', '9f2c4a1b']);
    expect(bidiRuns(text).map((r) => r.text).join('')).toBe(text);
  });

  it('keeps a quoted Persian name in the sentence', () => {
    expect(ltr('دستگاه «اداره کل آموزش و پرورش» پیدا نشد.')).toEqual([]);
    expect(bidiRuns('بی هیچ لاتین')).toEqual([{ text: 'بی هیچ لاتین', ltr: false }]);
  });

  it('does not swallow the sentence’s own punctuation', () => {
    expect(ltr('فایل lorestan.daftar.')).toEqual(['lorestan.daftar']);
    expect(ltr('(T04)،')).toEqual(['T04']);
  });
});

describe('isLatinFragment', () => {
  it('is a path or text with no Persian letter', () => {
    expect(isLatinFragment('/tmp/a')).toBe(true);
    expect(isLatinFragment('manifest.json')).toBe(true);
    expect(isLatinFragment('گزارش')).toBe(false);
    expect(isLatinFragment(' ')).toBe(false);
  });
});
