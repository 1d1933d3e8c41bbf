import { describe, expect, it } from 'vitest';
import { GENERIC_ERROR_MESSAGE, isAppError, toAppError } from './errors';

describe('toAppError', () => {
  it('keeps an AppError from Rust as it is', () => {
    const e = { code: 'agency.duplicate_code', message: 'کد تکراری است.', details: ['کد ۱۰۱ برای «بهداشت» ثبت شده است.'] };
    expect(toAppError(e)).toEqual(e);
  });

  it('fills missing parts of an AppError-like object', () => {
    expect(toAppError({ message: 'پرونده باز نشد.' })).toEqual({ code: 'unknown', message: 'پرونده باز نشد.', details: [] });
    expect(toAppError({ code: 'db.locked', details: ['x', 3, null, ''] })).toEqual({
      code: 'db.locked',
      message: GENERIC_ERROR_MESSAGE,
      details: ['x'],
    });
  });

  it('uses a plain string as the message', () => {
    expect(toAppError('فایل پیدا نشد.')).toEqual({ code: 'unknown', message: 'فایل پیدا نشد.', details: [] });
    expect(toAppError('  ').message).toBe(GENERIC_ERROR_MESSAGE);
  });

  it('never shows a system text as the message: it goes to the details (issue 13)', () => {
    const io = 'No such file or directory (os error 2)';
    expect(toAppError(io)).toEqual({ code: 'unknown', message: GENERIC_ERROR_MESSAGE, details: [io] });
    const zip = { code: 'dialog', message: 'invalid Zip archive: Could not find EOCD', details: ['x.zip'] };
    expect(toAppError(zip)).toEqual({ code: 'dialog', message: GENERIC_ERROR_MESSAGE, details: [zip.message, 'x.zip'] });
    // A Persian sentence that names a Latin path stays the message.
    const persian = 'فایل «/tmp/a.xlsx» خوانده نشد.';
    expect(toAppError(persian).message).toBe(persian);
  });

  it('turns a JS Error into a Persian message with the original text as a detail', () => {
    const out = toAppError(new TypeError("Cannot read properties of undefined (reading 'invoke')"));
    expect(out.code).toBe('internal');
    expect(out.message).toBe(GENERIC_ERROR_MESSAGE);
    expect(out.details).toEqual(["Cannot read properties of undefined (reading 'invoke')"]);
  });

  it('handles null, undefined and other values', () => {
    expect(toAppError(undefined)).toEqual({ code: 'unknown', message: GENERIC_ERROR_MESSAGE, details: [] });
    expect(toAppError(null).details).toEqual([]);
    expect(toAppError(42).details).toEqual(['42']);
  });

  it('always returns something isAppError accepts', () => {
    for (const v of [undefined, null, 'x', new Error('y'), { code: 1 }, { details: 'no' }, 7]) {
      expect(isAppError(toAppError(v))).toBe(true);
    }
  });
});

describe('isAppError', () => {
  it('rejects wrong shapes', () => {
    expect(isAppError({ code: 'a', message: 'b' })).toBe(false);
    expect(isAppError({ code: 'a', message: 'b', details: [1] })).toBe(false);
    expect(isAppError('a')).toBe(false);
    expect(isAppError({ code: 'a', message: 'b', details: [] })).toBe(true);
  });
});
