// How far a running intake is, polled (no event permission needed): both services' intakes report
// through the one progress command.
import { api } from './api';
import type { IntakeProgress } from './bindings/IntakeProgress';

export type IntakeProgressPoll = {
  /** True while an intake runs (the dialog to choose files may still be open). */
  readonly running: boolean;
  /** null until Rust reports the first file. */
  readonly progress: IntakeProgress | null;
  /** Polls while `intake` runs. */
  during<T>(intake: () => Promise<T>): Promise<T>;
  /** Stops polling (the screen is going away). */
  stop(): void;
};

export function createIntakeProgress(read: () => Promise<IntakeProgress | null> = api.accountsIntakeProgress, everyMs = 250): IntakeProgressPoll {
  let running = $state(false);
  let progress = $state<IntakeProgress | null>(null);
  let timer: ReturnType<typeof setInterval> | null = null;
  let reading = false;

  function stop() {
    if (timer) clearInterval(timer);
    timer = null;
    running = false;
    progress = null;
  }

  function start() {
    stop();
    running = true;
    timer = setInterval(async () => {
      if (reading) return;
      reading = true;
      try {
        const p = await read();
        if (running) progress = p;
      } catch {
        // A missed poll only delays the bar.
      } finally {
        reading = false;
      }
    }, everyMs);
  }

  return {
    get running() {
      return running;
    },
    get progress() {
      return progress;
    },
    async during(intake) {
      start();
      try {
        return await intake();
      } finally {
        stop();
      }
    },
    stop,
  };
}
