// What the recipients table says about one plan target, shared by its narrow (stacked) and wide
// (side-by-side columns) layouts.
import { Badge, Checkbox, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { PlanTarget } from "../../api/apiTypes";
import { copiesText, folderLabel } from "./folderLabel";
import { localizeDays } from "./localDates";
import { isRetractable } from "./planSelection";
import { whyText } from "./whyText";

export const useCellStyles = makeStyles({
  lines: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
  },
  line: { listStyleType: "none" },
  muted: { color: tokens.colorNeutralForeground3 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  who: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "anywhere" },
});

export type IncludeBoxProps = {
  target: PlanTarget;
  excluded: ReadonlySet<string>;
  disabled: boolean;
  onIncludeChange(mailbox: string, include: boolean): void;
};

export function IncludeBox({ target, excluded, disabled, onIncludeChange }: IncludeBoxProps) {
  const retractable = isRetractable(target);
  return (
    <Checkbox
      checked={retractable && !excluded.has(target.mailbox)}
      disabled={disabled || !retractable}
      onChange={(_event, data) => onIncludeChange(target.mailbox, data.checked === true)}
      aria-label={`Include ${target.mailbox}`}
    />
  );
}

export function Who({ target }: { target: PlanTarget }) {
  const styles = useCellStyles();
  return (
    <span className={styles.who}>
      {target.displayName ? <Text weight="semibold">{target.displayName}</Text> : null}
      <Text size={200} className={target.displayName ? styles.muted : undefined}>
        {target.mailbox}
      </Text>
    </span>
  );
}

export function StatusText({ target }: { target: PlanTarget }) {
  const styles = useCellStyles();
  return (
    <span className={styles.lines}>
      {isRetractable(target) ? (
        <Badge appearance="tint" color="success" size="small">
          Retractable
        </Badge>
      ) : (
        <Text size={200}>Not retractable: {target.statusText ?? target.status}</Text>
      )}
      {target.problems.map((problem) => (
        <Text key={problem} size={200} className={styles.warning}>
          Could not read: {problem}
        </Text>
      ))}
    </span>
  );
}

export function CopiesText({ target }: { target: PlanTarget }) {
  return <Text size={200}>{copiesText(target.copies.map((copy) => copy.folder))}</Text>;
}

/** The copies' fate; each copy's own when they differ (one in a folder a hold covers, say). */
export function OutcomeText({ target }: { target: PlanTarget }) {
  const styles = useCellStyles();
  if (!target.predictedOutcome) return null;
  const texts = new Set(target.copies.map((copy) => copy.predictedOutcome.text));
  const outcomes =
    texts.size > 1
      ? target.copies.map((copy) => ({ ...copy.predictedOutcome, where: `${folderLabel(copy.folder)}: ` }))
      : [{ ...target.predictedOutcome, where: "" }];
  return (
    <ul className={styles.lines}>
      {outcomes.map((outcome, index) => (
        <li key={index} className={styles.line}>
          <Badge
            appearance="tint"
            size="small"
            color={outcome.fate === "destroyed" ? "informative" : "warning"}
          >
            {outcome.fate === "destroyed" ? "Destroyed" : "Kept by a hold"}
          </Badge>{" "}
          <Text size={200}>
            {outcome.where}
            {localizeDays(outcome.text)}
          </Text>
        </li>
      ))}
    </ul>
  );
}

export function WhyText({ target }: { target: PlanTarget }) {
  const styles = useCellStyles();
  return (
    <ul className={styles.lines}>
      {target.why.map((why, index) => (
        <li key={index} className={styles.line}>
          <Text size={200}>{whyText(why)}</Text>
        </li>
      ))}
    </ul>
  );
}
