// What message the task pane is about: subject, sender, delivery time and Internet Message-ID.
import { Body1, Caption1, Card, CardHeader, Text } from "@fluentui/react-components";
import { formatDateTime } from "../format/dates";
import { useFactListStyles } from "./factListStyles";
import type { SelectedItem } from "../office/selectedItem";

export type ItemSummaryProps = {
  item: SelectedItem;
  /** Another person's mailbox the message is in (opened as shared); null in the user's own. */
  otherMailbox: string | null;
};

export function ItemSummary({ item, otherMailbox }: ItemSummaryProps) {
  const styles = useFactListStyles();
  const from = item.from ? `${item.from.name} <${item.from.address}>` : "unknown sender";
  return (
    <Card aria-label="Selected message">
      <CardHeader
        header={<Body1 as="h2">{item.subject || "(no subject)"}</Body1>}
        description={<Caption1>{from}</Caption1>}
      />
      <dl className={styles.facts}>
        {otherMailbox ? (
          <>
            <dt>
              <Caption1>Mailbox</Caption1>
            </dt>
            <dd className={styles.value}>
              <Text size={200}>{otherMailbox}</Text>
            </dd>
          </>
        ) : null}
        <dt>
          <Caption1>Received</Caption1>
        </dt>
        <dd className={styles.value}>
          <Text size={200}>{formatDateTime(item.receivedAt, "unknown")}</Text>
        </dd>
        <dt>
          <Caption1>Message-ID</Caption1>
        </dt>
        <dd className={styles.value}>
          <Text size={200}>
            {item.internetMessageId ??
              "not assigned yet (the message was sent moments ago; try again shortly)"}
          </Text>
        </dd>
      </dl>
    </Card>
  );
}
