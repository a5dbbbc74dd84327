// The holds that keep this message longer than its retention tag would, in plain words.
import { Body1, Caption1, Card, makeStyles, tokens } from "@fluentui/react-components";
import type { Explanation } from "../../api/apiTypes";
import { formatDate } from "../../format/dates";
import { holdName } from "./retentionText";

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "grid",
    gap: tokens.spacingVerticalXS,
  },
});

function untilText(until: string | null): string {
  if (until === null) return "";
  if (until === "indefinitely") return "indefinitely";
  if (until === "unknown") return "for a period that could not be read";
  return `until ${formatDate(until)}`;
}

export function HoldsOnItem({ explanation }: { explanation: Explanation }) {
  const styles = useStyles();
  const keeping = explanation.holds.filter((hold) => hold.coversItem);
  return (
    <Card aria-labelledby="item-holds-heading" size="small">
      <Body1 as="h2" id="item-holds-heading">
        <strong>Holds</strong>
      </Body1>
      {keeping.length === 0 ? (
        <Body1>No hold keeps this message: once deleted, it is gone when retention says so.</Body1>
      ) : (
        <ul className={styles.list} aria-label="Holds that keep this message">
          {keeping.map((hold, index) => (
            <li key={`${hold.kind}-${hold.id ?? index}`}>
              <Body1>
                <strong>{holdName(hold.kind)}</strong> keeps it {untilText(hold.protectedUntil)}
              </Body1>
              <br />
              <Caption1>{hold.detail}</Caption1>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
