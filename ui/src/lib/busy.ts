// Tracks running backend commands and reports "show the loading indicator"
// only when something has been running longer than `delayMs`, so quick
// commands (a search keystroke) do not make the screen flicker.

export type BusyListener = (visible: boolean) => void;

export type BusyTracker = {
  /** Marks one command as started; call the returned function when it ends (safe to call twice). */
  begin(): () => void;
  /** Whether the indicator should be shown now. */
  readonly visible: boolean;
  /** Number of commands still running. */
  readonly pending: number;
  /** Calls `fn` whenever `visible` changes; returns an unsubscribe function. */
  subscribe(fn: BusyListener): () => void;
};

export function createBusyTracker(delayMs = 200): BusyTracker {
  let pending = 0;
  let visible = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<BusyListener>();

  const setVisible = (v: boolean) => {
    if (v === visible) return;
    visible = v;
    for (const fn of listeners) fn(v);
  };

  return {
    begin() {
      pending++;
      if (pending === 1 && timer === null && !visible) {
        timer = setTimeout(() => {
          timer = null;
          if (pending > 0) setVisible(true);
        }, delayMs);
      }
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        pending--;
        if (pending === 0) {
          if (timer !== null) {
            clearTimeout(timer);
            timer = null;
          }
          setVisible(false);
        }
      };
    },
    get visible() {
      return visible;
    },
    get pending() {
      return pending;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/** Debounces `fn` by `ms`; `cancel()` drops a pending call, `flush()` runs it now. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastArgs: A | null = null;
  const run = () => {
    timer = null;
    const args = lastArgs;
    lastArgs = null;
    if (args) fn(...args);
  };
  const debounced = (...args: A) => {
    lastArgs = args;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  debounced.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    lastArgs = null;
  };
  debounced.flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      run();
    }
  };
  return debounced;
}
