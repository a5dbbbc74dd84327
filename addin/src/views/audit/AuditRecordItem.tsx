// One audit record in a narrow list: what happened in words and when, who did it, what it was about
// and the gist of its details; the record's number and raw action in small text for cross-checking
// with the export.
import { Body1, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { AuditRecord } from "../../api/apiTypes";
import { formatDateTime } from "../../format/dates";
import { actionText } from "./actionText";
import { detailsSummary } from "./detailsSummary";
import { subjectParts } from "./subjectParts";

const useStyles = makeStyles({
  record: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: "anywhere",
  },
  top: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  time: { flexShrink: 0, color: tokens.colorNeutralForeground2 },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function AuditRecordItem({ record }: { record: AuditRecord }) {
  const styles = useStyles();
  const details = detailsSummary(record.details);
  return (
    <li className={styles.record}>
      <div className={styles.top}>
        <Body1>
          <strong>{actionText(record.action)}</strong>
        </Body1>
        <Caption1 as="span" className={styles.time}>
          <time dateTime={record.at}>{formatDateTime(record.at)}</time>
        </Caption1>
      </div>
      <Caption1>by {record.actor.upn}</Caption1>
      {subjectParts(record.subject).map((part) => (
        <Caption1 key={part.label}>
          {part.label}: {part.value}
        </Caption1>
      ))}
      {details ? <Caption1>{details}</Caption1> : null}
      <Caption1 className={styles.muted}>
        #{record.seq} · {record.action}
      </Caption1>
    </li>
  );
}
