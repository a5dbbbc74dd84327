// The plan at a glance, above its table: how many mailboxes and copies, what becomes of the copies,
// who cannot be reached, and whether a second person must approve.
import { MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Plan } from "../../api/apiTypes";
import { formatDateTime } from "../../format/dates";
import { copies, mailboxes } from "../../format/counting";
import type { SelectionCounts } from "./planSelection";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  totals: {
    display: "grid",
    gridTemplateColumns: "1fr auto",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, textAlign: "right", fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function PlanSummary({ plan, selected }: { plan: Plan; selected: SelectionCounts }) {
  const styles = useStyles();
  const { totals } = plan;
  const rows: [string, number][] = [
    ["Retractable mailboxes", totals.retractableMailboxes],
    ["Copies", totals.copies],
    ["Not retractable", totals.notRetractable],
    ["Destroyed", totals.destroyed],
    ["Kept by a hold", totals.keptByHold],
  ];
  const followUps = plan.messages.filter((message) => message.depth > 0).length;
  return (
    <div className={styles.root}>
      <Text size={200} className={styles.muted}>
        Preview as of {formatDateTime(plan.asOf)}
        {followUps > 0
          ? `; includes ${followUps} ${followUps === 1 ? "forward or reply" : "forwards and replies"}`
          : ""}
        .
      </Text>
      <dl className={styles.totals}>
        {rows.map(([term, value]) => (
          <Row key={term} term={term} value={value} />
        ))}
      </dl>
      <Text size={200}>
        Selected: {selected.mailboxes} of {mailboxes(totals.retractableMailboxes)}, {copies(selected.copies)}.
      </Text>
      <MessageBar intent={plan.approval.required ? "warning" : "info"} layout="multiline">
        <MessageBarBody>
          {plan.approval.required
            ? `Approval required: ${plan.approval.reasons.join("; ")}. A second person with Retract.Approve must approve before anything is retracted.`
            : "No approval needed: the retraction starts as soon as you confirm it."}
        </MessageBarBody>
      </MessageBar>
      {plan.targets.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>
            No internal recipients to retract from: no mailbox of the organisation holds it.
          </MessageBarBody>
        </MessageBar>
      ) : totals.retractableMailboxes === 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            None of the recipients can be retracted; the table says why for each.
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}

function Row({ term, value }: { term: string; value: number }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>{value}</dd>
    </>
  );
}
