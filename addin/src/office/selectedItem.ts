// Reads the message selected in Outlook into a plain object, so the rest of the add-in never sees Office.js.

export type Person = { name: string; address: string };

export type SelectedItem = {
  subject: string;
  from: Person | null;
  /** When the copy was created in this mailbox: its delivery time for a received message. */
  receivedAt: Date | null;
  /** Null for a message sent moments ago: Outlook only knows it once the server has stamped it. */
  internetMessageId: string | null;
};

function toPerson(details: Office.EmailAddressDetails | undefined): Person | null {
  if (!details) return null;
  return { name: details.displayName || details.emailAddress, address: details.emailAddress };
}

/** The message open in the reading pane; throws when none is (a task pane pinned over an empty selection). */
export function readSelectedItem(): SelectedItem {
  const item = Office.context.mailbox?.item as Office.MessageRead | null | undefined;
  if (!item) throw new Error("No message is selected. Select a message to see its retention.");
  return {
    subject: item.subject ?? "",
    from: toPerson(item.from),
    receivedAt: item.dateTimeCreated ? new Date(item.dateTimeCreated) : null,
    internetMessageId: item.internetMessageId || null,
  };
}
