// The mailboxes of a job and where each stands, updated as the job's events arrive: stacked in the
// narrow task pane, in columns when it is widened.
import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { TargetView } from "../../api/apiTypes";
import { copies } from "../../format/counting";
import { targetStatusLabel, type TargetStatus } from "./jobStatus";
import { TableScroller, useTableStyles } from "./TableScroller";
import { targetDetails } from "./targetDetails";
import { useNarrow } from "./useNarrow";

const useStyles = makeStyles({
  wide: { minWidth: "520px" },
  mailbox: { width: "190px" },
  status: { width: "120px" },
  who: { display: "flex", flexDirection: "column", overflowWrap: "anywhere" },
  stacked: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalXXS,
  },
  lines: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, margin: 0, padding: 0 },
  line: { listStyleType: "none" },
  muted: { color: tokens.colorNeutralForeground3 },
  danger: { color: tokens.colorPaletteRedForeground1 },
});

const badgeColor: Record<TargetStatus, "informative" | "success" | "danger" | "warning" | "subtle"> = {
  pending: "subtle",
  running: "informative",
  done: "success",
  failed: "danger",
  skipped: "warning",
  restoring: "informative",
  restored: "success",
  restoreFailed: "danger",
};

export function JobTargetsTable({ targets }: { targets: readonly TargetView[] }) {
  const [ref, narrow] = useNarrow<HTMLDivElement>(520);
  const styles = { ...useTableStyles(), ...useStyles() };
  if (targets.length === 0) return <Text>This retraction has no mailboxes.</Text>;
  const table = (
    <Table size="extra-small" aria-label="Mailboxes" className={narrow ? undefined : styles.wide}>
      <TableHeader>
        <TableRow>
          {narrow ? (
            <TableHeaderCell>Mailbox, status and result</TableHeaderCell>
          ) : (
            <>
              <TableHeaderCell className={styles.mailbox}>Mailbox</TableHeaderCell>
              <TableHeaderCell className={styles.status}>Status</TableHeaderCell>
              <TableHeaderCell>Result</TableHeaderCell>
            </>
          )}
        </TableRow>
      </TableHeader>
      <TableBody>
        {targets.map((target) => (
          <TableRow key={target.mailbox}>
            {narrow ? (
              <TableCell className={styles.top}>
                <div className={styles.stacked}>
                  <Who target={target} />
                  <StatusBadge target={target} />
                  <Details target={target} />
                </div>
              </TableCell>
            ) : (
              <>
                <TableCell className={styles.top}>
                  <Who target={target} />
                </TableCell>
                <TableCell className={styles.top}>
                  <StatusBadge target={target} />
                </TableCell>
                <TableCell className={styles.top}>
                  <Details target={target} />
                </TableCell>
              </>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
  return (
    <div ref={ref}>
      {narrow ? (
        <div className={styles.card}>{table}</div>
      ) : (
        <TableScroller label="Mailboxes table">{table}</TableScroller>
      )}
    </div>
  );
}

function Who({ target }: { target: TargetView }) {
  const styles = useStyles();
  return (
    <span className={styles.who}>
      {target.displayName ? <Text weight="semibold">{target.displayName}</Text> : null}
      <Text size={200}>{target.mailbox}</Text>
      <Text size={200} className={styles.muted}>
        {copies(target.copies.length)}
      </Text>
    </span>
  );
}

function StatusBadge({ target }: { target: TargetView }) {
  return (
    <Badge appearance="tint" size="small" color={badgeColor[target.status]}>
      {targetStatusLabel(target.status)}
    </Badge>
  );
}

function Details({ target }: { target: TargetView }) {
  const styles = useStyles();
  return (
    <ul className={styles.lines}>
      {targetDetails(target).map((line, index) => (
        <li
          key={index}
          className={mergeClasses(
            styles.line,
            line.tone === "danger" && styles.danger,
            line.tone === "muted" && styles.muted
          )}
        >
          <Text size={200}>{line.text}</Text>
        </li>
      ))}
    </ul>
  );
}
