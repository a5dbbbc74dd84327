// Why the Retract button cannot be used yet, in words shown beside it; null when it can.

/** The API keeps reasons of 3 to 1000 characters (spaces at the ends do not count). */
export const reasonLimits = { min: 3, max: 1000 } as const;

/** @example reasonProblem("ok") // → "Give a reason of at least 3 characters (it is kept in the audit log)." */
export function reasonProblem(reason: string): string | null {
  const length = reason.trim().length;
  if (length < reasonLimits.min)
    return `Give a reason of at least ${reasonLimits.min} characters (it is kept in the audit log).`;
  if (length > reasonLimits.max) return `Keep the reason under ${reasonLimits.max} characters.`;
  return null;
}

export type RetractReadiness = {
  previewed: boolean;
  previewing: boolean;
  stale: boolean;
  reason: string;
  includedMailboxes: number;
  submitting: boolean;
};

/**
 * The first thing missing before a retraction can be submitted.
 * @example retractBlocker({ previewed: true, stale: true, … }) // → "Preview again: the options changed since the last preview."
 */
export function retractBlocker(state: RetractReadiness): string | null {
  if (state.submitting) return "Submitting…";
  if (state.previewing) return "Wait for the preview.";
  if (!state.previewed) return "Preview first to see who the retraction reaches.";
  if (state.stale) return "Preview again: the options changed since the last preview.";
  if (state.includedMailboxes === 0) return "Include at least one mailbox.";
  return reasonProblem(state.reason);
}
