// Dates as the harness shows them: in the browser's language and time zone, like Outlook.

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
