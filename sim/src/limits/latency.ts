// Simulated service latency: log-normal around a median, so most requests are near it and a few are slow.

/** A latency sample in milliseconds (Box–Muller normal, exponentiated). */
export function sampleLatency(medianMs: number, jitter: number, random: () => number = Math.random): number {
  if (medianMs <= 0) return 0;
  if (jitter <= 0) return medianMs;
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return medianMs * Math.exp(jitter * normal);
}

export function delay(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
