import { describe, expect, it } from 'vitest';
import { latestRequest } from './latest';

describe('latestRequest', () => {
  it('lets only the newest request update the view', () => {
    const requests = latestRequest();
    const first = requests.begin();
    expect(first()).toBe(true);
    const second = requests.begin();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });

  it('keeps separate guards apart', () => {
    const a = latestRequest();
    const b = latestRequest();
    const fromA = a.begin();
    b.begin();
    expect(fromA()).toBe(true);
  });
});
