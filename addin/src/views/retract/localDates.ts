// The API writes days into its sentences as ISO dates ("recover it until 2026-12-05"); the admin reads
// them in their own locale. A bare day is a calendar day, not an instant: it is read in local time so
// that no time zone moves it to the day before.
import { formatDate } from "../../format/dates";

const isoDay = /\b(\d{4})-(\d{2})-(\d{2})\b(?!T)/g;

/**
 * @example localizeDays("Removed; the user can recover it until 2026-12-05.") // → "… until 5 Dec 2026."
 */
export function localizeDays(text: string, format: (day: Date) => string = formatDate): string {
  return text.replace(isoDay, (match, year: string, month: string, day: string) => {
    const date = new Date(Number(year), Number(month) - 1, Number(day));
    return date.getMonth() === Number(month) - 1 ? format(date) : match;
  });
}
