import { describe, expect, it } from 'vitest';
import { auditFilter, EMPTY_AUDIT_FORM } from './audit';

describe('auditFilter', () => {
  it('sends blanks as null so that they match every row', () => {
    expect(auditFilter(EMPTY_AUDIT_FORM)).toEqual({ service: null, agency: null, actor: null, from: null, to: null });
  });
  it('trims and turns Persian digits Latin, keeping the person as recorded', () => {
    const filter = auditFilter({ service: 'accounts', agency: ' ۵۱۲ ', actor: 'مریم ', from: '۱۴۰۳/۰۷/۰۱', to: '' });
    expect(filter).toEqual({ service: 'accounts', agency: '512', actor: 'مریم ', from: '1403/07/01', to: null });
  });
});
