import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBusyTracker, debounce } from './busy';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createBusyTracker', () => {
  it('does not show the indicator for quick commands', () => {
    const busy = createBusyTracker(200);
    const seen: boolean[] = [];
    busy.subscribe((v) => seen.push(v));
    const done = busy.begin();
    vi.advanceTimersByTime(150);
    done();
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([]);
    expect(busy.visible).toBe(false);
    expect(busy.pending).toBe(0);
  });

  it('shows it after the delay and hides it when the last command ends', () => {
    const busy = createBusyTracker(200);
    const seen: boolean[] = [];
    busy.subscribe((v) => seen.push(v));
    const a = busy.begin();
    vi.advanceTimersByTime(100);
    const b = busy.begin();
    vi.advanceTimersByTime(100);
    expect(busy.visible).toBe(true);
    a();
    expect(busy.visible).toBe(true);
    b();
    b(); // ending twice is harmless
    expect(busy.visible).toBe(false);
    expect(busy.pending).toBe(0);
    expect(seen).toEqual([true, false]);
  });

  it('unsubscribes', () => {
    const busy = createBusyTracker(10);
    const fn = vi.fn();
    const off = busy.subscribe(fn);
    off();
    const done = busy.begin();
    vi.advanceTimersByTime(20);
    done();
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('debounce', () => {
  it('calls once with the last arguments after the quiet period', () => {
    const fn = vi.fn();
    const d = debounce(fn, 150);
    d('ر');
    vi.advanceTimersByTime(100);
    d('را');
    vi.advanceTimersByTime(100);
    d('راه');
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith('راه');
  });
  it('cancel and flush', () => {
    const fn = vi.fn();
    const d = debounce(fn, 150);
    d('a');
    d.cancel();
    vi.advanceTimersByTime(200);
    expect(fn).not.toHaveBeenCalled();
    d('b');
    d.flush();
    expect(fn).toHaveBeenCalledWith('b');
    vi.advanceTimersByTime(200);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
