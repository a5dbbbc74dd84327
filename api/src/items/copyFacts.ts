// Gathers what the rules need to explain one copy: the mailbox's retention state and the tenant's labels
// (once per mailbox), then per copy its folder as the rules name it and, only when a hold has a query to
// match, its body. The item status and the retraction plan both read copies this way.
import type { MessageCopy } from "../graph/graphTypes.js";
import type { FolderNamer } from "../mailboxes/folderNames.js";
import { readMailboxState, type MailboxState } from "../mailboxes/mailboxState.js";
import type { LabelDefinition } from "../mailboxes/tenantDefinitions.js";
import type { Services } from "../services.js";
import type { ItemFacts } from "./itemScenario.js";

export type MailboxFacts = {
  state: MailboxState;
  labels: LabelDefinition[];
  /** What could not be read, in words. */
  problems: string[];
};

type Copy = Pick<MessageCopy, "id" | "parentFolderId" | "receivedDateTime" | "subject" | "retention">;

/**
 * @example const facts = await readMailboxFacts(services, "alex.wilber@contoso.com");
 */
export async function readMailboxFacts(
  services: Pick<Services, "exchange" | "definitions">,
  mailbox: string
): Promise<MailboxFacts> {
  const [state, labels] = await Promise.all([
    readMailboxState(services, mailbox),
    services.definitions.retentionLabels(),
  ]);
  return {
    state,
    labels: labels.value ?? [],
    problems: [...state.problems, ...(labels.problem ? [`Retention labels: ${labels.problem}.`] : [])],
  };
}

/**
 * @example const item = await readCopyFacts(services.graph, folderName, mailbox, facts, copy, asOf);
 */
export async function readCopyFacts(
  graph: Services["graph"],
  folderName: FolderNamer,
  mailbox: string,
  facts: MailboxFacts,
  copy: Copy,
  asOf: string
): Promise<ItemFacts> {
  const needsBody = facts.state.holdDetails.some((detail) => detail.Query?.trim());
  const [folder, body] = await Promise.all([
    folderName(mailbox, copy.parentFolderId ?? ""),
    needsBody ? graph.getMessageText(mailbox, copy.id).then((reply) => reply.value) : "",
  ]);
  return { asOf, state: facts.state, copy, folder, body, labels: facts.labels };
}
