// What a view says about a message sent moments ago: Outlook learns its Internet Message-ID only once the
// server has stamped it, and the task pane finds every copy by that id.
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export function MessageIdNotKnown() {
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>The Internet Message-ID is not known yet</MessageBarTitle>
        Outlook learns a message's Internet Message-ID once the server has stamped it, moments after it is
        sent. Select the message again in a moment.
      </MessageBarBody>
    </MessageBar>
  );
}
