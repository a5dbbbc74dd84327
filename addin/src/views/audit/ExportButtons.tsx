// Downloads the audit log, as CSV or JSON, for the filters in force: the whole matching log, not just
// the pages on screen.
import { useState } from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { ApiClient } from "../../api/apiClient";
import type { AuditFilters } from "../../api/apiTypes";
import { ErrorNotice } from "../../components/ErrorNotice";
import { downloadBlob } from "./downloadBlob";
import { exportFileName } from "./exportFileName";

type Format = "csv" | "json";

const useStyles = makeStyles({
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export function ExportButtons({ api, filters }: { api: ApiClient; filters: AuditFilters }) {
  const styles = useStyles();
  const [busy, setBusy] = useState<Format | null>(null);
  const [failure, setFailure] = useState<{ format: Format; error: unknown } | null>(null);

  const download = async (format: Format) => {
    setBusy(format);
    setFailure(null);
    try {
      const blob = await api.exportAudit(format, filters);
      downloadBlob(blob, exportFileName(format, new Date()));
    } catch (error) {
      setFailure({ format, error });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <div className={styles.buttons} role="group" aria-label="Export the audit log">
        <Button size="small" disabledFocusable={busy !== null} onClick={() => void download("csv")}>
          Export CSV
        </Button>
        <Button size="small" disabledFocusable={busy !== null} onClick={() => void download("json")}>
          Export JSON
        </Button>
      </div>
      {busy ? (
        <Caption1 as="p" role="status">
          Preparing the {busy.toUpperCase()} file…
        </Caption1>
      ) : null}
      {failure ? (
        <ErrorNotice
          title={`Could not export the audit log as ${failure.format.toUpperCase()}`}
          error={failure.error}
          onRetry={() => void download(failure.format)}
        />
      ) : null}
    </>
  );
}
