// What recipient discovery finds: every mailbox that holds the message or one of its forwards and
// replies (to the chosen depth), each with its copies and why it is included, and every recipient that
// cannot be retracted with the reason in words.
import type { RetentionProperties } from "../../graph/retentionProperties.js";

/** Why a recipient cannot be retracted. */
export const notRetractableReasons = [
  "external", // a domain outside the tenant
  "unverifiedDomain", // a tenant domain not verified in Entra ID
  "noMailbox", // a directory object without an Exchange Online mailbox (contact, guest, unlicensed user)
  "outOfScope", // the API app's mailbox access excludes this mailbox
  "copyNotFound", // the mailbox holds no copy (deleted already, or never delivered)
  "unresolved", // an address of a tenant domain that matches no directory object
] as const;
export type NotRetractableReason = (typeof notRetractableReasons)[number];

/** One reason a mailbox or address is part of the plan. */
export type Inclusion = {
  /** 0 = the original message; n = reached through n forwards/replies. */
  depth: number;
  /** The message that brought it in (its Internet Message-ID). */
  internetMessageId: string;
  /** In words: "To recipient", "Cc recipient via Finance Team", "forwarded by Adele Vance (depth 1)". */
  text: string;
};

/** A copy of one of the plan's messages in one mailbox, identified by exact Internet Message-ID match. */
export type FoundCopy = {
  id: string;
  internetMessageId: string;
  parentFolderId: string;
  receivedDateTime: string | null;
  isRead: boolean;
  subject: string;
  /**
   * The copy's sender and sent time, so a run can refuse a copy that differs from the plan's message
   * (discovery always fills them; optional so plans stored before they existed still read).
   */
  from?: string | null;
  sentDateTime?: string | null;
  /** The MRM and Purview stamp on the copy, for predicting its fate. */
  retention?: RetentionProperties;
};

export type RetractableTarget = {
  /** The mailbox's UPN, lower-case. */
  mailbox: string;
  objectId: string;
  displayName: string | null;
  copies: FoundCopy[];
  why: Inclusion[];
};

export type NotRetractable = {
  /** The address as it appeared (or the mailbox's UPN). */
  address: string;
  reason: NotRetractableReason;
  /** In words an admin can act on. */
  text: string;
  why: Inclusion[];
};

/** A message of the plan: the original (depth 0) and each forward/reply found. */
export type PlanMessage = {
  internetMessageId: string;
  depth: number;
  subject: string;
  /** Who sent it (address). */
  from: string | null;
  sentDateTime: string | null;
};
