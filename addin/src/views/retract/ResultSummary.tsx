// How a job ended: its status in words, how many mailboxes ended how, how long it took, and the check
// of the mailboxes afterwards (any copy found back in a visible folder).
import { useId } from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { JobSummaryView } from "../../api/apiTypes";
import { formatDateTime, formatDuration } from "../../format/dates";
import { countsSummary, statusTone } from "./jobStatus";
import { isCheckedAfter, verificationSummary } from "./verification";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  counts: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, margin: 0, padding: 0 },
  count: { listStyleType: "none" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const intents = { success: "success", warning: "warning", danger: "error", informative: "info" } as const;

export function ResultSummary({ job, checking }: { job: JobSummaryView; checking: boolean }) {
  const styles = useStyles();
  const headingId = useId();
  const counts = countsSummary(job.counts);
  // An undone job's last run is its undo.
  const run = job.undo ?? { startedAt: job.startedAt, finishedAt: job.finishedAt };
  const took =
    run.startedAt && run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 : null;
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        Result
      </Subtitle2>
      <MessageBar intent={intents[statusTone(job.status)]} layout="multiline">
        <MessageBarBody>{job.statusText}</MessageBarBody>
      </MessageBar>
      {counts.length > 0 ? (
        <ul className={styles.counts} aria-label="Mailboxes by status">
          {counts.map(({ label, count }) => (
            <li key={label} className={styles.count}>
              <Text>
                {label}: <strong>{count}</strong>
              </Text>
            </li>
          ))}
        </ul>
      ) : null}
      {run.finishedAt ? (
        <Text size={200}>
          {job.undo ? "Undone" : "Finished"} on {formatDateTime(run.finishedAt)}
          {took !== null && took >= 0 ? ` after ${formatDuration(took)}` : ""}.
        </Text>
      ) : null}
      <Verification job={job} checking={checking} />
    </section>
  );
}

function Verification({ job, checking }: { job: JobSummaryView; checking: boolean }) {
  const styles = useStyles();
  // After an undo the copies are back on purpose: the check made after the retraction no longer applies.
  if (!isCheckedAfter(job.status)) return null;
  if (!job.verification)
    return checking ? null : (
      <Text size={200}>No check of the mailboxes after the retraction was recorded.</Text>
    );
  const summary = verificationSummary(job.verification);
  return (
    <MessageBar intent={summary.clean ? "success" : "warning"} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Check afterwards</MessageBarTitle>
        {summary.text}
        {summary.reappeared.length > 0 ? (
          <>
            {" "}
            Found back in a visible folder (recovered by its user, or delivered again):
            <ul className={styles.list}>
              {summary.reappeared.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : null}
        {summary.unchecked.length > 0 ? (
          <>
            {" "}
            Could not be checked:
            <ul className={styles.list}>
              {summary.unchecked.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
