// The second person's part: while a job waits, who may decide it and by when, with Approve and Reject
// for an approver who did not ask for it; afterwards, who decided what and when.
import { useId, useState } from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ApiClient } from "../../api/apiClient";
import type { JobSummaryView, Me } from "../../api/apiTypes";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatDateTime } from "../../format/dates";
import { mailboxes } from "../../format/counting";
import { modeEffect } from "./confirmation";
import { isRequester, retractPermissions } from "./permissions";

export type ApprovalSectionProps = {
  api: ApiClient;
  me: Me;
  job: JobSummaryView;
  /** The job as the decision left it. */
  onDecided(job: JobSummaryView): void;
};

type Decision = "approve" | "reject";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  heading: { margin: 0 },
});

export function ApprovalSection({ api, me, job, onDecided }: ApprovalSectionProps) {
  const styles = useStyles();
  const headingId = useId();
  const { approval } = job;
  if (!approval.required) return null;
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        Approval
      </Subtitle2>
      {job.status === "awaitingApproval" ? (
        <>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Waiting for a second person with Retract.Approve</MessageBarTitle>
              {approval.expiresAt ? `The request expires on ${formatDateTime(approval.expiresAt)}.` : null}
            </MessageBarBody>
          </MessageBar>
          <WhoDecides api={api} me={me} job={job} onDecided={onDecided} />
        </>
      ) : approval.decision && approval.decidedBy ? (
        <Text>
          {approval.decision === "approved" ? "Approved" : "Rejected"} by {approval.decidedBy.upn} on{" "}
          {formatDateTime(approval.decidedAt)}
          {approval.comment ? `: “${approval.comment}”` : "."}
        </Text>
      ) : job.status === "expired" ? (
        <Text>Nobody approved it before {formatDateTime(approval.expiresAt)}.</Text>
      ) : null}
    </section>
  );
}

function WhoDecides({ api, me, job, onDecided }: ApprovalSectionProps) {
  const styles = useStyles();
  const [comment, setComment] = useState("");
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [failed, setFailed] = useState<{ decision: Decision; error: unknown } | null>(null);
  if (isRequester(me, job))
    return (
      <Text>
        You asked for this retraction, so you cannot approve it: another person with Retract.Approve must.
      </Text>
    );
  if (!retractPermissions(me).approve)
    return <Text>Only someone with the Retract.Approve role can approve or reject it.</Text>;

  async function decide(decision: Decision) {
    setDeciding(decision);
    setFailed(null);
    try {
      const trimmed = comment.trim();
      const decided = await (decision === "approve" ? api.approve : api.reject)(job.id, trimmed || undefined);
      onDecided(decided);
    } catch (error) {
      setFailed({ decision, error });
    } finally {
      setDeciding(null);
    }
  }

  return (
    <>
      <Text>
        {job.requester.upn} asks to retract from {mailboxes(job.targetCount)} ({modeEffect[job.mode]})
        because: “{job.reason}”. Approving starts it at once.
      </Text>
      <Field label="Comment (optional)" hint="Kept in the audit log with your decision.">
        <Textarea value={comment} maxLength={1000} onChange={(_event, data) => setComment(data.value)} />
      </Field>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabledFocusable={deciding !== null}
          onClick={() => void decide("approve")}
        >
          Approve
        </Button>
        <Button disabledFocusable={deciding !== null} onClick={() => void decide("reject")}>
          Reject
        </Button>
      </div>
      {failed ? (
        <ErrorNotice
          title={failed.decision === "approve" ? "Could not approve" : "Could not reject"}
          error={failed.error}
          onRetry={() => void decide(failed.decision)}
        />
      ) : null}
    </>
  );
}
