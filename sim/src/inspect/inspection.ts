// What the inspection view shows: each mailbox with its holds in short words, and where every copy of
// a message is right now, so a person running the product can watch a retraction happen.
import { mailboxInScope } from "../tenant/applicationAccess.js";
import type { Tenant } from "../tenant/tenant.js";

export type MailboxSummary = {
  userPrincipalName: string;
  displayName: string;
  appRoles: string[];
  holds: string[];
  outsideScopeOf: string[];
  items: number;
  recoverableItems: number;
};

export type CopyLocation = {
  mailbox: string;
  folder: string;
  recoverable: boolean;
  isRead: boolean;
  id: string;
  receivedDateTime: string;
};

export function holdsInWords(
  tenant: Tenant,
  settings: NonNullable<Tenant["users"][number]["mailbox"]>["settings"]
): string[] {
  const words: string[] = [];
  if (settings.LitigationHoldEnabled)
    words.push(
      `Litigation Hold (${settings.LitigationHoldDuration === "Unlimited" ? "unlimited" : settings.LitigationHoldDuration})`
    );
  for (const entry of settings.InPlaceHolds) {
    const name = tenant.fixture.holdPolicies.find(
      (h) => h.Identity.toLowerCase() === entry.replace(/^-/, "").toLowerCase()
    )?.Name;
    words.push(entry.startsWith("-") ? `excluded from ${name ?? entry}` : `${name ?? "hold"} (${entry})`);
  }
  if (settings.ComplianceTagHoldApplied) words.push("retention label hold");
  if (settings.DelayHoldApplied) words.push("delay hold");
  if (settings.DelayReleaseHoldApplied) words.push("delay release hold");
  if (settings.RetentionHoldEnabled)
    words.push(
      `retention hold ${settings.StartDateForRetentionHold?.slice(0, 10) ?? "…"} → ${settings.EndDateForRetentionHold?.slice(0, 10) ?? "no end"}`
    );
  return words;
}

export function mailboxSummaries(tenant: Tenant): MailboxSummary[] {
  const apps = [...tenant.applications.values()].filter((a) => a.graphPermissions.length > 0);
  return tenant.users
    .filter((u) => u.mailbox)
    .map((user) => {
      const mailbox = user.mailbox!;
      const copies = [...mailbox.messages.values()];
      const recoverable = copies.filter(
        (m) => mailbox.folders.get(m.folderId)?.kind === "recoverable"
      ).length;
      return {
        userPrincipalName: user.userPrincipalName,
        displayName: user.displayName,
        appRoles: user.appRoles,
        holds: holdsInWords(tenant, mailbox.settings),
        outsideScopeOf: apps.filter((a) => !mailboxInScope(tenant, a.appId, user)).map((a) => a.displayName),
        items: copies.length - recoverable,
        recoverableItems: recoverable,
      };
    });
}

export function copiesOf(tenant: Tenant, internetMessageId: string): CopyLocation[] {
  const wanted = internetMessageId.toLowerCase();
  const copies: CopyLocation[] = [];
  for (const user of tenant.users) {
    const mailbox = user.mailbox;
    if (!mailbox) continue;
    for (const message of mailbox.messages.values()) {
      if (message.definition.internetMessageId.toLowerCase() !== wanted) continue;
      const folder = mailbox.folders.get(message.folderId)!;
      copies.push({
        mailbox: user.userPrincipalName,
        folder:
          folder.kind === "recoverable" ? `Recoverable Items\\${folder.displayName}` : folder.displayName,
        recoverable: folder.kind === "recoverable",
        isRead: message.isRead,
        id: message.id,
        receivedDateTime: new Date(message.receivedAt).toISOString(),
      });
    }
  }
  return copies;
}
