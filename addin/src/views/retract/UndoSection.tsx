// Undo of a finished soft retraction: the button and its confirmation when the API would accept it,
// otherwise why not (a hard retraction was purged; a running one must finish first).
import { useState } from "react";
import { Button, Text, makeStyles, tokens, useRestoreFocusTarget } from "@fluentui/react-components";
import type { ApiClient } from "../../api/apiClient";
import type { Accepted, JobSummaryView } from "../../api/apiTypes";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ConfirmDialog } from "./ConfirmDialog";
import { mailboxes } from "../../format/counting";

export type UndoSectionProps = {
  api: ApiClient;
  job: JobSummaryView;
  /** Whether the user may undo (Retract.Run). */
  allowed: boolean;
  onStarted(accepted: Accepted): void;
};

/** Statuses in which undo means nothing: nothing was retracted, or it is being or was undone. */
const irrelevant: readonly JobSummaryView["status"][] = [
  "awaitingApproval",
  "queued",
  "rejected",
  "expired",
  "undoing",
  "undone",
];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, alignItems: "flex-start" },
  note: { color: tokens.colorNeutralForeground3 },
});

export function UndoSection({ api, job, allowed, onStarted }: UndoSectionProps) {
  const styles = useStyles();
  // Closing the confirmation puts the focus back on the button that opened it.
  const restoreFocus = useRestoreFocusTarget();
  const [confirming, setConfirming] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (irrelevant.includes(job.status)) return null;
  if (!job.undoable.possible)
    return (
      <Text size={200} className={styles.note}>
        {job.undoable.text}
      </Text>
    );
  if (!allowed)
    return (
      <Text size={200} className={styles.note}>
        Undoing a retraction needs the Retract.Run role.
      </Text>
    );

  async function undo() {
    setConfirming(false);
    setUndoing(true);
    setError(null);
    try {
      onStarted(await api.undo(job.id));
    } catch (err) {
      setError(err);
    } finally {
      setUndoing(false);
    }
  }

  return (
    <div className={styles.root}>
      <Text size={200}>{job.undoable.text}</Text>
      <Button disabledFocusable={undoing} onClick={() => setConfirming(true)} {...restoreFocus}>
        Undo
      </Button>
      {error ? (
        <ErrorNotice title="Could not undo the retraction" error={error} onRetry={() => void undo()} />
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Confirm undo"
        confirmLabel="Undo"
        onConfirm={() => void undo()}
        onCancel={() => setConfirming(false)}
      >
        Move every retracted copy back to the folder it was in, in{" "}
        {mailboxes(job.counts.done + job.counts.failed + job.counts.restoreFailed)}?
      </ConfirmDialog>
    </div>
  );
}
