import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IntakeProgress } from './bindings/IntakeProgress';
import { createIntakeProgress } from './intakeProgress.svelte';

const at: IntakeProgress = { done: 1, total: 3, file: 'a.xlsx' };

describe('createIntakeProgress', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls while the intake runs and forgets the progress after', async () => {
    vi.useFakeTimers();
    const read = vi.fn(async () => at);
    const poll = createIntakeProgress(read, 250);
    let finish = (_: string) => {};
    const intake = poll.during(() => new Promise<string>((r) => (finish = r)));
    expect(poll.running).toBe(true);
    expect(poll.progress).toBeNull();
    await vi.advanceTimersByTimeAsync(260);
    expect(read).toHaveBeenCalledTimes(1);
    expect(poll.progress).toEqual(at);
    finish('done');
    await expect(intake).resolves.toBe('done');
    expect(poll.running).toBe(false);
    expect(poll.progress).toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('stops polling when the intake fails, and a failed poll is not fatal', async () => {
    vi.useFakeTimers();
    const read = vi.fn(async () => {
      throw new Error('missed');
    });
    const poll = createIntakeProgress(read, 100);
    let fail = (_: unknown) => {};
    const intake = poll.during(() => new Promise((_, reject) => (fail = reject)));
    await vi.advanceTimersByTimeAsync(250);
    expect(poll.running).toBe(true);
    fail(new Error('refused'));
    await expect(intake).rejects.toThrow('refused');
    expect(poll.running).toBe(false);
  });
});
