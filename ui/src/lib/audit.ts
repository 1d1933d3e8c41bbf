// The audit-log screen's filter as typed, and what is sent to Rust: empty fields match all.

import type { AuditFilter } from './bindings/AuditFilter';
import type { AuditService } from './bindings/AuditService';
import { toLatinDigits } from './fa';

export type AuditForm = {
  service: AuditService | '';
  agency: string;
  actor: string;
  from: string;
  to: string;
};

export const EMPTY_AUDIT_FORM: AuditForm = { service: '', agency: '', actor: '', from: '', to: '' };

export const SERVICE_LABELS: Record<AuditService, string> = {
  accounts: 'حساب‌های منطقه‌ای',
  evaluation: 'ارزیابی عملکرد',
  agencies: 'دستگاه‌ها',
  file: 'پرونده و گزارش‌ها',
};

/** The filter Rust reads: trimmed, digits in Latin, blanks as null. */
export function auditFilter(form: AuditForm): AuditFilter {
  const text = (value: string) => {
    const t = toLatinDigits(value.trim());
    return t === '' ? null : t;
  };
  return {
    service: form.service === '' ? null : form.service,
    agency: text(form.agency),
    actor: form.actor === '' ? null : form.actor,
    from: text(form.from),
    to: text(form.to),
  };
}

/**
 * An audit row's «after» value (JSON written by Rust) as separate parts, each drawn isolated:
 * a JSON array of Latin codes and Persian sentences read as one left-to-right line scrambled.
 * An object gives «key: value» parts; anything that is not JSON is one part as it is.
 */
export function auditValueParts(value: string | null): string[] {
  if (value === null || value.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [value];
  }
  const text = (v: unknown) => (v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  if (Array.isArray(parsed)) return parsed.map(text);
  if (parsed !== null && typeof parsed === 'object') return Object.entries(parsed).map(([k, v]) => `${k}: ${text(v)}`);
  return [text(parsed)];
}
