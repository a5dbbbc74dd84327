// The Retract tab: pull the selected message back from every internal mailbox, soft or hard, after a
// preview of what will really happen to each copy; follow the job live, undo it, or approve someone
// else's. Everything is keyed by the message's Internet Message-ID: another message starts afresh.
import { useState } from "react";
import type { ViewProps } from "./viewProps";
import { JobPanel } from "./retract/JobPanel";
import { MessageRetractions } from "./retract/MessageRetractions";
import { NoMessage } from "./retract/NoMessage";

const ignore = () => undefined;

export default function RetractView(props: ViewProps) {
  // The last job shown: retracting the admin's own copy takes the open message away, and the job's
  // progress must stay in view when it does.
  const [shownJob, setShownJob] = useState<string | null>(null);
  const internetMessageId = props.item?.internetMessageId ?? null;
  if (!internetMessageId) {
    const jobId = shownJob ?? props.jobId;
    return (
      <>
        <NoMessage item={props.item} itemError={props.itemError} />
        {jobId ? (
          <JobPanel key={jobId} api={props.api} me={props.me} jobId={jobId} onJobChange={ignore} />
        ) : null}
      </>
    );
  }
  return (
    <MessageRetractions
      key={internetMessageId}
      {...props}
      internetMessageId={internetMessageId}
      onJobShown={setShownJob}
    />
  );
}
