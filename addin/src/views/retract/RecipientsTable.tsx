// The plan, one row per mailbox or address: whether it is included, whether it can be retracted (or
// why not), its copies and where they are, what will really happen to them, and why it is in the plan.
// In the narrow task pane each row stacks its details; a widened pane shows them as columns.
import {
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { Plan } from "../../api/apiTypes";
import { includeAllState, isRetractable } from "./planSelection";
import {
  CopiesText,
  IncludeBox,
  OutcomeText,
  StatusText,
  WhyText,
  Who,
  useCellStyles,
} from "./RecipientCells";
import { TableScroller, useTableStyles } from "./TableScroller";
import { useNarrow } from "./useNarrow";

export type RecipientsTableProps = {
  plan: Plan;
  excluded: ReadonlySet<string>;
  onIncludeChange(mailbox: string, include: boolean): void;
  onIncludeAll(): void;
  disabled: boolean;
};

const useStyles = makeStyles({
  wide: { minWidth: "760px" },
  include: { width: "40px" },
  recipient: { width: "170px" },
  status: { width: "130px" },
  copies: { width: "110px" },
  outcome: { width: "200px" },
  why: { width: "150px" },
  stackedDetails: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export function RecipientsTable(props: RecipientsTableProps) {
  const [ref, narrow] = useNarrow<HTMLDivElement>(600);
  return <div ref={ref}>{narrow ? <StackedTable {...props} /> : <WideTable {...props} />}</div>;
}

function IncludeAll({ plan, excluded, disabled, onIncludeAll }: RecipientsTableProps) {
  return (
    <Checkbox
      checked={includeAllState(plan, excluded)}
      disabled={disabled || !plan.targets.some(isRetractable)}
      onChange={onIncludeAll}
      aria-label="Include every retractable recipient"
    />
  );
}

function StackedTable(props: RecipientsTableProps) {
  const styles = { ...useTableStyles(), ...useCellStyles(), ...useStyles() };
  return (
    <div className={styles.card}>
      <Table size="extra-small" aria-label="Recipients">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.include}>
              <IncludeAll {...props} />
            </TableHeaderCell>
            <TableHeaderCell>Recipient, status, copies, predicted outcome, why included</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.plan.targets.map((target) => (
            <TableRow key={target.mailbox}>
              <TableCell className={mergeClasses(styles.top, styles.include)}>
                <IncludeBox {...props} target={target} />
              </TableCell>
              <TableCell className={styles.top}>
                <div className={styles.stackedDetails}>
                  <Who target={target} />
                  <StatusText target={target} />
                  {target.copies.length > 0 ? <CopiesText target={target} /> : null}
                  <OutcomeText target={target} />
                  <WhyText target={target} />
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function WideTable(props: RecipientsTableProps) {
  const styles = { ...useTableStyles(), ...useStyles() };
  return (
    <TableScroller label="Recipients table">
      <Table size="extra-small" aria-label="Recipients" className={styles.wide}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.include}>
              <IncludeAll {...props} />
            </TableHeaderCell>
            <TableHeaderCell className={styles.recipient}>Recipient</TableHeaderCell>
            <TableHeaderCell className={styles.status}>Status</TableHeaderCell>
            <TableHeaderCell className={styles.copies}>Copies</TableHeaderCell>
            <TableHeaderCell className={styles.outcome}>Predicted outcome</TableHeaderCell>
            <TableHeaderCell className={styles.why}>Why included</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.plan.targets.map((target) => (
            <TableRow key={target.mailbox}>
              <TableCell className={styles.top}>
                <IncludeBox {...props} target={target} />
              </TableCell>
              <TableCell className={styles.top}>
                <Who target={target} />
              </TableCell>
              <TableCell className={styles.top}>
                <StatusText target={target} />
              </TableCell>
              <TableCell className={styles.top}>
                <CopiesText target={target} />
              </TableCell>
              <TableCell className={styles.top}>
                <OutcomeText target={target} />
              </TableCell>
              <TableCell className={styles.top}>
                <WhyText target={target} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroller>
  );
}
