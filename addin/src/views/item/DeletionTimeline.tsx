// What would happen to the message if it were deleted today: where it goes, and when it is gone for good.
import { Body1, Caption1, Card, makeStyles, tokens } from "@fluentui/react-components";
import type { Explanation } from "../../api/apiTypes";
import { formatDate } from "../../format/dates";
import { locationText } from "./retentionText";

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "grid",
    gap: tokens.spacingVerticalXS,
  },
});

function endText(end: Explanation["permanentRemovalAt"]): string {
  if (end === null || end === "unknown") return "When it is gone for good could not be worked out.";
  if (end === "indefinitely") return "It is never removed while the hold lasts.";
  return `Gone for good on ${formatDate(end)}.`;
}

export function DeletionTimeline({ ifDeleted, asOf }: { ifDeleted: Explanation; asOf: string }) {
  const styles = useStyles();
  const steps = ifDeleted.timeline.filter((entry) => entry.at >= asOf);
  return (
    <Card aria-labelledby="timeline-heading" size="small">
      <Body1 as="h2" id="timeline-heading">
        <strong>If you delete it today</strong>
      </Body1>
      <ol className={styles.list} aria-label="What happens after deletion">
        {steps.map((entry) => (
          <li key={`${entry.at}-${entry.location}`}>
            <Body1>
              {formatDate(entry.at)}: {locationText(entry.location)}
            </Body1>
            <br />
            <Caption1>{entry.why}</Caption1>
          </li>
        ))}
      </ol>
      <Body1>{endText(ifDeleted.permanentRemovalAt)}</Body1>
    </Card>
  );
}
