// What the retract view says when it has no message to work on: none is selected, or the selected one
// was sent moments ago and its Internet Message-ID (which retraction needs) is not known yet.
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { MessageIdNotKnown } from "../../components/MessageIdNotKnown";
import type { SelectedItem } from "../../office/selectedItem";

export function NoMessage({ item, itemError }: { item: SelectedItem | null; itemError: string | null }) {
  if (!item)
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>No message to retract</MessageBarTitle>
          {itemError ?? "Select the message to retract."}
        </MessageBarBody>
      </MessageBar>
    );
  return <MessageIdNotKnown />;
}
