import type { AppError } from './bindings/AppError';

export type { AppError };

/** Shown when a failure carries no usable explanation of its own. */
export const GENERIC_ERROR_MESSAGE =
  'کار انجام نشد و برنامه علت آن را نمی‌داند. دوباره امتحان کنید؛ اگر باز هم نشد، برنامه را ببندید و دوباره باز کنید و در صورت تکرار، متن زیر را برای پشتیبانی بفرستید.';

/** A message a person can read: it has Persian words. A system's own text (English «No such
    file or directory», a zip or XML library's error) is kept as a detail, never the message. */
function isPersian(text: string): boolean {
  return /[\u0600-\u06FF]/.test(text);
}

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
    if (!nonEmptyString(err)) return { code: 'unknown', message: GENERIC_ERROR_MESSAGE, details: [] };
    return isPersian(err)
      ? { code: 'unknown', message: err, details: [] }
      : { code: 'unknown', message: GENERIC_ERROR_MESSAGE, details: [err] };
  }
  if (err instanceof Error) {
    return { code: 'internal', message: GENERIC_ERROR_MESSAGE, details: err.message ? [err.message] : [] };
  }
  if (isRecord(err)) {
    const code = nonEmptyString(err.code) ? err.code : 'unknown';
    const rawDetails = Array.isArray(err.details) ? err.details : [];
    const details = rawDetails.filter(nonEmptyString);
    if (nonEmptyString(err.message)) {
      return isPersian(err.message)
        ? { code, message: err.message, details }
        : { code, message: GENERIC_ERROR_MESSAGE, details: [err.message, ...details] };
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
