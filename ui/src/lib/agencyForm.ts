import type { Agency } from './bindings/Agency';
import type { AgencyInput } from './bindings/AgencyInput';

export type AgencyField = keyof AgencyInput;
export type AgencyFormErrors = Partial<Record<AgencyField, string>>;

/** Persian labels of the form fields, in form order. */
export const AGENCY_FIELD_LABELS: Record<AgencyField, string> = {
  code: 'کد دستگاه',
  name: 'نام دستگاه',
  short_name: 'نام کوتاه',
  group: 'گروه جشنواره',
  parent_ministry: 'دستگاه مادر (وزارتخانه)',
  focal_person: 'کارشناس رابط',
  phone: 'تلفن',
  email: 'ایمیل',
};

export const MESSAGES = {
  codeRequired: 'کد دستگاه را وارد کنید؛ مثلاً کدی که در فهرست دستگاه‌های استان آمده است.',
  nameRequired: 'نام کامل دستگاه را وارد کنید؛ مثلاً «اداره کل راه و شهرسازی».',
  emailInvalid: 'ایمیل درست نوشته نشده است؛ باید مانند name@example.ir باشد یا خالی بماند.',
  phoneInvalid: 'تلفن فقط می‌تواند رقم، فاصله، خط تیره (-) و + داشته باشد؛ مانند ۰۶۶-۳۳۲۲۱۱۰۰.',
} as const;

export function emptyAgencyInput(): AgencyInput {
  return {
    code: '',
    name: '',
    short_name: '',
    group: null,
    parent_ministry: '',
    focal_person: '',
    phone: '',
    email: '',
  };
}

export function agencyToInput(agency: Agency): AgencyInput {
  return {
    code: agency.code,
    name: agency.name,
    short_name: agency.short_name,
    group: agency.group,
    parent_ministry: agency.parent_ministry,
    focal_person: agency.focal_person,
    phone: agency.phone,
    email: agency.email,
  };
}

/**
 * What is sent to Rust: surrounding spaces removed, an empty group becomes null.
 * Digits are kept as typed (Persian, Arabic-Indic or Latin).
 */
export function normalizeAgencyInput(input: AgencyInput): AgencyInput {
  const group = (input.group ?? '').trim();
  return {
    code: input.code.trim(),
    name: input.name.trim(),
    short_name: input.short_name.trim(),
    group: group === '' ? null : group,
    parent_ministry: input.parent_ministry.trim(),
    focal_person: input.focal_person.trim(),
    phone: input.phone.trim(),
    email: input.email.trim(),
  };
}

const EMAIL_RE = /^[^\s@]+@([^\s@.]+\.)+[^\s@.]+$/;
const PHONE_CHARS_RE = /^[0-9\u06F0-\u06F9\u0660-\u0669\s+-]+$/;
const DIGIT_RE = /[0-9\u06F0-\u06F9\u0660-\u0669]/;

export function isValidEmail(email: string): boolean {
  return EMAIL_RE.test(email.trim());
}

/** Digits (Persian, Arabic-Indic or Latin), spaces, '-' and '+' only, with at least one digit. */
export function isValidPhone(phone: string): boolean {
  const p = phone.trim();
  return PHONE_CHARS_RE.test(p) && DIGIT_RE.test(p);
}

/** Client-side checks before calling Rust. Empty result = nothing wrong. */
export function validateAgencyInput(input: AgencyInput): AgencyFormErrors {
  const errors: AgencyFormErrors = {};
  if (input.code.trim() === '') errors.code = MESSAGES.codeRequired;
  if (input.name.trim() === '') errors.name = MESSAGES.nameRequired;
  if (input.email.trim() !== '' && !isValidEmail(input.email)) errors.email = MESSAGES.emailInvalid;
  if (input.phone.trim() !== '' && !isValidPhone(input.phone)) errors.phone = MESSAGES.phoneInvalid;
  return errors;
}

export function hasErrors(errors: AgencyFormErrors): boolean {
  return Object.keys(errors).length > 0;
}

// Tokens in an AppError code (e.g. "agency.duplicate_code") that point at a form field.
// Longer tokens first so "short_name" wins over "name".
const FIELD_TOKENS: Array<[string, AgencyField]> = [
  ['short_name', 'short_name'],
  ['parent_ministry', 'parent_ministry'],
  ['ministry', 'parent_ministry'],
  ['focal_person', 'focal_person'],
  ['focal', 'focal_person'],
  ['code', 'code'],
  ['name', 'name'],
  ['group', 'group'],
  ['phone', 'phone'],
  ['email', 'email'],
];

/**
 * Which form field an AppError code from Rust is about, if any:
 * "agency.duplicate_code" -> "code", "agency.invalid_email" -> "email", "db.locked" -> null.
 */
export function fieldForErrorCode(code: string): AgencyField | null {
  const [scope, ...rest] = code.split('.');
  if (scope !== 'agency' || rest.length === 0) return null;
  const tail = `_${rest.join('_')}_`;
  for (const [token, field] of FIELD_TOKENS) {
    if (tail.includes(`_${token}_`)) return field;
  }
  return null;
}
