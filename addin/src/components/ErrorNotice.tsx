// A readable error in the task pane, never a stack trace.
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export type ErrorNoticeProps = { title: string; message: string };

export function ErrorNotice({ title, message }: ErrorNoticeProps) {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
    </MessageBar>
  );
}
