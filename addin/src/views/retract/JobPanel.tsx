// One retraction job, followed live: who asked for what and why, its approval, its progress while it
// runs, its result once it ends, undo, and every mailbox's status.
import { useEffect, useId, useRef } from "react";
import { Badge, Button, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ApiClient } from "../../api/apiClient";
import type { JobDetailView, JobSummaryView, Me } from "../../api/apiTypes";
import { ErrorNotice } from "../../components/ErrorNotice";
import { Loading } from "../../components/Loading";
import { formatDateTime } from "../../format/dates";
import { ApprovalSection } from "./ApprovalSection";
import { ConnectionNote } from "./ConnectionNote";
import { modeEffect } from "./confirmation";
import { mailboxes } from "../../format/counting";
import { isMoving, jobStatusLabel, statusTone } from "./jobStatus";
import { JobTargetsTable } from "./JobTargetsTable";
import { retractPermissions } from "./permissions";
import { ProgressSection } from "./ProgressSection";
import { ResultSummary } from "./ResultSummary";
import { UndoSection } from "./UndoSection";
import { useJobProgress } from "./useJobProgress";

export type JobPanelProps = {
  api: ApiClient;
  me: Me;
  jobId: string;
  /** Each new state of the job, so the list of the message's jobs shows it too. */
  onJobChange(job: JobSummaryView): void;
  /** Leaves the job for the new-retraction form (no button without it). */
  onClose?: () => void;
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, outlineStyle: "none" },
  title: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  heading: { margin: 0 },
  close: { marginLeft: "auto" },
  facts: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
  subheading: { margin: 0 },
});

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const badgeColors = {
  success: "success",
  warning: "warning",
  danger: "danger",
  informative: "informative",
} as const;

export function JobPanel({ api, me, jobId, onJobChange, onClose }: JobPanelProps) {
  const styles = useStyles();
  const headingId = useId();
  const permissions = retractPermissions(me);
  const progress = useJobProgress(api, jobId, permissions.follow);
  // The panel replaces what the user just used (the form, the list): keyboard and screen-reader users
  // continue from its heading.
  const section = useRef<HTMLElement>(null);
  useEffect(() => section.current?.focus(), []);
  const { job } = progress;
  useEffect(() => {
    if (job) onJobChange(job);
  }, [job, onJobChange]);

  return (
    <section ref={section} tabIndex={-1} className={styles.root} aria-labelledby={headingId}>
      <div className={styles.title}>
        <Subtitle2 as="h2" id={headingId} className={styles.heading}>
          Retraction
        </Subtitle2>
        {job ? (
          <Badge appearance="filled" color={badgeColors[statusTone(job.status)]}>
            {jobStatusLabel(job.status)}
          </Badge>
        ) : null}
        {onClose ? (
          <Button size="small" className={styles.close} onClick={onClose}>
            New retraction
          </Button>
        ) : null}
      </div>
      {job ? (
        <JobBody api={api} me={me} job={job} progress={progress} />
      ) : progress.connection === "stopped" ? (
        <ErrorNotice
          title="Could not show this retraction"
          error={progress.error}
          onRetry={progress.follow}
        />
      ) : (
        <Loading label="Loading the retraction…" />
      )}
    </section>
  );
}

type JobBodyProps = {
  api: ApiClient;
  me: Me;
  job: JobDetailView;
  progress: ReturnType<typeof useJobProgress>;
};

function JobBody({ api, me, job, progress }: JobBodyProps) {
  const styles = useStyles();
  const permissions = retractPermissions(me);
  const running = ["queued", "running", "undoing"].includes(job.status);
  return (
    <>
      <div className={styles.facts}>
        {/* A finished job's status is its result's first line. */}
        {isMoving(job.status) ? <Text>{job.statusText}</Text> : null}
        <Text size={200}>
          {capitalised(modeEffect[job.mode])}; depth {job.conversationDepth}; {mailboxes(job.targetCount)}.
        </Text>
        <Text size={200}>
          Asked by {job.requester.upn} on {formatDateTime(job.createdAt)}: “{job.reason}”
        </Text>
        <Text size={200} className={styles.muted}>
          Message {job.internetMessageId}
        </Text>
      </div>
      <ApprovalSection
        api={api}
        me={me}
        job={job}
        onDecided={(decided) => {
          progress.merge(decided);
          progress.follow();
        }}
      />
      {running ? (
        <ProgressSection
          progress={job.progress}
          connection={progress.connection}
          error={progress.error}
          onReconnect={progress.follow}
        />
      ) : (
        <ConnectionNote
          connection={progress.connection}
          error={progress.error}
          onReconnect={progress.follow}
        />
      )}
      {!isMoving(job.status) ? (
        <ResultSummary job={job} checking={progress.connection === "checking"} />
      ) : null}
      <UndoSection
        api={api}
        job={job}
        allowed={permissions.undo}
        onStarted={(accepted) => {
          // Until the stream's snapshot: undoing, with nothing restored yet.
          progress.merge({
            status: accepted.status,
            statusText: accepted.statusText,
            progress: {
              phase: "queued",
              total: accepted.targetCount,
              finished: 0,
              percent: 0,
              etaSeconds: null,
            },
          });
          progress.follow();
        }}
      />
      <Subtitle2 as="h3" className={styles.subheading}>
        Mailboxes
      </Subtitle2>
      <JobTargetsTable targets={job.targets} />
    </>
  );
}
