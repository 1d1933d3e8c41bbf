import { describe, expect, it } from 'vitest';
import type { ReportInfo } from './bindings/ReportInfo';
import { batchBlocker, batchProgressPercent, batchProgressText, batchRequest, partPlace, scopeLabel } from './batches';

function doc(over: Partial<ReportInfo> = {}): ReportInfo {
  return {
    kind: 'request_letter',
    title: 'نامهٔ درخواست اقلام',
    service: 'accounts',
    description: '',
    year: 1403,
    needs_agency: true,
    batchable: true,
    agencies: [
      { code: '101', name: 'آموزش و پرورش' },
      { code: '202', name: 'شرکت گاز' },
      { code: '303', name: 'ثبت اسناد' },
    ],
    formats: ['pdf', 'xlsx'],
    blocker: null,
    ...over,
  };
}

describe('batches', () => {
  it('asks for every agency with no codes, and a group in the catalog order', () => {
    expect(batchRequest(doc(), 'all', ['202'], 'file', 'xlsx')).toEqual({ kind: 'request_letter', year: 1403, agencies: [], format: 'pdf', output: 'file' });
    expect(batchRequest(doc(), 'group', ['303', '101'], 'folder', 'xlsx').agencies).toEqual(['101', '303']);
    expect(batchRequest(doc(), 'group', ['303'], 'folder', 'xlsx').format).toBe('xlsx');
  });

  it('waits for a group to be chosen, and shows the document’s own blocker first', () => {
    expect(batchBlocker(doc(), 'group', [], false)).toBe('دست‌کم یک دستگاه را برگزینید.');
    expect(batchBlocker(doc(), 'all', [], false)).toBeNull();
    expect(batchBlocker(doc({ blocker: 'هنوز نه' }), 'all', [], false)).toBe('هنوز نه');
  });

  it('words progress and each part in Persian', () => {
    const p = { done: 12, total: 60, agency_code: '202', agency_name: 'شرکت گاز' };
    expect(batchProgressText(p)).toBe('۱۲ از ۶۰ — شرکت گاز');
    expect(batchProgressPercent(p)).toBe(20);
    expect(batchProgressPercent(null)).toBe(0);
    const part = { agency_code: '202', agency_name: 'شرکت گاز', path: '/tmp/x/202 - شرکت گاز.pdf', first_page: 3, last_page: 4, numbers: [] };
    expect(partPlace(part, 'file')).toBe('صفحهٔ ۳ تا ۴');
    expect(partPlace({ ...part, last_page: 3 }, 'file')).toBe('صفحهٔ ۳');
    expect(partPlace(part, 'folder')).toBe('202 - شرکت گاز.pdf');
  });

  it('calls the first choice «یک سند» for a document not about one agency', () => {
    expect(scopeLabel(doc(), 'one')).toBe('یک دستگاه');
    expect(scopeLabel(doc({ needs_agency: false }), 'one')).toBe('یک سند');
    expect(scopeLabel(doc(), 'group')).toBe('گروهی از دستگاه‌ها');
  });
});
