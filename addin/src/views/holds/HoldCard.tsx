// One hold as a compact card: its kind and name, the API's plain sentence, the facts that matter
// (what, how long, since when, by whom) and its identifiers in small text for a ticket or a cmdlet.
import { Body1, Caption1, Card, makeStyles, tokens } from "@fluentui/react-components";
import type { MailboxHold } from "../../api/apiTypes";
import { formatDate } from "../../format/dates";
import { holdFacts } from "./holdFacts";
import { holdKindText } from "./holdKindText";

const useStyles = makeStyles({
  title: { margin: 0 },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  pair: { display: "contents" },
  value: { margin: 0, overflowWrap: "anywhere" },
  ids: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  notAHold: { color: tokens.colorNeutralForeground3 },
});

export function HoldCard({ hold }: { hold: MailboxHold }) {
  const styles = useStyles();
  const kind = holdKindText(hold);
  const ids = [
    hold.id ? `Id ${hold.id}` : null,
    hold.raw && hold.raw !== hold.id ? `Exchange: ${hold.raw}` : null,
  ];
  return (
    <Card size="small" appearance="outline">
      <Body1 as="h4" className={styles.title}>
        <strong>{kind}</strong>
        {hold.name ? ` · ${hold.name}` : null}
        {hold.retains ? null : <span className={styles.notAHold}> (keeps nothing)</span>}
      </Body1>
      <Body1>{hold.summary}</Body1>
      <dl className={styles.facts}>
        {holdFacts(hold, (iso) => formatDate(iso)).map((fact) => (
          <div key={fact.label} className={styles.pair}>
            <dt>
              <Caption1>{fact.label}</Caption1>
            </dt>
            <dd className={styles.value}>
              <Caption1>{fact.value}</Caption1>
            </dd>
          </div>
        ))}
      </dl>
      {ids.some(Boolean) ? (
        <Caption1 className={styles.ids}>{ids.filter(Boolean).join(" · ")}</Caption1>
      ) : null}
    </Card>
  );
}
