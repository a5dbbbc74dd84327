// One mailbox's messages as a mail client lists them (for the harness page's message list): the visible
// folders only, newest first, each recipient marked with the kind Outlook would give it.
import type { Mailbox, Recipient } from "../tenant/mailbox.js";
import type { Tenant } from "../tenant/tenant.js";

/** Outlook's recipient kinds (Office.MailboxEnums.RecipientType) that a directory lookup can tell apart. */
export type RecipientKind = "user" | "distributionList" | "externalUser";

export type ListedRecipient = Recipient & { kind: RecipientKind };

export type ListedMessage = {
  id: string;
  subject: string;
  from: Recipient | null;
  to: ListedRecipient[];
  cc: ListedRecipient[];
  receivedDateTime: string;
  internetMessageId: string;
  bodyPreview: string;
  folder: string;
};

/**
 * A tenant user's address is "user", a group's "distributionList", anything else "externalUser".
 * @example recipientKind(tenant, "finance-team@contoso.com") // → "distributionList"
 */
export function recipientKind(tenant: Tenant, address: string): RecipientKind {
  const object = tenant.resolveAddress(address);
  if (!object) return "externalUser";
  return object.kind === "group" ? "distributionList" : "user";
}

/**
 * The messages in the mailbox's visible folders (never Recoverable Items), newest first.
 * @example listMessages(tenant, adele.mailbox)[0].folder // → "Inbox"
 */
export function listMessages(tenant: Tenant, mailbox: Mailbox): ListedMessage[] {
  const withKind = (r: Recipient): ListedRecipient => ({ ...r, kind: recipientKind(tenant, r.address) });
  return mailbox
    .messagesIn()
    .sort((a, b) => b.receivedAt - a.receivedAt)
    .map((message) => {
      const d = message.definition;
      return {
        id: message.id,
        subject: d.subject,
        from: d.from.address ? { name: d.from.name, address: d.from.address } : null,
        to: d.to.map(withKind),
        cc: d.cc.map(withKind),
        receivedDateTime: new Date(message.receivedAt).toISOString(),
        internetMessageId: d.internetMessageId,
        bodyPreview: d.body.slice(0, 255),
        folder: mailbox.folders.get(message.folderId)!.displayName,
      };
    });
}
