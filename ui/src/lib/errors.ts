import type { AppError } from './bindings/AppError';

export type { AppError };

/** Shown when a failure carries no usable explanation of its own. */
export const GENERIC_ERROR_MESSAGE =
  'کار انجام نشد و برنامه علت آن را نمی‌داند. دوباره امتحان کنید؛ اگر باز هم نشد، برنامه را ببندید و دوباره باز کنید و در صورت تکرار، متن زیر را برای پشتیبانی بفرستید.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Turns whatever a rejected `invoke` (or any other failure) produced into an AppError:
 * - an AppError-shaped object from Rust is kept (missing parts filled in);
 * - a plain string (e.g. a command returning Err(String)) becomes the message;
 * - a JS Error (a bug or a missing Tauri runtime) gets a Persian message with its text as a detail.
 */
export function toAppError(err: unknown): AppError {
  if (typeof err === 'string') {
    return nonEmptyString(err)
      ? { code: 'unknown', message: err, details: [] }
      : { code: 'unknown', message: GENERIC_ERROR_MESSAGE, details: [] };
  }
  if (err instanceof Error) {
    return { code: 'internal', message: GENERIC_ERROR_MESSAGE, details: err.message ? [err.message] : [] };
  }
  if (isRecord(err)) {
    const code = nonEmptyString(err.code) ? err.code : 'unknown';
    const rawDetails = Array.isArray(err.details) ? err.details : [];
    const details = rawDetails.filter(nonEmptyString);
    if (nonEmptyString(err.message)) {
      return { code, message: err.message, details };
    }
    return { code, message: GENERIC_ERROR_MESSAGE, details };
  }
  if (err === null || err === undefined) {
    return { code: 'unknown', message: GENERIC_ERROR_MESSAGE, details: [] };
  }
  return { code: 'unknown', message: GENERIC_ERROR_MESSAGE, details: [String(err)] };
}

/** True when `value` already has exactly the AppError shape. */
export function isAppError(value: unknown): value is AppError {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    typeof value.message === 'string' &&
    Array.isArray(value.details) &&
    value.details.every((d) => typeof d === 'string')
  );
}
