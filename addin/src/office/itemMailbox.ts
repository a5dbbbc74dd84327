// Whose mailbox the selected message is in. An admin often opens a reported message in another person's
// mailbox (a shared mailbox, or a folder shared with them as a delegate); Outlook then offers the item's
// shared properties, whose owner is that mailbox. Otherwise the item is in the user's own mailbox.
import { officeCall } from "./asyncResult";

/** The owner of the shared folder or mailbox holding the selected item, or null when it is the user's own. */
export async function readSharedOwner(): Promise<string | null> {
  const item = Office.context.mailbox?.item as Office.MessageRead | null | undefined;
  // Outlook defines getSharedPropertiesAsync only on items in shared folders and mailboxes.
  if (!item || typeof item.getSharedPropertiesAsync !== "function") return null;
  try {
    const shared = await officeCall<Office.SharedProperties>(
      "Could not read the shared mailbox's owner",
      (done) => item.getSharedPropertiesAsync(done)
    );
    return shared.owner || null;
  } catch {
    // Failing means "not shared" on hosts that define the method everywhere.
    return null;
  }
}
