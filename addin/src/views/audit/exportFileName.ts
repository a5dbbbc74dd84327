// The name of a downloaded audit export: the day it was taken, in the user's own calendar day (that is
// the day they will look for), and the format's extension.

const twoDigits = (n: number) => String(n).padStart(2, "0");

/** @example exportFileName("csv", new Date(2026, 10, 21)) // → "audit-2026-11-21.csv" */
export function exportFileName(format: "csv" | "json", now: Date): string {
  const day = `${now.getFullYear()}-${twoDigits(now.getMonth() + 1)}-${twoDigits(now.getDate())}`;
  return `audit-${day}.${format}`;
}
