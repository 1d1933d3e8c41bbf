import { describe, expect, it } from 'vitest';
import { auditFilter, auditValueParts, EMPTY_AUDIT_FORM } from './audit';

describe('auditFilter', () => {
  it('sends blanks as null so that they match every row', () => {
    expect(auditFilter(EMPTY_AUDIT_FORM)).toEqual({ service: null, agency: null, actor: null, from: null, to: null });
  });
  it('trims and turns Persian digits Latin, keeping the person as recorded', () => {
    const filter = auditFilter({ service: 'accounts', agency: ' ۵۱۲ ', actor: 'مریم ', from: '۱۴۰۳/۰۷/۰۱', to: '' });
    expect(filter).toEqual({ service: 'accounts', agency: '512', actor: 'مریم ', from: '1403/07/01', to: null });
  });
});

describe('auditValueParts', () => {
  it('splits a JSON value into parts, each to be isolated', () => {
    expect(auditValueParts('["accepted",123.38,"مستندات تکمیلی را تأیید می‌کند"]')).toEqual([
      'accepted',
      '123.38',
      'مستندات تکمیلی را تأیید می‌کند',
    ]);
    expect(auditValueParts('["rejected",null]')).toEqual(['rejected', '—']);
    expect(auditValueParts('{"code":"101","active":false}')).toEqual(['code: 101', 'active: false']);
    expect(auditValueParts('"متن"')).toEqual(['متن']);
    expect(auditValueParts('not json')).toEqual(['not json']);
    expect(auditValueParts(null)).toEqual([]);
  });
});
