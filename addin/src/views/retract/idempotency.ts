// The Idempotency-Key of a submission. Each confirmed submission gets a new key, except a retry of the
// very same request after it failed: the API may have stored the job before the answer was lost, and the
// same key then returns that job instead of starting a second retraction.

export type Attempt = { key: string; body: string; failed: boolean };

/**
 * @example submissionAttempt({ key: "k1", body: "{…}", failed: true }, "{…}", randomUUID).key // → "k1"
 */
export function submissionAttempt(last: Attempt | null, body: string, newKey: () => string): Attempt {
  if (last && last.failed && last.body === body) return { ...last, failed: false };
  return { key: newKey(), body, failed: false };
}
