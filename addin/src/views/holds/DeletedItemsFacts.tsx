// What happens to deleted items apart from holds: the MRM retention policy, a retention hold (which
// suspends MRM but keeps nothing), deleted-item retention with Single Item Recovery, and how full
// Recoverable Items is. Each comes with the API's sentence, so nothing is reworded on this side.
import {
  Body1,
  Caption1,
  Card,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { MailboxHoldsResponse } from "../../api/apiTypes";
import { formatDate } from "../../format/dates";
import { formatBytes } from "./formatBytes";
import { quotaIntent, recoverableUsageText } from "./recoverableUsageText";
import { retentionHoldWindow } from "./retentionHoldWindow";

type Holds = MailboxHoldsResponse["holds"];

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  title: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const styles = useStyles();
  return (
    <Card size="small" appearance="outline">
      <div className={styles.section}>
        <Body1 as="h4" className={styles.title}>
          <strong>{title}</strong>
        </Body1>
        {children}
      </div>
    </Card>
  );
}

function RetentionHold({ hold }: { hold: Holds["retentionHold"] }) {
  const styles = useStyles();
  const window = retentionHoldWindow(hold.startsAt, hold.endsAt, (iso) => formatDate(iso));
  return (
    <Section title={hold.inEffect ? "Retention hold: in effect" : "Retention hold"}>
      <Body1>{hold.summary}</Body1>
      {hold.enabled && window ? <Caption1>{window}</Caption1> : null}
      {hold.comment ? <Caption1 className={styles.muted}>Comment: {hold.comment}</Caption1> : null}
    </Section>
  );
}

function RecoverableItems({ usage }: { usage: Holds["recoverableItems"] }) {
  if (!usage)
    return (
      <Section title="Recoverable Items">
        <Body1>Its size could not be read.</Body1>
      </Section>
    );
  const intent = quotaIntent(usage.quotaState);
  const text = recoverableUsageText(usage, (bytes) => formatBytes(bytes));
  return (
    <Section title="Recoverable Items">
      <Body1>{text}</Body1>
      {usage.quotaBytes !== null && usage.percentOfQuota !== null ? (
        <ProgressBar
          value={Math.min(usage.percentOfQuota, 100) / 100}
          color={intent ?? "brand"}
          thickness="large"
          aria-label="Recoverable Items quota used"
          aria-valuetext={text}
        />
      ) : null}
      {intent ? (
        <MessageBar intent={intent} layout="multiline">
          <MessageBarBody>{usage.summary}</MessageBarBody>
        </MessageBar>
      ) : (
        <Caption1>{usage.summary}</Caption1>
      )}
    </Section>
  );
}

export function DeletedItemsFacts({
  holds,
  retentionPolicy,
}: {
  holds: Holds;
  retentionPolicy: string | null;
}) {
  const styles = useStyles();
  return (
    <>
      <Section title="Retention policy">
        <Body1>{retentionPolicy ?? "None: retention tags do not move or delete items by age."}</Body1>
        {holds.mrmProcessingDisabled ? (
          <Caption1 className={styles.muted}>
            MRM does not process this mailbox (ElcProcessingDisabled).
          </Caption1>
        ) : null}
      </Section>
      <RetentionHold hold={holds.retentionHold} />
      <Section title="Deleted items">
        <Body1>{holds.deletedItems.summary}</Body1>
        <Caption1>
          Single Item Recovery {holds.deletedItems.singleItemRecovery ? "on" : "off"} · kept{" "}
          {holds.deletedItems.retainDeletedItemsForDays} days
        </Caption1>
      </Section>
      <RecoverableItems usage={holds.recoverableItems} />
    </>
  );
}
