import { describe, expect, it, vi } from 'vitest';
import type { AppError } from './bindings/AppError';
import { createBusyAction } from './busyAction.svelte';

const failure: AppError = { code: 'x.failed', message: 'نشد', details: [] };

describe('createBusyAction', () => {
  it('runs one action at a time and clears the banner first', async () => {
    const banner = { onerror: vi.fn(), onclearerror: vi.fn() };
    const busy = createBusyAction<'a' | 'b'>(banner);
    let release = () => {};
    const first = busy.run('a', () => new Promise<void>((r) => (release = r)));
    expect(busy.working).toBe('a');
    const body = vi.fn(async () => {});
    await busy.run('b', body);
    expect(body).not.toHaveBeenCalled();
    release();
    await first;
    expect(busy.working).toBeNull();
    expect(banner.onclearerror).toHaveBeenCalledTimes(1);
    expect(banner.onerror).not.toHaveBeenCalled();
  });

  it('shows a failure in the banner', async () => {
    const banner = { onerror: vi.fn(), onclearerror: vi.fn() };
    const busy = createBusyAction<'a'>(banner);
    await busy.run('a', () => Promise.reject(failure));
    expect(banner.onerror).toHaveBeenCalledWith(failure);
    expect(busy.working).toBeNull();
  });

  it('hold leaves the failure to the caller', async () => {
    const banner = { onerror: vi.fn(), onclearerror: vi.fn() };
    const busy = createBusyAction<'a'>(banner);
    await expect(busy.hold('a', () => Promise.reject(failure))).rejects.toBe(failure);
    expect(banner.onerror).not.toHaveBeenCalled();
    expect(busy.working).toBeNull();
  });
});
