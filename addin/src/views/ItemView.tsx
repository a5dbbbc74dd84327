// The item view, for everyone: the selected message's retention tag and expiry, the holds that keep it,
// what happens if it is deleted today, and (for admins and auditors) its retractions.
import { ErrorNotice } from "../components/ErrorNotice";
import { ItemSummary } from "../components/ItemSummary";
import { ProblemsNotice } from "../components/ProblemsNotice";
import { Loading } from "../components/Loading";
import { MessageIdNotKnown } from "../components/MessageIdNotKnown";
import { useAsync } from "../components/useAsync";
import { seesRetractionHistory, visibleViews } from "../components/visibleViews";
import { DeletionTimeline } from "./item/DeletionTimeline";
import { HoldsOnItem } from "./item/HoldsOnItem";
import { RetentionFacts } from "./item/RetentionFacts";
import { RetractionHistory } from "./item/RetractionHistory";
import type { ViewProps } from "./viewProps";

function ItemStatus({
  api,
  mailbox,
  internetMessageId,
}: {
  api: ViewProps["api"];
  mailbox: string;
  internetMessageId: string;
}) {
  const status = useAsync(
    () => api.itemStatus(mailbox, internetMessageId),
    `${mailbox} ${internetMessageId}`
  );
  if (status.status === "loading") return <Loading label="Reading the message's retention…" />;
  if (status.status === "failed")
    return (
      <ErrorNotice
        title="Could not read the message's retention"
        error={status.error}
        onRetry={status.retry}
      />
    );
  const { explanation, ifDeletedToday, problems, asOf } = status.value;
  return (
    <>
      <ProblemsNotice problems={problems} />
      <RetentionFacts retention={explanation.retention} />
      <HoldsOnItem explanation={explanation} />
      <DeletionTimeline ifDeleted={ifDeletedToday} asOf={asOf} />
    </>
  );
}

export function ItemView({ api, me, mailbox, item, itemError, openJob }: ViewProps) {
  if (!item)
    return <ErrorNotice title="No message" error={itemError ?? "Select a message to see its retention."} />;
  const id = item.internetMessageId;
  return (
    <>
      <ItemSummary
        item={item}
        otherMailbox={mailbox.toLowerCase() === me.userPrincipalName.toLowerCase() ? null : mailbox}
      />
      {id ? (
        <>
          <ItemStatus api={api} mailbox={mailbox} internetMessageId={id} />
          {seesRetractionHistory(me.roles) ? (
            <RetractionHistory
              api={api}
              internetMessageId={id}
              openJob={visibleViews(me.roles).includes("retract") ? openJob : null}
            />
          ) : null}
        </>
      ) : (
        <MessageIdNotKnown />
      )}
    </>
  );
}
