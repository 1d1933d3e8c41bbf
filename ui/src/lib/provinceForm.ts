import { toLatinDigits } from './fa';

export type ProvinceForm = { province: string; office: string; year: string };
export type ProvinceFormErrors = Partial<Record<keyof ProvinceForm, string>>;

export const MIN_YEAR = 1300;
export const MAX_YEAR = 1500;

export const PROVINCE_MESSAGES = {
  provinceRequired: 'نام استان را وارد کنید؛ مثلاً «لرستان».',
  officeRequired: 'نام اداره را وارد کنید؛ مثلاً «سازمان مدیریت و برنامه‌ریزی استان لرستان».',
  yearInvalid: 'سال کاری را به تاریخ شمسی و با چهار رقم بنویسید؛ مثلاً ۱۴۰۳.',
} as const;

/** Parses a Jalali year typed with Persian, Arabic-Indic or Latin digits; null when not a plausible year. */
export function parseJalaliYear(text: string): number | null {
  const t = toLatinDigits(text.trim());
  if (!/^\d{4}$/.test(t)) return null;
  const y = Number.parseInt(t, 10);
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
}

export function validateProvinceForm(form: ProvinceForm): ProvinceFormErrors {
  const errors: ProvinceFormErrors = {};
  if (form.province.trim() === '') errors.province = PROVINCE_MESSAGES.provinceRequired;
  if (form.office.trim() === '') errors.office = PROVINCE_MESSAGES.officeRequired;
  if (parseJalaliYear(form.year) === null) errors.year = PROVINCE_MESSAGES.yearInvalid;
  return errors;
}

/** The province name without a leading «استان»: «استان لرستان» -> «لرستان». */
export function bareProvinceName(province: string): string {
  return province.trim().replace(/^استان(\s|\u200c)+/, '').trim();
}

/** «استان لرستان», whether or not the stored name already starts with «استان». */
export function provinceTitle(province: string): string {
  const bare = bareProvinceName(province);
  return bare === '' ? 'استان' : `استان ${bare}`;
}

/** Suggested office name for a province, e.g. «سازمان مدیریت و برنامه‌ریزی استان لرستان». */
export function suggestedOffice(province: string): string {
  const p = bareProvinceName(province);
  return p === '' ? '' : `سازمان مدیریت و برنامه‌ریزی استان ${p}`;
}
