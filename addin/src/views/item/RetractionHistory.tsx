// Whether and when this message was retracted: each job with who asked, how many mailboxes and its
// status, linking to the job in the retract view.
import { Body1, Caption1, Card, Link, makeStyles, tokens } from "@fluentui/react-components";
import type { ApiClient } from "../../api/apiClient";
import { ErrorNotice } from "../../components/ErrorNotice";
import { Loading } from "../../components/Loading";
import { useAsync } from "../../components/useAsync";
import { formatDateTime } from "../../format/dates";
import { reachText } from "./reachText";

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "grid",
    gap: tokens.spacingVerticalS,
  },
});

export type RetractionHistoryProps = {
  api: ApiClient;
  internetMessageId: string;
  /** Shows a job in the retract view; null when the user cannot open that view. */
  openJob: ((jobId: string) => void) | null;
};

export function RetractionHistory({ api, internetMessageId, openJob }: RetractionHistoryProps) {
  const styles = useStyles();
  const jobs = useAsync(() => api.retractions(internetMessageId), internetMessageId);
  return (
    <Card aria-labelledby="history-heading" size="small">
      <Body1 as="h2" id="history-heading">
        <strong>Retractions</strong>
      </Body1>
      {jobs.status === "loading" ? <Loading label="Loading retractions…" /> : null}
      {jobs.status === "failed" ? (
        <ErrorNotice title="Could not load the retractions" error={jobs.error} onRetry={jobs.retry} />
      ) : null}
      {jobs.status === "ready" && jobs.value.length === 0 ? (
        <Body1>This message has not been retracted.</Body1>
      ) : null}
      {jobs.status === "ready" && jobs.value.length > 0 ? (
        <ul className={styles.list} aria-label="Retractions of this message">
          {jobs.value.map((job) => (
            <li key={job.id}>
              <Body1>
                {formatDateTime(job.createdAt)} by {job.requester.upn}: {reachText(job)}
              </Body1>
              <br />
              <Caption1>{job.statusText}</Caption1>{" "}
              {openJob ? (
                <Link
                  as="button"
                  onClick={() => openJob(job.id)}
                  aria-label={`Open the retraction of ${formatDateTime(job.createdAt)}`}
                >
                  Open
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
