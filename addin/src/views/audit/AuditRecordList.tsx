// The loaded audit records, newest first, with "Load more" for older ones and an empty state that says
// the filters matched nothing.
import { Body1, Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { AuditRecord } from "../../api/apiTypes";
import { ErrorNotice } from "../../components/ErrorNotice";
import { Loading } from "../../components/Loading";
import { AuditRecordItem } from "./AuditRecordItem";

export type AuditRecordListProps = {
  records: readonly AuditRecord[];
  hasMore: boolean;
  loadingMore: boolean;
  moreError: unknown;
  onLoadMore(): void;
};

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0 },
  footer: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function AuditRecordList({
  records,
  hasMore,
  loadingMore,
  moreError,
  onLoadMore,
}: AuditRecordListProps) {
  const styles = useStyles();
  if (records.length === 0) return <Body1 role="status">No audit records match.</Body1>;
  return (
    <>
      <ol className={styles.list} aria-label="Audit records">
        {records.map((record) => (
          <AuditRecordItem key={record.seq} record={record} />
        ))}
      </ol>
      <div className={styles.footer}>
        <Caption1 className={styles.muted} role="status">
          {records.length} {records.length === 1 ? "record" : "records"} shown
          {hasMore ? "" : ", no older ones"}
        </Caption1>
        {moreError ? (
          <ErrorNotice title="Could not load older records" error={moreError} onRetry={onLoadMore} />
        ) : null}
        {loadingMore ? <Loading label="Loading older records…" /> : null}
        {hasMore && !loadingMore && !moreError ? (
          <Button size="small" onClick={onLoadMore}>
            Load more
          </Button>
        ) : null}
      </div>
    </>
  );
}
