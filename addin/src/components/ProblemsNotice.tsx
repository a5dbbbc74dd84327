// What the API could not read while answering (a hold's definition, a label), shown as a warning: the
// answer beside it then takes the safe reading.
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export function ProblemsNotice({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Some facts could not be read</MessageBarTitle>
        {problems.join(" ")}
      </MessageBarBody>
    </MessageBar>
  );
}
