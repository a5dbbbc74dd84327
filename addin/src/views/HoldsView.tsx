// The holds view, for helpdesk and admins: every hold on the mailbox the task pane is open in, decoded,
// and the same for any mailbox looked up by address, with a way back.
import { useRef, useState } from "react";
import { Button, makeStyles, tokens, typographyStyles } from "@fluentui/react-components";
import { ErrorNotice } from "../components/ErrorNotice";
import { Loading } from "../components/Loading";
import { useAsync } from "../components/useAsync";
import { HoldsReport } from "./holds/HoldsReport";
import { MailboxLookup } from "./holds/MailboxLookup";
import { lookupErrorTitle } from "./holds/lookupErrorTitle";
import type { ViewProps } from "./viewProps";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { ...typographyStyles.subtitle1, margin: 0, overflowWrap: "anywhere" },
  back: { alignSelf: "flex-start" },
});

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export default function HoldsView({ api, mailbox }: ViewProps) {
  const styles = useStyles();
  // null: the task pane's own mailbox.
  const [lookedUp, setLookedUp] = useState<string | null>(null);
  const shown = lookedUp ?? mailbox;
  const holds = useAsync(() => api.holds(shown), shown.toLowerCase());
  const heading = useRef<HTMLHeadingElement>(null);

  const lookUp = (address: string) => {
    // The same address again is a deliberate retry (after an error, or to refresh).
    if (sameAddress(address, shown)) holds.retry();
    else setLookedUp(sameAddress(address, mailbox) ? null : address);
  };

  return (
    <div className={styles.view}>
      {/* Focusable so "Back to my mailbox", which disappears, can hand its focus to what changed. */}
      <h2 className={styles.heading} ref={heading} tabIndex={-1}>
        Holds on {shown}
      </h2>
      <MailboxLookup onLookUp={lookUp} />
      {lookedUp ? (
        <Button
          className={styles.back}
          size="small"
          appearance="subtle"
          icon={<span aria-hidden="true">←</span>}
          onClick={() => {
            setLookedUp(null);
            heading.current?.focus();
          }}
        >
          Back to my mailbox
        </Button>
      ) : null}
      {holds.status === "loading" ? (
        <Loading label={`Reading the holds on ${shown}…`} />
      ) : holds.status === "failed" ? (
        <ErrorNotice title={lookupErrorTitle(holds.error)} error={holds.error} onRetry={holds.retry} />
      ) : (
        <HoldsReport report={holds.value} />
      )}
    </div>
  );
}
