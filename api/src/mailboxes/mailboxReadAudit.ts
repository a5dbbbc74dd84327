// Who looked into whose mailbox: a helpdesk or admin read of another person's item status or holds is
// recorded in the audit log before the answer goes out, so there is no unrecorded look. Reading one's
// own mailbox is not recorded.
import type { Database } from "../db/database.js";
import { appendAudit } from "../audit/appendAudit.js";
import type { Principal } from "../auth/principal.js";

export type MailboxRead = {
  action: "item.status.read" | "mailbox.holds.read";
  mailbox: { userPrincipalName: string; objectId: string };
  internetMessageId?: string;
};

/**
 * Records `read` when the principal is not the mailbox's owner; returns whether it recorded.
 * @example await auditMailboxRead(db, principal, { action: "mailbox.holds.read", mailbox: { userPrincipalName, objectId } });
 */
export async function auditMailboxRead(
  db: Database,
  principal: Principal,
  read: MailboxRead
): Promise<boolean> {
  if (read.mailbox.objectId.toLowerCase() === principal.objectId.toLowerCase()) return false;
  await db.transaction((tx) =>
    appendAudit(tx, {
      actor: { tenantId: principal.tenantId, objectId: principal.objectId, upn: principal.userPrincipalName },
      action: read.action,
      subject: {
        mailbox: read.mailbox.userPrincipalName,
        mailboxObjectId: read.mailbox.objectId.toLowerCase(),
        internetMessageId: read.internetMessageId,
      },
      details: { roles: [...principal.roles].sort() },
    })
  );
  return true;
}
