// Reads the message selected in Outlook into a plain object, so the rest of the add-in never sees Office.js.

export type Person = { name: string; address: string };
/** Office's recipient kinds (Office.MailboxEnums.RecipientType). */
export type RecipientKind = "user" | "externalUser" | "distributionList" | "other";
export type Recipient = Person & { field: "to" | "cc"; kind: RecipientKind };
export type SelectedItem = {
  /** Outlook's (EWS) item id; null when Outlook has none yet. */
  itemId: string | null;
  /** The item id converted for REST/Graph (convertToRestId, v2.0) where the host supports it, else null. */
  restId: string | null;
  subject: string;
  from: Person | null;
  to: Recipient[];
  cc: Recipient[];
  /** When the copy was created in this mailbox (dateTimeCreated). */
  receivedAt: Date | null;
  /** Null for a message sent moments ago: Outlook learns it only once the server has stamped it. */
  internetMessageId: string | null;
};

const recipientKinds: readonly string[] = ["user", "externalUser", "distributionList", "other"];

function toPerson(details: Office.EmailAddressDetails | undefined): Person | null {
  if (!details?.emailAddress) return null;
  return { name: details.displayName || details.emailAddress, address: details.emailAddress };
}

function toRecipients(
  list: Office.EmailAddressDetails[] | undefined,
  field: Recipient["field"]
): Recipient[] {
  return (list ?? []).flatMap((details) => {
    const person = toPerson(details);
    if (!person) return [];
    const type = String(details.recipientType ?? "");
    const kind = (recipientKinds.includes(type) ? type : "other") as RecipientKind;
    return [{ ...person, field, kind }];
  });
}

/** Graph's id for the item, or null: convertToRestId is missing on some hosts and throws on others. */
function restIdOf(itemId: string | null): string | null {
  if (!itemId) return null;
  try {
    const mailbox = Office.context.mailbox;
    if (typeof mailbox.convertToRestId !== "function") return null;
    const converted = mailbox.convertToRestId(itemId, Office.MailboxEnums.RestVersion.v2_0);
    return typeof converted === "string" && converted ? converted : null;
  } catch {
    return null;
  }
}

/** The message open in the reading pane; throws when none is (a task pane pinned over an empty selection). */
export function readSelectedItem(): SelectedItem {
  const item = Office.context.mailbox?.item as Office.MessageRead | null | undefined;
  if (!item) throw new Error("No message is selected. Select a message to see its retention.");
  const itemId = item.itemId || null;
  return {
    itemId,
    restId: restIdOf(itemId),
    subject: item.subject ?? "",
    from: toPerson(item.from),
    to: toRecipients(item.to, "to"),
    cc: toRecipients(item.cc, "cc"),
    receivedAt: item.dateTimeCreated ? new Date(item.dateTimeCreated) : null,
    internetMessageId: item.internetMessageId || null,
  };
}
