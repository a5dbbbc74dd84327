// The retention tag that applies to the message, where it comes from, what it does and when.
import { Body1, Caption1, Card } from "@fluentui/react-components";
import { useFactListStyles } from "../../components/factListStyles";
import type { Explanation } from "../../api/apiTypes";
import { formatDate } from "../../format/dates";
import { neverExpires, tagActionText, tagSourceText } from "./retentionText";

export function RetentionFacts({ retention }: { retention: Explanation["retention"] }) {
  const styles = useFactListStyles();
  const { tag } = retention;
  const expiry = neverExpires(retention)
    ? "Never expires"
    : `${tagActionText(tag!.action)} on ${formatDate(retention.expiresAt)}`;
  return (
    <Card aria-labelledby="retention-heading" size="small">
      <Body1 as="h2" id="retention-heading">
        <strong>Retention</strong>
      </Body1>
      <dl className={styles.facts}>
        <dt>
          <Caption1>Tag</Caption1>
        </dt>
        <dd className={styles.value} data-testid="retention-tag">
          {tag ? (
            <>
              {tag.name} <Caption1>({tagSourceText(tag.source)})</Caption1>
            </>
          ) : (
            "No retention tag applies"
          )}
        </dd>
        <dt>
          <Caption1>Expiry</Caption1>
        </dt>
        <dd className={styles.value} data-testid="expiry">
          {expiry}
        </dd>
        {retention.suspendedUntil ? (
          <>
            <dt>
              <Caption1>Paused</Caption1>
            </dt>
            <dd className={styles.value}>
              A retention hold pauses it{" "}
              {retention.suspendedUntil === "indefinitely"
                ? "indefinitely"
                : `until ${formatDate(retention.suspendedUntil)}`}
            </dd>
          </>
        ) : null}
      </dl>
    </Card>
  );
}
