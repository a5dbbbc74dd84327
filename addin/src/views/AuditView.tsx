// The audit view, for auditors (Audit.Read): whether the hash chain is intact, the latest records in
// words, filters by message and by person, and the export of what matches.
import { useState } from "react";
import { Subtitle1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { ErrorNotice } from "../components/ErrorNotice";
import { Loading } from "../components/Loading";
import { AuditFilterBar } from "./audit/AuditFilterBar";
import { AuditRecordList } from "./audit/AuditRecordList";
import { type ChosenFilters, noFilters, toAuditFilters } from "./audit/auditFilters";
import { ExportButtons } from "./audit/ExportButtons";
import { type Person, peopleOf } from "./audit/peopleOf";
import { useAuditRecords } from "./audit/useAuditRecords";
import { VerificationStatus } from "./audit/VerificationStatus";
import type { ViewProps } from "./viewProps";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
});

export default function AuditView({ api, item }: ViewProps) {
  const styles = useStyles();
  const [chosen, setChosen] = useState<ChosenFilters>(noFilters);
  const filters = toAuditFilters(chosen);
  const audit = useAuditRecords(api, filters);

  // Everyone met in any page stays selectable, also after the list is narrowed to one person.
  const [people, setPeople] = useState<Person[]>([]);
  const seen = audit.records ? peopleOf(audit.records, people) : people;
  if (seen.length !== people.length) setPeople(seen);

  return (
    <div className={styles.view}>
      <Subtitle1 as="h2" className={styles.heading}>
        Audit log
      </Subtitle1>
      <VerificationStatus api={api} />
      <Subtitle2 as="h3" className={styles.heading}>
        Records
      </Subtitle2>
      <AuditFilterBar
        filters={chosen}
        people={seen}
        currentMessageId={item?.internetMessageId ?? null}
        onChange={setChosen}
      />
      <ExportButtons api={api} filters={filters} />
      {audit.first.status === "loading" ? (
        <Loading label="Reading the audit log…" />
      ) : audit.first.status === "failed" ? (
        <ErrorNotice
          title="Could not read the audit log"
          error={audit.first.error}
          onRetry={audit.first.retry}
        />
      ) : (
        <AuditRecordList
          records={audit.records ?? []}
          hasMore={audit.hasMore}
          loadingMore={audit.loadingMore}
          moreError={audit.moreError}
          onLoadMore={audit.loadMore}
        />
      )}
    </div>
  );
}
