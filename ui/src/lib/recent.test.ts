import { describe, expect, it } from 'vitest';
import { recentYear } from './recent';

const file = { path: '/a/b.daftar', file_name: 'b.daftar', province: 'لرستان', working_year: 1403, folder: '/a', last_opened_jalali: '1403/01/01' };

describe('recentYear', () => {
  it('names the working year, or nothing for an entry kept before years were', () => {
    expect(recentYear(file)).toBe('سال ۱۴۰۳');
    expect(recentYear({ ...file, working_year: 0 })).toBeNull();
  });
});
