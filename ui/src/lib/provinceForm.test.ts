import { describe, expect, it } from 'vitest';
import {
  PROVINCE_MESSAGES,
  bareProvinceName,
  parseJalaliYear,
  provinceTitle,
  suggestedOffice,
  validateProvinceForm,
} from './provinceForm';

describe('parseJalaliYear', () => {
  it('accepts four-digit years in any digit system', () => {
    expect(parseJalaliYear('1403')).toBe(1403);
    expect(parseJalaliYear(' ۱۴۰۴ ')).toBe(1404);
    expect(parseJalaliYear('١٤٠٢')).toBe(1402);
  });
  it('rejects implausible or malformed years', () => {
    expect(parseJalaliYear('')).toBeNull();
    expect(parseJalaliYear('2024')).toBeNull();
    expect(parseJalaliYear('403')).toBeNull();
    expect(parseJalaliYear('14o3')).toBeNull();
    expect(parseJalaliYear('1403.5')).toBeNull();
  });
});

describe('validateProvinceForm', () => {
  it('passes a complete form', () => {
    expect(validateProvinceForm({ province: 'لرستان', office: 'سازمان مدیریت', year: '۱۴۰۳' })).toEqual({});
  });
  it('reports every problem with a Persian message', () => {
    expect(validateProvinceForm({ province: ' ', office: '', year: '2024' })).toEqual({
      province: PROVINCE_MESSAGES.provinceRequired,
      office: PROVINCE_MESSAGES.officeRequired,
      year: PROVINCE_MESSAGES.yearInvalid,
    });
  });
});

describe('suggestedOffice', () => {
  it('builds the usual office name', () => {
    expect(suggestedOffice(' لرستان ')).toBe('سازمان مدیریت و برنامه‌ریزی استان لرستان');
    expect(suggestedOffice('استان لرستان')).toBe('سازمان مدیریت و برنامه‌ریزی استان لرستان');
    expect(suggestedOffice('')).toBe('');
  });
});

describe('provinceTitle / bareProvinceName', () => {
  it('adds «استان» exactly once', () => {
    expect(provinceTitle('لرستان')).toBe('استان لرستان');
    expect(provinceTitle('استان لرستان')).toBe('استان لرستان');
    expect(provinceTitle('خراسان رضوی')).toBe('استان خراسان رضوی');
  });
  it('keeps names that merely start with the same letters', () => {
    expect(bareProvinceName('استانبول')).toBe('استانبول');
    expect(bareProvinceName(' استان  ایلام ')).toBe('ایلام');
  });
});
