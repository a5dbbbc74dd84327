// What every view of the task pane receives from the shell: the API, who is signed in, where, and the
// selected message. Views do their I/O only through `api`.
import type { ApiClient } from "../api/apiClient";
import type { Me } from "../api/apiTypes";
import type { SelectedItem } from "../office/selectedItem";

export type ViewProps = {
  api: ApiClient;
  me: Me;
  /** The mailbox the task pane is open in (the signed-in user's). */
  mailbox: string;
  /** The selected message; null when none can be read, with why in itemError. */
  item: SelectedItem | null;
  itemError: string | null;
  /** Shows a retraction job in the retract view (from the item view's history). */
  openJob(jobId: string): void;
  /** The job the retract view should show first, when the user came from a link. */
  jobId: string | null;
};
