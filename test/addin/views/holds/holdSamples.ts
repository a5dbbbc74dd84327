// Holds as the API sends them for the demo tenant's mailboxes, for the holds helpers' tests.
import type { MailboxHold } from "../../../../addin/src/api/apiTypes.js";

export const litigationHold: MailboxHold = {
  kind: "LitigationHold",
  source: "mailbox.LitigationHoldEnabled",
  id: null,
  raw: null,
  name: null,
  owner: "legal@contoso.com",
  scope: "mailbox",
  policyAction: null,
  covers: "every item in the mailbox",
  since: "2025-10-17T09:32:08.573Z",
  keepsItemsFor: "2555 days after each item's receipt",
  periodDays: 2555,
  keepsItemsReceivedSince: "2019-11-23T09:32:53.260Z",
  retains: true,
  summary:
    "Litigation Hold (placed on 2025-10-17 by legal@contoso.com) keeps every item in the mailbox for 2555 days after receipt.",
};

export const orgDeleteOnlyPolicy: MailboxHold = {
  kind: "RetentionPolicy",
  source: "organization.InPlaceHolds",
  id: "7cfb30345d454ac0a989ab3041051209",
  raw: "mbx7cfb30345d454ac0a989ab3041051209:1",
  name: "Org-wide mail - delete after 10 years",
  owner: null,
  scope: "organization",
  policyAction: "deleteOnly",
  covers: "every item in the mailbox",
  since: null,
  keepsItemsFor: "nothing",
  periodDays: null,
  keepsItemsReceivedSince: null,
  retains: false,
  summary: 'The organization-wide retention policy "Org-wide mail - delete after 10 years" keeps nothing.',
};

export const eDiscoveryHold: MailboxHold = {
  kind: "eDiscoveryHold",
  source: "mailbox.InPlaceHolds",
  id: "7d895d48-7e23-4a8d-8346-533c3beac15d",
  raw: "UniH7d895d48-7e23-4a8d-8346-533c3beac15d",
  name: "Case 2026-014 Project Falcon",
  owner: null,
  scope: "mailbox",
  policyAction: null,
  covers: 'items matching the query "subject:Falcon"',
  since: null,
  keepsItemsFor: "indefinitely",
  periodDays: "unlimited",
  keepsItemsReceivedSince: null,
  retains: true,
  summary: 'eDiscovery case hold "Case 2026-014 Project Falcon" keeps items matching the query indefinitely.',
};

/** The day of an instant, as a formatter independent of the machine's locale. */
export const isoDay = (iso: string) => iso.slice(0, 10);
