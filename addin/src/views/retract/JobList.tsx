// The message's retractions, newest first: status, mode, when and by whom. Choosing one shows it in the
// job panel; an approver finds here the request that waits for them.
import { useId, useState } from "react";
import { Badge, Button, Subtitle2, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { JobSummaryView } from "../../api/apiTypes";
import type { AsyncState } from "../../components/useAsync";
import { ErrorNotice } from "../../components/ErrorNotice";
import { Loading } from "../../components/Loading";
import { formatDateTime } from "../../format/dates";
import { mailboxes } from "../../format/counting";
import { jobStatusLabel, statusTone } from "./jobStatus";

export type JobListProps = {
  /** The jobs, already merged with the ones followed live (see jobLists.ts). */
  jobs: AsyncState<JobSummaryView[]> & { retry(): void };
  selectedId: string | null;
  onSelect(jobId: string): void;
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  title: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  heading: { margin: 0 },
  refresh: { marginLeft: "auto" },
  more: { alignSelf: "flex-start" },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, margin: 0, padding: 0 },
  item: { listStyleType: "none" },
  job: {
    width: "100%",
    justifyContent: "flex-start",
    textAlign: "left",
    fontWeight: tokens.fontWeightRegular,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
  selected: { backgroundColor: tokens.colorSubtleBackgroundSelected },
  lines: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  first: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
});

const badgeColors = {
  success: "success",
  warning: "warning",
  danger: "danger",
  informative: "informative",
} as const;

/** How many jobs the list shows before "Show all": the newest matter most. */
const shortList = 5;

export function JobList({ jobs, selectedId, onSelect }: JobListProps) {
  const styles = useStyles();
  const headingId = useId();
  const [all, setAll] = useState(false);
  const listed = jobs.status === "ready" ? jobs.value : [];
  const shown = all ? listed : listed.filter((job, index) => index < shortList || job.id === selectedId);
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <div className={styles.title}>
        <Subtitle2 as="h2" id={headingId} className={styles.heading}>
          Retractions of this message
        </Subtitle2>
        {jobs.status === "ready" ? (
          <Button size="small" appearance="subtle" className={styles.refresh} onClick={jobs.retry}>
            Refresh
          </Button>
        ) : null}
      </div>
      {jobs.status === "loading" ? (
        <Loading label="Loading earlier retractions…" />
      ) : jobs.status === "failed" ? (
        <ErrorNotice
          title="Could not list this message's retractions"
          error={jobs.error}
          onRetry={jobs.retry}
        />
      ) : jobs.value.length === 0 ? (
        <Text size={200}>This message has not been retracted yet.</Text>
      ) : (
        <ul className={styles.list} aria-labelledby={headingId}>
          {shown.map((job) => (
            <li key={job.id} className={styles.item}>
              <JobButton job={job} selected={job.id === selectedId} onSelect={onSelect} />
            </li>
          ))}
        </ul>
      )}
      {shown.length < listed.length ? (
        <Button size="small" appearance="subtle" className={styles.more} onClick={() => setAll(true)}>
          Show all {listed.length} retractions
        </Button>
      ) : null}
    </section>
  );
}

function JobButton({
  job,
  selected,
  onSelect,
}: {
  job: JobSummaryView;
  selected: boolean;
  onSelect(id: string): void;
}) {
  const styles = useStyles();
  return (
    <Button
      appearance="subtle"
      className={mergeClasses(styles.job, selected && styles.selected)}
      aria-current={selected ? "true" : undefined}
      onClick={() => onSelect(job.id)}
    >
      <span className={styles.lines}>
        <span className={styles.first}>
          <Badge appearance="tint" size="small" color={badgeColors[statusTone(job.status)]}>
            {jobStatusLabel(job.status)}
          </Badge>
          <Text size={200}>
            {job.mode === "soft" ? "Soft" : "Hard"}, {mailboxes(job.targetCount)}
          </Text>
        </span>
        <Text size={200} className={styles.muted}>
          {formatDateTime(job.createdAt)} by {job.requester.upn}
        </Text>
      </span>
    </Button>
  );
}
