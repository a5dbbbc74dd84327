// A mailbox's holds decoded: the glance line and the API's sentence, what could not be read, each hold
// as a card, then what else decides how long deleted items stay.
import {
  Body1,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ProblemsNotice } from "../../components/ProblemsNotice";
import type { MailboxHoldsResponse } from "../../api/apiTypes";
import { formatDateTime } from "../../format/dates";
import { DeletedItemsFacts } from "./DeletedItemsFacts";
import { HoldCard } from "./HoldCard";
import { holdsHeadline } from "./holdsHeadline";

const useStyles = makeStyles({
  report: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  sectionTitle: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function HoldsReport({ report }: { report: MailboxHoldsResponse }) {
  const styles = useStyles();
  const { holds, problems, mailbox } = report;
  return (
    <div className={styles.report}>
      {mailbox.displayName ? <Caption1 className={styles.muted}>{mailbox.displayName}</Caption1> : null}
      <MessageBar intent={holds.onHold ? "warning" : "info"} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{holdsHeadline(holds)}</MessageBarTitle>
          {holds.summary}
        </MessageBarBody>
      </MessageBar>
      <ProblemsNotice problems={problems} />
      <Subtitle2 as="h3" className={styles.sectionTitle}>
        Holds and policies
      </Subtitle2>
      {holds.holds.length === 0 ? (
        <Body1>No hold or retention policy applies to this mailbox.</Body1>
      ) : (
        <ul className={styles.list} aria-label="Holds and policies">
          {holds.holds.map((hold, index) => (
            <li key={`${hold.kind}-${hold.raw ?? hold.id ?? index}`}>
              <HoldCard hold={hold} />
            </li>
          ))}
        </ul>
      )}
      <Subtitle2 as="h3" className={styles.sectionTitle}>
        Retention and recovery
      </Subtitle2>
      <DeletedItemsFacts holds={holds} retentionPolicy={report.retentionPolicy ?? holds.retentionPolicy} />
      <Caption1 className={styles.muted}>As of {formatDateTime(holds.asOf)}</Caption1>
    </div>
  );
}
