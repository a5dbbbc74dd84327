// A readable error in the task pane, never a stack trace, with a retry where trying again can help.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { ApiError } from "../api/apiError";

export type ErrorNoticeProps = {
  title: string;
  /** An Error (its message is shown) or a message. */
  error: unknown;
  /** Offered when the failure may pass (network, throttling, a server error) or is not an API refusal. */
  onRetry?: () => void;
};

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function ErrorNotice({ title, error, onRetry }: ErrorNoticeProps) {
  const retryable = !(error instanceof ApiError) || error.retryable;
  return (
    <MessageBar
      intent={error instanceof ApiError && error.kind === "forbidden" ? "warning" : "error"}
      layout="multiline"
    >
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {errorMessage(error)}
      </MessageBarBody>
      {onRetry && retryable ? (
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>
            Try again
          </Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
