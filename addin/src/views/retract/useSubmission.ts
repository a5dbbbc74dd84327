// Submits a retraction with its Idempotency-Key: a new key for each confirmed submission, the same key
// when the same request is sent again after a failure (see idempotency.ts).
import { useCallback, useRef, useState } from "react";
import type { ApiClient } from "../../api/apiClient";
import type { Accepted, SubmitRequest } from "../../api/apiTypes";
import { submissionAttempt, type Attempt } from "./idempotency";

export function useSubmission(api: ApiClient) {
  const [state, setState] = useState<{ submitting: boolean; error: unknown }>({
    submitting: false,
    error: null,
  });
  const last = useRef<Attempt | null>(null);
  const submit = useCallback(
    async (request: SubmitRequest): Promise<Accepted | null> => {
      const attempt = submissionAttempt(last.current, JSON.stringify(request), () => crypto.randomUUID());
      last.current = attempt;
      setState({ submitting: true, error: null });
      try {
        const accepted = await api.submit(request, attempt.key);
        last.current = null;
        setState({ submitting: false, error: null });
        return accepted;
      } catch (error) {
        last.current = { ...attempt, failed: true };
        setState({ submitting: false, error });
        return null;
      }
    },
    [api]
  );
  return { ...state, submit };
}
