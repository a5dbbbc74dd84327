// Says when the view is not watching a job live (the stream dropped, the user may only read it, or
// following stopped), so a bar that stands still is never mistaken for a job that stands still.
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { ErrorNotice, errorMessage } from "../../components/ErrorNotice";
import { Loading } from "../../components/Loading";
import type { Connection } from "./followJobUntilEnd";

const useStyles = makeStyles({ note: { color: tokens.colorNeutralForeground3 } });

export function ConnectionNote(props: { connection: Connection; error: unknown; onReconnect(): void }) {
  const styles = useStyles();
  switch (props.connection) {
    case "reconnecting":
      return (
        <Text size={200} className={styles.note} role="status">
          The live connection dropped; reconnecting…{props.error ? ` (${errorMessage(props.error)})` : ""}
        </Text>
      );
    case "polling":
      return (
        <Text size={200} className={styles.note} role="status">
          Refreshed every few seconds.
        </Text>
      );
    case "checking":
      return <Loading label="Checking the mailboxes again…" />;
    case "stopped":
      return (
        <ErrorNotice
          title="Stopped following this retraction"
          error={props.error}
          onRetry={props.onReconnect}
        />
      );
    default:
      return null;
  }
}
