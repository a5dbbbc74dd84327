// Findings as discovery records them, for the tests of merging them (in memory and in the database).
import type { FoundCopy, Inclusion } from "../../../../api/src/retraction/discovery/discoveryTypes.js";
import type { MailboxRef } from "../../../../api/src/retraction/discovery/mailboxRef.js";
import type { Finding } from "../../../../api/src/retraction/discovery/mergeFindings.js";

export const phish = "<phish@fabrikam.com>";
export const forward = "<fwd@contoso.com>";

export const mailbox = (name: string): MailboxRef => ({
  objectId: `id-${name}`,
  upn: `${name}@contoso.com`,
  displayName: name,
  addresses: [`${name}@contoso.com`],
  addressesComplete: true,
});

export const copyOf = (id: string, internetMessageId = phish): FoundCopy => ({
  id,
  internetMessageId,
  parentFolderId: "inbox",
  receivedDateTime: null,
  isRead: false,
  subject: "s",
  from: null,
  sentDateTime: null,
});

export const why = (text: string, depth = 0, internetMessageId = phish): Inclusion => ({
  depth,
  internetMessageId,
  text,
});

export const target = (name: string, copies: FoundCopy[], w: Inclusion): Finding => ({
  kind: "target",
  mailbox: mailbox(name),
  copies,
  why: w,
});

export const refused = (
  address: string,
  reason: Extract<Finding, { kind: "refused" }>["reason"],
  w: Inclusion,
  objectId: string | null = null
): Finding => ({ kind: "refused", address, objectId, reason, text: `${address}: ${reason}`, why: w });
