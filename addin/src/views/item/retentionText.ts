// The rules' answer in the words of the item view: where a tag comes from, what it does, where a copy is.
import type { Explanation, HoldExplanation } from "../../api/apiTypes";

type Tag = NonNullable<Explanation["retention"]["tag"]>;

const sources: Record<Tag["source"], string> = {
  personal: "a personal tag applied to this message",
  folder: "the tag of the folder it is in",
  default: "the default tag of the mailbox's retention policy",
};

const actions: Record<string, string> = {
  DeleteAndAllowRecovery: "deleted (recoverable for a while)",
  PermanentlyDelete: "permanently deleted",
  MoveToArchive: "moved to the archive",
  MoveToDeletedItems: "moved to Deleted Items",
  MarkAsPastRetentionLimit: "marked as past its retention limit",
};

const locations: Record<string, string> = {
  inbox: "Inbox",
  sentitems: "Sent Items",
  deleteditems: "Deleted Items",
  junkemail: "Junk Email",
  drafts: "Drafts",
  outbox: "Outbox",
  archive: "the archive",
  conversationhistory: "Conversation History",
  recoverableitemsdeletions: "Recoverable Items (the user can still restore it)",
  recoverableitemspurges: "Recoverable Items, purged (only an eDiscovery search finds it)",
  recoverableitemsdiscoveryholds: "Recoverable Items, kept for a hold",
  removed: "gone for good",
};

const holdNames: Record<HoldExplanation["kind"], string> = {
  LitigationHold: "Litigation Hold",
  InPlaceHold: "In-Place Hold",
  eDiscoveryHold: "eDiscovery case hold",
  RetentionPolicy: "Purview retention policy",
  RetentionPolicyExclusion: "excluded from a retention policy",
  RetentionLabel: "retention label",
  DelayHold: "delay hold",
};

/** "the tag of the folder it is in" */
export function tagSourceText(source: Tag["source"]): string {
  return sources[source];
}

/** "permanently deleted"; an action the add-in does not know is shown as Exchange names it. */
export function tagActionText(action: string): string {
  return actions[action] ?? action;
}

/** "Deleted Items"; a user folder's name is shown as it is. */
export function locationText(location: string): string {
  return locations[location] ?? location;
}

export function holdName(kind: HoldExplanation["kind"]): string {
  return holdNames[kind];
}

/** Whether retention ever acts on the item: no tag, or a tag without an age limit, never expires. */
export function neverExpires(retention: Explanation["retention"]): boolean {
  return !retention.tag || retention.tag.ageLimitDays === null || retention.expiresAt === null;
}
