import { describe, expect, it } from 'vitest';
import type { Agency } from './bindings/Agency';
import {
  MESSAGES,
  agencyToInput,
  emptyAgencyInput,
  fieldForErrorCode,
  hasErrors,
  isValidEmail,
  isValidPhone,
  normalizeAgencyInput,
  validateAgencyInput,
} from './agencyForm';

const valid = () => ({ ...emptyAgencyInput(), code: '101', name: 'اداره کل راه و شهرسازی' });

describe('emptyAgencyInput / agencyToInput', () => {
  it('starts empty with no group', () => {
    expect(emptyAgencyInput()).toEqual({
      code: '', name: '', short_name: '', group: null, parent_ministry: '', focal_person: '', phone: '', email: '',
    });
  });
  it('returns a fresh object every time', () => {
    const a = emptyAgencyInput();
    a.code = 'x';
    expect(emptyAgencyInput().code).toBe('');
  });
  it('copies the editable fields of an agency and drops id/active', () => {
    const agency: Agency = {
      id: 7, code: '۱۰۱', name: 'بهداشت', short_name: 'بهداشت', group: 'اجتماعی', parent_ministry: 'وزارت بهداشت',
      focal_person: 'مریم احمدی', phone: '066-33221100', email: 'a@b.ir', active: false,
    };
    const input = agencyToInput(agency);
    expect(input).toEqual({
      code: '۱۰۱', name: 'بهداشت', short_name: 'بهداشت', group: 'اجتماعی', parent_ministry: 'وزارت بهداشت',
      focal_person: 'مریم احمدی', phone: '066-33221100', email: 'a@b.ir',
    });
    expect('id' in input).toBe(false);
    expect('active' in input).toBe(false);
  });
});

describe('validateAgencyInput', () => {
  it('accepts a minimal valid input', () => {
    expect(validateAgencyInput(valid())).toEqual({});
    expect(hasErrors(validateAgencyInput(valid()))).toBe(false);
  });
  it('requires code and name (spaces do not count)', () => {
    const errors = validateAgencyInput({ ...emptyAgencyInput(), code: '   ', name: '' });
    expect(errors).toEqual({ code: MESSAGES.codeRequired, name: MESSAGES.nameRequired });
    expect(hasErrors(errors)).toBe(true);
  });
  it('checks email shape only when given', () => {
    expect(validateAgencyInput({ ...valid(), email: 'info@rah-lorestan.ir' }).email).toBeUndefined();
    expect(validateAgencyInput({ ...valid(), email: 'info@rah' }).email).toBe(MESSAGES.emailInvalid);
    expect(validateAgencyInput({ ...valid(), email: 'info rah@x.ir' }).email).toBe(MESSAGES.emailInvalid);
  });
  it('checks phone characters in any digit system', () => {
    expect(validateAgencyInput({ ...valid(), phone: '۰۶۶-۳۳۲۲ ۱۱۰۰' }).phone).toBeUndefined();
    expect(validateAgencyInput({ ...valid(), phone: '٠٦٦٣٣٢٢١١٠٠' }).phone).toBeUndefined();
    expect(validateAgencyInput({ ...valid(), phone: '+98 66 3322 1100' }).phone).toBeUndefined();
    expect(validateAgencyInput({ ...valid(), phone: '066-3322 داخلی ۲' }).phone).toBe(MESSAGES.phoneInvalid);
    expect(validateAgencyInput({ ...valid(), phone: '(066) 3322' }).phone).toBe(MESSAGES.phoneInvalid);
  });
  it('all messages are Persian', () => {
    for (const m of Object.values(MESSAGES)) expect(m).toMatch(/[\u0600-\u06FF]/);
  });
});

describe('isValidEmail / isValidPhone', () => {
  it('email', () => {
    expect(isValidEmail('a@b.ir')).toBe(true);
    expect(isValidEmail('a.b@sub.mporg.ir')).toBe(true);
    expect(isValidEmail('a@b')).toBe(false);
    expect(isValidEmail('@b.ir')).toBe(false);
    expect(isValidEmail('a@b..ir')).toBe(false);
  });
  it('phone needs at least one digit', () => {
    expect(isValidPhone('--- +')).toBe(false);
    expect(isValidPhone('۱')).toBe(true);
  });
});

describe('normalizeAgencyInput', () => {
  it('trims fields, keeps digits as typed and turns an empty group into null', () => {
    const out = normalizeAgencyInput({
      code: ' ۱۰۱ ', name: ' راه ', short_name: '', group: '   ', parent_ministry: ' وزارت راه ',
      focal_person: '', phone: ' ۰۶۶ ', email: ' a@b.ir ',
    });
    expect(out).toEqual({
      code: '۱۰۱', name: 'راه', short_name: '', group: null, parent_ministry: 'وزارت راه',
      focal_person: '', phone: '۰۶۶', email: 'a@b.ir',
    });
    expect(normalizeAgencyInput({ ...valid(), group: ' فنی ' }).group).toBe('فنی');
  });
});

describe('fieldForErrorCode', () => {
  it('maps agency error codes to fields', () => {
    expect(fieldForErrorCode('agency.duplicate_code')).toBe('code');
    expect(fieldForErrorCode('agency.code_required')).toBe('code');
    expect(fieldForErrorCode('agency.invalid_email')).toBe('email');
    expect(fieldForErrorCode('agency.duplicate_short_name')).toBe('short_name');
    expect(fieldForErrorCode('agency.name_required')).toBe('name');
    expect(fieldForErrorCode('agency.invalid_phone')).toBe('phone');
  });
  it('ignores other scopes and unrelated codes', () => {
    expect(fieldForErrorCode('db.locked')).toBeNull();
    expect(fieldForErrorCode('province.duplicate_code')).toBeNull();
    expect(fieldForErrorCode('agency.not_found')).toBeNull();
    expect(fieldForErrorCode('agency')).toBeNull();
    expect(fieldForErrorCode('agency.codes')).toBeNull();
  });
});
