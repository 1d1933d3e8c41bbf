// The one action a screen runs at a time: its buttons wait while it runs, and its error goes to
// the app's banner.
import type { AppError } from './bindings/AppError';
import { toAppError } from './errors';

export type BusyAction<A extends string> = {
  /** The action running now, or null. */
  readonly working: A | null;
  /**
   * Runs `body` as `action` unless another action runs: clears the banner first and shows a
   * failure in it after.
   */
  run(action: A, body: () => Promise<void>): Promise<void>;
  /** Marks `action` as running around `body` and leaves its failure to the caller (a dialog shows it). */
  hold<T>(action: A, body: () => Promise<T>): Promise<T>;
};

export function createBusyAction<A extends string>(banner: {
  onerror: (e: AppError) => void;
  onclearerror: () => void;
}): BusyAction<A> {
  let working = $state<A | null>(null);

  async function hold<T>(action: A, body: () => Promise<T>): Promise<T> {
    working = action;
    try {
      return await body();
    } finally {
      working = null;
    }
  }

  return {
    get working() {
      return working;
    },
    async run(action, body) {
      if (working) return;
      banner.onclearerror();
      try {
        await hold(action, body);
      } catch (e) {
        banner.onerror(toAppError(e));
      }
    },
    hold,
  };
}
