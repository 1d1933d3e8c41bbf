import type { Agency } from './bindings/Agency';
import { formatNumber } from './fa';

export type AgencySummary = {
  total: number;
  active: number;
  inactive: number;
  /** Distinct festival groups used by active agencies. */
  groups: number;
  /** Active agencies without a focal person. */
  missingFocal: number;
  /** Active agencies without a phone. */
  missingPhone: number;
  /** Active agencies without an email. */
  missingEmail: number;
  /** Active agencies missing at least one of focal person, phone, email. */
  incomplete: number;
};

const blank = (s: string | null | undefined) => (s ?? '').trim() === '';

export type ContactField = 'focal_person' | 'phone' | 'email';

/** The contact fields an agency still lacks, in display order. */
export function missingContactFields(agency: Agency): ContactField[] {
  const out: ContactField[] = [];
  if (blank(agency.focal_person)) out.push('focal_person');
  if (blank(agency.phone)) out.push('phone');
  if (blank(agency.email)) out.push('email');
  return out;
}

export const CONTACT_FIELD_LABELS: Record<ContactField, string> = {
  focal_person: 'کارشناس رابط',
  phone: 'تلفن',
  email: 'ایمیل',
};

/** Counts for the "what is left to do" line. Contact gaps count only active agencies. */
export function summarizeAgencies(agencies: readonly Agency[]): AgencySummary {
  const groups = new Set<string>();
  const s: AgencySummary = {
    total: agencies.length, active: 0, inactive: 0, groups: 0,
    missingFocal: 0, missingPhone: 0, missingEmail: 0, incomplete: 0,
  };
  for (const a of agencies) {
    if (!a.active) {
      s.inactive++;
      continue;
    }
    s.active++;
    if (!blank(a.group)) groups.add((a.group ?? '').trim());
    const missing = missingContactFields(a);
    if (missing.includes('focal_person')) s.missingFocal++;
    if (missing.includes('phone')) s.missingPhone++;
    if (missing.includes('email')) s.missingEmail++;
    if (missing.length > 0) s.incomplete++;
  }
  s.groups = groups.size;
  return s;
}

/** e.g. «۶۲ دستگاه فعال، ۲ غیرفعال، ۵ گروه جشنواره» */
export function summaryLine(s: AgencySummary): string {
  const parts = [`${formatNumber(s.active)} دستگاه فعال`];
  if (s.inactive > 0) parts.push(`${formatNumber(s.inactive)} غیرفعال`);
  parts.push(`${formatNumber(s.groups)} گروه جشنواره`);
  return parts.join('، ');
}

/**
 * What is left to do, e.g. «۳ دستگاه کارشناس رابط ندارند، ۵ تلفن ندارند» or null when complete.
 */
export function todoLine(s: AgencySummary): string | null {
  const parts: string[] = [];
  if (s.missingFocal > 0) parts.push(`${formatNumber(s.missingFocal)} دستگاه کارشناس رابط ندارد`);
  if (s.missingPhone > 0) parts.push(`${formatNumber(s.missingPhone)} دستگاه تلفن ندارد`);
  if (s.missingEmail > 0) parts.push(`${formatNumber(s.missingEmail)} دستگاه ایمیل ندارد`);
  return parts.length > 0 ? parts.join('، ') : null;
}
