import { describe, expect, it } from 'vitest';
import type { Agency } from './bindings/Agency';
import { missingContactFields, summarizeAgencies, summaryLine, todoLine } from './summary';

let nextId = 1;
function agency(over: Partial<Agency> = {}): Agency {
  return {
    id: nextId++, code: String(100 + nextId), name: 'دستگاه', short_name: '', group: 'فنی', parent_ministry: '',
    focal_person: 'رابط', phone: '066', email: 'a@b.ir', active: true, ...over,
  };
}

describe('summarizeAgencies', () => {
  it('is all zero for no agencies', () => {
    expect(summarizeAgencies([])).toEqual({
      total: 0, active: 0, inactive: 0, groups: 0, missingFocal: 0, missingPhone: 0, missingEmail: 0, incomplete: 0,
    });
  });

  it('counts active, inactive, distinct groups and contact gaps', () => {
    const list = [
      agency({ group: 'فنی' }),
      agency({ group: ' فنی ', focal_person: '' }),
      agency({ group: 'اجتماعی', phone: '  ', email: '' }),
      agency({ group: null, email: '' }),
      agency({ group: '' }),
      // inactive ones count neither for groups nor for gaps
      agency({ group: 'اقتصادی', active: false, focal_person: '', phone: '', email: '' }),
      agency({ group: 'فنی', active: false }),
    ];
    expect(summarizeAgencies(list)).toEqual({
      total: 7, active: 5, inactive: 2, groups: 2,
      missingFocal: 1, missingPhone: 1, missingEmail: 2, incomplete: 3,
    });
  });
});

describe('missingContactFields', () => {
  it('lists the empty contact fields in order', () => {
    expect(missingContactFields(agency())).toEqual([]);
    expect(missingContactFields(agency({ focal_person: '', phone: ' ', email: '' }))).toEqual(['focal_person', 'phone', 'email']);
    expect(missingContactFields(agency({ phone: '' }))).toEqual(['phone']);
  });
});

describe('summaryLine / todoLine', () => {
  it('builds the Persian summary with Persian digits', () => {
    const s = { total: 64, active: 62, inactive: 2, groups: 5, missingFocal: 0, missingPhone: 0, missingEmail: 0, incomplete: 0 };
    expect(summaryLine(s)).toBe('۶۲ دستگاه فعال، ۲ غیرفعال، ۵ گروه جشنواره');
    expect(summaryLine({ ...s, inactive: 0 })).toBe('۶۲ دستگاه فعال، ۵ گروه جشنواره');
    expect(todoLine(s)).toBeNull();
  });
  it('says what is left to do', () => {
    const s = { total: 10, active: 10, inactive: 0, groups: 1, missingFocal: 3, missingPhone: 0, missingEmail: 12, incomplete: 12 };
    expect(todoLine(s)).toBe('۳ دستگاه کارشناس رابط ندارد، ۱۲ دستگاه ایمیل ندارد');
  });
});
