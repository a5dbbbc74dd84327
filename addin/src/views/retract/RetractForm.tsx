// A new retraction of the selected message: choose how far and how hard, preview who it reaches and
// what becomes of each copy, pick the mailboxes, give a reason, confirm. Nothing typed is lost when a
// preview or a submission fails.
import { useId, useState } from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Textarea,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import type { ApiClient } from "../../api/apiClient";
import type { Accepted, SubmitRequest } from "../../api/apiTypes";
import { ErrorNotice } from "../../components/ErrorNotice";
import { Loading } from "../../components/Loading";
import { approvalNote, confirmationText } from "./confirmation";
import { ConfirmDialog } from "./ConfirmDialog";
import { OptionsFields } from "./OptionsFields";
import { includedMailboxes, selectionCounts, setIncluded, toggleIncludeAll } from "./planSelection";
import { PlanSummary } from "./PlanSummary";
import { RecipientsTable } from "./RecipientsTable";
import { reasonLimits, reasonProblem, retractBlocker } from "./retractBlocker";
import { defaultOptions, sameOptions, type RetractOptions } from "./retractOptions";
import { usePreview } from "./usePreview";
import { useSubmission } from "./useSubmission";

export type RetractFormProps = {
  api: ApiClient;
  internetMessageId: string;
  /** The mailbox the message was opened in (the admin's). */
  mailbox: string;
  onSubmitted(accepted: Accepted): void;
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  hint: { color: tokens.colorNeutralForeground3 },
  heading: { margin: 0 },
});

export function RetractForm({ api, internetMessageId, mailbox, onSubmitted }: RetractFormProps) {
  const styles = useStyles();
  // Closing the confirmation puts the focus back on the button that opened it.
  const restoreFocus = useRestoreFocusTarget();
  const headingId = useId();
  const blockerId = useId();
  const [options, setOptions] = useState<RetractOptions>(defaultOptions);
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState("");
  const [reasonTouched, setReasonTouched] = useState(false);
  const [confirming, setConfirming] = useState(false);
  /** What was last sent, so "Try again" sends exactly that (with its key), whatever changed since. */
  const [sent, setSent] = useState<SubmitRequest | null>(null);
  const preview = usePreview(api, internetMessageId, mailbox);
  const submission = useSubmission(api);

  const { plan } = preview;
  const stale =
    plan !== null && preview.previewedWith !== null && !sameOptions(preview.previewedWith, options);
  const counts = plan ? selectionCounts(plan, excluded) : { mailboxes: 0, copies: 0 };
  const blocker = retractBlocker({
    previewed: plan !== null,
    previewing: preview.loading,
    stale,
    reason,
    includedMailboxes: counts.mailboxes,
    submitting: submission.submitting,
  });
  const problem = reasonTouched ? reasonProblem(reason) : null;
  // Why Retract is disabled, unless the reason field already says it.
  const hint = blocker !== null && blocker !== problem && !submission.submitting ? blocker : null;

  async function send(request: SubmitRequest) {
    setSent(request);
    const accepted = await submission.submit(request);
    if (accepted) onSubmitted(accepted);
  }

  function confirm() {
    if (!plan || !preview.previewedWith) return;
    setConfirming(false);
    void send({
      ...preview.previewedWith,
      internetMessageId,
      mailbox,
      reason: reason.trim(),
      include: includedMailboxes(plan, excluded),
    });
  }

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        New retraction
      </Subtitle2>
      <OptionsFields options={options} onChange={setOptions} disabled={submission.submitting} />
      <div className={styles.actions}>
        <Button
          appearance={plan && !stale ? "secondary" : "primary"}
          disabledFocusable={preview.loading || submission.submitting}
          onClick={() => void preview.preview(options)}
        >
          Preview
        </Button>
        {preview.loading ? <Loading label="Finding every copy…" /> : null}
      </div>
      {preview.error ? (
        <ErrorNotice
          title="Could not preview the retraction"
          error={preview.error}
          onRetry={() => void preview.preview(options)}
        />
      ) : null}
      {stale ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            The options changed since this preview: preview again before retracting.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {plan ? (
        <>
          <PlanSummary plan={plan} selected={counts} />
          {plan.targets.length > 0 ? (
            <RecipientsTable
              plan={plan}
              excluded={excluded}
              disabled={submission.submitting}
              onIncludeChange={(target, include) => setExcluded(setIncluded(excluded, target, include))}
              onIncludeAll={() => setExcluded(toggleIncludeAll(plan, excluded))}
            />
          ) : null}
        </>
      ) : null}
      <Field
        label="Reason"
        required
        hint="Kept in the audit log with the retraction."
        validationState={problem ? "error" : "none"}
        validationMessage={problem ?? undefined}
      >
        <Textarea
          value={reason}
          maxLength={reasonLimits.max}
          resize="vertical"
          disabled={submission.submitting}
          onChange={(_event, data) => setReason(data.value)}
          onBlur={() => setReasonTouched((touched) => touched || reason.length > 0)}
        />
      </Field>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabledFocusable={blocker !== null}
          aria-describedby={hint ? blockerId : undefined}
          onClick={() => setConfirming(true)}
          {...restoreFocus}
        >
          Retract
        </Button>
        {submission.submitting ? <Loading label="Submitting…" /> : null}
        {hint ? (
          <Text id={blockerId} size={200} className={styles.hint}>
            {hint}
          </Text>
        ) : null}
      </div>
      {submission.error ? (
        <ErrorNotice
          title="Could not start the retraction"
          error={submission.error}
          onRetry={sent ? () => void send(sent) : undefined}
        />
      ) : null}
      {plan ? (
        <ConfirmDialog
          open={confirming}
          title="Confirm retraction"
          confirmLabel="Retract"
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        >
          <Text as="p" block>
            {confirmationText(counts, plan.mode)}
          </Text>
          {approvalNote(plan, counts) ? (
            <Text as="p" block>
              {approvalNote(plan, counts)}
            </Text>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
