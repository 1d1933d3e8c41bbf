import type { RecentFile } from './bindings/RecentFile';
import { toPersianDigits } from './fa';

/** What tells two recent files apart besides the province: the working year and the folder
    (an entry written before they were kept has neither). */
export function recentYear(file: RecentFile): string | null {
  return file.working_year > 0 ? `سال ${toPersianDigits(file.working_year)}` : null;
}
