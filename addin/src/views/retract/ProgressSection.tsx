// A running job's progress: a labelled bar, how many mailboxes of how many with the time left, and
// whether the live stream is connected.
import { useId } from "react";
import { Field, ProgressBar, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { Progress } from "../../api/apiTypes";
import { ConnectionNote } from "./ConnectionNote";
import type { Connection } from "./followJobUntilEnd";
import { progressText, progressValue } from "./progressText";

export type ProgressSectionProps = {
  progress: Progress;
  connection: Connection;
  error: unknown;
  onReconnect(): void;
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
});

export function ProgressSection({ progress, connection, error, onReconnect }: ProgressSectionProps) {
  const styles = useStyles();
  const headingId = useId();
  const text = progressText(progress);
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        Progress
      </Subtitle2>
      <Field label="Retraction progress" hint={text}>
        <ProgressBar value={progressValue(progress)} max={1} thickness="large" aria-valuetext={text} />
      </Field>
      <ConnectionNote connection={connection} error={error} onReconnect={onReconnect} />
    </section>
  );
}
