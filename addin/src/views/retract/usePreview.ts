// Previews a retraction: the plan, the options it was made with (so the form can tell when it no longer
// matches them), and the failure of the last attempt. An answer overtaken by a newer preview is dropped.
import { useCallback, useRef, useState } from "react";
import type { ApiClient } from "../../api/apiClient";
import type { Plan } from "../../api/apiTypes";
import { previewRequest, type RetractOptions } from "./retractOptions";

export type PreviewState = {
  plan: Plan | null;
  /** The options `plan` was previewed with. */
  previewedWith: RetractOptions | null;
  loading: boolean;
  error: unknown;
};

export function usePreview(api: ApiClient, internetMessageId: string, mailbox: string) {
  const [state, setState] = useState<PreviewState>({
    plan: null,
    previewedWith: null,
    loading: false,
    error: null,
  });
  const latest = useRef(0);
  const preview = useCallback(
    async (options: RetractOptions) => {
      const call = ++latest.current;
      setState((current) => ({ ...current, loading: true, error: null }));
      try {
        const plan = await api.preview(previewRequest(internetMessageId, mailbox, options));
        if (call === latest.current) setState({ plan, previewedWith: options, loading: false, error: null });
      } catch (error) {
        // The last good plan stays on screen; the form marks it stale when the options differ.
        if (call === latest.current) setState((current) => ({ ...current, loading: false, error }));
      }
    },
    [api, internetMessageId, mailbox]
  );
  return { ...state, preview };
}
