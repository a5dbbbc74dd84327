// Dates as the user reads them: their browser's locale and time zone (Outlook's own), with the honest
// words the API uses where there is no date ("indefinitely", "unknown").

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function asDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "12 Mar 2027, 14:05" in the user's locale; "indefinitely"/"unknown" and other words pass through. */
export function formatDateTime(value: string | Date | null | undefined, none = "—"): string {
  if (value === null || value === undefined || value === "") return none;
  const date = asDate(value);
  return date ? dateTime.format(date) : String(value);
}

/** "12 Mar 2027" in the user's locale; words pass through as in formatDateTime. */
export function formatDate(value: string | Date | null | undefined, none = "—"): string {
  if (value === null || value === undefined || value === "") return none;
  const date = asDate(value);
  return date ? dateOnly.format(date) : String(value);
}

/** "3 min", "1 h 20 min": a duration for progress estimates. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const minutes = Math.round(total / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
