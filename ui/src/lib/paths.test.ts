import { describe, expect, it } from 'vitest';
import { folderOf } from './paths';

describe('folderOf', () => {
  it('is the folder of the first file, on either kind of separator', () => {
    expect(folderOf([{ path: '/home/a/out/x.xlsx', file_name: 'x.xlsx' }])).toBe('/home/a/out');
    expect(folderOf([{ path: 'C:\\out\\x.xlsx', file_name: 'x.xlsx' }])).toBe('C:\\out');
  });
  it('is nothing without files, and the path itself when it does not end with the name', () => {
    expect(folderOf([])).toBeNull();
    expect(folderOf([{ path: '/odd', file_name: 'x.xlsx' }])).toBe('/odd');
  });
});
