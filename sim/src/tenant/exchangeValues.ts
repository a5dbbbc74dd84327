// Exchange's value formats as Get-Mailbox and friends print them: TimeSpans ("14.00:00:00"), quotas
// ("30 GB (32,212,254,720 bytes)") and instants with seven fractional digits and an offset.

const dayMs = 86_400_000;

/** Milliseconds in a TimeSpan such as "1095.00:00:00" or "12:30:00"; undefined for "Unlimited". */
export function timeSpanMs(value: string): number | undefined {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, days = "0", hours, minutes, seconds] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000;
}

export function timeSpanDays(value: string): number | undefined {
  const ms = timeSpanMs(value);
  return ms === undefined ? undefined : Math.floor(ms / dayMs);
}

/** "30 GB (32,212,254,720 bytes)" */
export function quota(gigabytes: number): string {
  const bytes = BigInt(gigabytes) * 1024n * 1024n * 1024n;
  return `${gigabytes} GB (${bytes.toLocaleString("en-US")} bytes)`;
}

/** "2022-09-21T08:07:47.0000000+00:00", or null. */
export function exchangeInstant(value: string | number | null): string | null {
  if (value === null) return null;
  const iso = new Date(value).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}0000+00:00`;
}
