// The retract view for one message: its earlier retractions, and either the one chosen (followed live)
// or the form for a new one. The form stays mounted while a job is shown, so nothing typed is lost.
import { useCallback, useState } from "react";
import { MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Accepted, JobSummaryView } from "../../api/apiTypes";
import { useAsync } from "../../components/useAsync";
import type { ViewProps } from "../viewProps";
import { JobList } from "./JobList";
import { mergeJobs } from "./jobLists";
import { JobPanel } from "./JobPanel";
import { retractPermissions } from "./permissions";
import { RetractForm } from "./RetractForm";

export type MessageRetractionsProps = Omit<ViewProps, "itemError"> & {
  internetMessageId: string;
  /** Told which job is shown whenever the user opens one. */
  onJobShown(jobId: string): void;
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
});

export function MessageRetractions({
  api,
  me,
  mailbox,
  item,
  internetMessageId,
  jobId,
  onJobShown,
}: MessageRetractionsProps) {
  const styles = useStyles();
  const permissions = retractPermissions(me);
  const [selected, setSelected] = useState<string | null>(jobId);
  // A new link from the item view shows its job, even when this view is already open.
  const [linked, setLinked] = useState(jobId);
  if (jobId !== linked) {
    setLinked(jobId);
    setSelected(jobId);
  }
  const fetched = useAsync(
    () => (permissions.read ? api.retractions(internetMessageId) : Promise.resolve([])),
    internetMessageId
  );
  const [live, setLive] = useState<ReadonlyMap<string, JobSummaryView>>(new Map());
  const onJobChange = useCallback(
    (job: JobSummaryView) => setLive((current) => new Map(current).set(job.id, job)),
    []
  );
  // A new form after each submission; the previous one's choices belong to the job now shown.
  const [formRun, setFormRun] = useState(0);
  const show = (id: string) => {
    setSelected(id);
    onJobShown(id);
  };
  const onSubmitted = (accepted: Accepted) => {
    show(accepted.id);
    setFormRun((n) => n + 1);
  };
  const jobs =
    fetched.status === "ready"
      ? { ...fetched, value: mergeJobs(fetched.value, live, internetMessageId) }
      : fetched;

  return (
    <div className={styles.root}>
      <Text size={200} className={styles.muted}>
        Selected message: “{item?.subject || "(no subject)"}” {internetMessageId}
      </Text>
      {permissions.read ? (
        <JobList jobs={jobs} selectedId={selected} onSelect={show} />
      ) : (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            Reading retractions needs the Retract.Run or Audit.Read role, so earlier retractions and requests
            waiting for approval cannot be listed here.
          </MessageBarBody>
        </MessageBar>
      )}
      {selected ? (
        <JobPanel
          key={selected}
          api={api}
          me={me}
          jobId={selected}
          onJobChange={onJobChange}
          onClose={permissions.retract ? () => setSelected(null) : undefined}
        />
      ) : null}
      {permissions.retract ? (
        <div hidden={selected !== null}>
          <RetractForm
            key={formRun}
            api={api}
            internetMessageId={internetMessageId}
            mailbox={mailbox}
            onSubmitted={onSubmitted}
          />
        </div>
      ) : null}
    </div>
  );
}
