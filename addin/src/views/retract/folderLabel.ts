// Folder names as Outlook shows them: the API names well-known folders by their Graph names ("inbox",
// "junkemail") and user folders by their display names, which pass through.
import { copies } from "../../format/counting";

const wellKnown: Record<string, string> = {
  inbox: "Inbox",
  junkemail: "Junk Email",
  deleteditems: "Deleted Items",
  sentitems: "Sent Items",
  drafts: "Drafts",
  archive: "Archive",
  outbox: "Outbox",
  clutter: "Clutter",
  conversationhistory: "Conversation History",
  recoverableitemsdeletions: "Recoverable Items",
  recoverableitemspurges: "Recoverable Items (Purges)",
};

/** @example folderLabel("junkemail") // → "Junk Email" */
export function folderLabel(folder: string): string {
  return wellKnown[folder.toLowerCase()] ?? folder;
}

/**
 * A mailbox's copies in a few words: how many, and where.
 * @example copiesText(["inbox", "inbox", "junkemail"]) // → "3 copies: Inbox, Junk Email"
 */
export function copiesText(folders: readonly string[]): string {
  if (folders.length === 0) return "No copy";
  const where = [...new Set(folders.map(folderLabel))].join(", ");
  return `${copies(folders.length)}: ${where}`;
}
