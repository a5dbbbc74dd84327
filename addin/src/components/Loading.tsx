// What a view shows while it loads: a labelled spinner, announced to screen readers.
import { Spinner } from "@fluentui/react-components";

export function Loading({ label }: { label: string }) {
  return <Spinner size="small" label={label} labelPosition="after" role="status" aria-live="polite" />;
}
