// The window of a retention hold (MRM suspended) in words; Exchange allows either end to be open.

/**
 * @example retentionHoldWindow("2026-11-01T00:00:00.000Z", "2026-12-11T00:00:00.000Z", formatDate) // → "From 1 Nov 2026 until 11 Dec 2026"
 * @example retentionHoldWindow(null, null, formatDate) // → null
 */
export function retentionHoldWindow(
  startsAt: string | null,
  endsAt: string | null,
  formatDate: (iso: string) => string
): string | null {
  if (startsAt && endsAt) return `From ${formatDate(startsAt)} until ${formatDate(endsAt)}`;
  if (startsAt) return `From ${formatDate(startsAt)}, with no end date`;
  if (endsAt) return `Until ${formatDate(endsAt)}`;
  return null;
}
