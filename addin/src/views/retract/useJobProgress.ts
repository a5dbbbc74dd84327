// A job as it changes: followed from the moment the panel shows it until it stops changing, and no
// longer once the panel goes away or shows another job (the stream is aborted).
import { useCallback, useEffect, useState } from "react";
import type { ApiClient } from "../../api/apiClient";
import type { JobSummaryView } from "../../api/apiTypes";
import { followJobUntilEnd, type FollowState } from "./followJobUntilEnd";

export type JobProgress = FollowState & {
  /** Follows the job again (after an approval or an undo started it moving, or after an error). */
  follow(): void;
  /** Takes in what an action answered (approve, reject), before the stream says it too. */
  merge(summary: Partial<JobSummaryView>): void;
};

export function useJobProgress(api: ApiClient, jobId: string, stream: boolean): JobProgress {
  const [state, setState] = useState<FollowState>({ job: null, connection: "connecting", error: null });
  const [run, setRun] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    void followJobUntilEnd({ api, stream }, jobId, controller.signal, (patch) =>
      setState((current) => ({ ...current, ...patch }))
    );
    return () => controller.abort();
  }, [api, jobId, stream, run]);
  const follow = useCallback(() => setRun((n) => n + 1), []);
  const merge = useCallback(
    (summary: Partial<JobSummaryView>) =>
      setState((current) =>
        current.job
          ? { ...current, job: { ...current.job, ...summary, targets: current.job.targets } }
          : current
      ),
    []
  );
  return { ...state, follow, merge };
}
