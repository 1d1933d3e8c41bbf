// The one place that talks to the Rust side: every generated command (./commands.ts) goes
// through `call`, which drives the loading indicator and turns each rejection into an AppError.
import { invoke } from '@tauri-apps/api/core';
import { createBusyTracker } from './busy';
import { toAppError } from './errors';

/** Drives the loading indicator: visible once a command runs longer than 200 ms. */
export const busy = createBusyTracker(200);

/** `track` = false for polls, which should not keep the loading indicator on by themselves. */
export async function call<T>(cmd: string, args: Record<string, unknown>, track = true): Promise<T> {
  const done = track ? busy.begin() : null;
  try {
    return await invoke<T>(cmd, args);
  } catch (err) {
    throw toAppError(err);
  } finally {
    done?.();
  }
}
