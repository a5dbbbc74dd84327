// Fixture instants: ISO 8601, or relative to when the tenant loads ("now", "now-3d", "now+2h30m"), so
// the demo tenant's dates stay current (a phishing mail from "2 hours ago", holds placed "last year").

const unitMs: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/**
 * Resolves a fixture instant to epoch milliseconds, or returns undefined when it is not one.
 * @example resolveInstant("now-1d", Date.parse("2026-01-02T00:00:00Z")) // → Date.parse("2026-01-01T00:00:00Z")
 */
export function resolveInstant(value: string, now: number): number | undefined {
  const relative = /^now(?:([+-])((?:\d+[dhms])+))?$/.exec(value.trim());
  if (relative) {
    if (!relative[2]) return now;
    let offset = 0;
    for (const [, amount, unit] of relative[2].matchAll(/(\d+)([dhms])/g))
      offset += Number(amount) * unitMs[unit!]!;
    return relative[1] === "-" ? now - offset : now + offset;
  }
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}
