// Which retention tag governs an item in a folder: personal > folder (RPT) > default (DPT); disabled tags
// are ignored, and archive tags never delete.
import { RulesInputError } from "./exchangeValues.js";
import type { RetentionAction, RetentionTag } from "./scenario.js";

export type TagSource = "personal" | "folder" | "default";

export type ResolvedTag = { tag: RetentionTag; source: TagSource };

/** Graph's well-known folder names → the retention tag Type that targets that default folder. */
export const folderTagTypes: Record<string, string> = {
  inbox: "Inbox",
  sentitems: "SentItems",
  deleteditems: "DeletedItems",
  junkemail: "JunkEmail",
  drafts: "Drafts",
  outbox: "Outbox",
  conversationhistory: "ConversationHistory",
  archive: "Archive",
  clutter: "Clutter",
  syncissues: "SyncIssues",
  rssfeeds: "RssSubscriptions",
};

const deletingActions: RetentionAction[] = [
  "DeleteAndAllowRecovery",
  "PermanentlyDelete",
  "MarkAsPastRetentionLimit",
  "MoveToDeletedItems",
];

/**
 * Whether a tag's action removes the item from where it is (MarkAsPastRetentionLimit only marks it, and
 * MoveToArchive moves it to the archive mailbox, which is not a deletion).
 * @example isDeleteAction("PermanentlyDelete") // → true
 */
export function isDeleteAction(action: RetentionAction): boolean {
  return (
    action === "DeleteAndAllowRecovery" || action === "PermanentlyDelete" || action === "MoveToDeletedItems"
  );
}

/**
 * Whether MRM stamps an expiry date on items under this tag (an enabled tag that deletes or marks, with an
 * age limit); archive tags and tags without an age limit never expire items.
 * @example stampsExpiry({ RetentionAction: "DeleteAndAllowRecovery", AgeLimitForRetention: { kind: "finite", ms }, … }) // → true
 */
export function stampsExpiry(tag: RetentionTag): boolean {
  return deletingActions.includes(tag.RetentionAction) && tag.AgeLimitForRetention?.kind === "finite";
}

/**
 * When an item stamped at `stampedAt` expires under `tag`, or null when the tag stamps no expiry.
 * @example expiryOf(<"3 Year Delete", 1095 days>, Date.UTC(2012, 2, 1)) // → Date.UTC(2015, 2, 1)
 */
export function expiryOf(tag: RetentionTag, stampedAt: number): number | null {
  const age = tag.AgeLimitForRetention;
  return stampsExpiry(tag) && age?.kind === "finite" ? stampedAt + age.ms : null;
}

/**
 * Whether MRM, acting on `tag`, moves an item out of `folder` (MoveToDeletedItems leaves Deleted Items alone).
 * @example mrmMovesFrom(<MoveToDeletedItems tag>, "deleteditems") // → false
 */
export function mrmMovesFrom(tag: RetentionTag, folder: string): boolean {
  if (!isDeleteAction(tag.RetentionAction)) return false;
  return !(tag.RetentionAction === "MoveToDeletedItems" && folder === "deleteditems");
}

const sameTag = (name: string) => (tag: RetentionTag) =>
  tag.Name.toLowerCase() === name.toLowerCase() || tag.RetentionId?.toLowerCase() === name.toLowerCase();

/**
 * Finds the item's personal tag among the policy's tags, by Name or RetentionId.
 * @example findPersonalTag(tags, "1 Month Delete") // → the tag, or null when none is named
 * @throws RulesInputError when the name matches no tag, or a tag that is not a personal one
 */
export function findPersonalTag(tags: RetentionTag[], name: string | null | undefined): RetentionTag | null {
  if (!name) return null;
  const tag = tags.find(sameTag(name));
  if (!tag)
    throw new RulesInputError("item.personalTag", `names "${name}", which is not among retentionTags`);
  if (tag.Type.toLowerCase() !== "personal") {
    throw new RulesInputError("item.personalTag", `names "${name}", a ${tag.Type} tag, not a Personal one`);
  }
  return tag;
}

/**
 * The tag that governs an item in `folder`: its enabled personal tag if it deletes, else the folder's enabled
 * retention policy tag, else the enabled default policy tag that deletes. When no deleting tag applies, an
 * archive tag (personal, then default) is returned so it can be shown, though it never deletes.
 * @example resolveTag(tags, "inbox", null) // → { tag: <"3 Year Delete">, source: "default" }
 */
export function resolveTag(
  tags: RetentionTag[],
  folder: string,
  personalTag: RetentionTag | null
): ResolvedTag | null {
  const enabled = tags.filter((tag) => tag.RetentionEnabled);
  const personal = personalTag?.RetentionEnabled ? personalTag : null;
  if (personal && deletingActions.includes(personal.RetentionAction))
    return { tag: personal, source: "personal" };
  const folderType = folderTagTypes[folder.toLowerCase()];
  const folderTag =
    folderType &&
    enabled.find((tag) => tag.Type === folderType && deletingActions.includes(tag.RetentionAction));
  if (folderTag) return { tag: folderTag, source: "folder" };
  const defaults = enabled.filter((tag) => tag.Type === "All");
  const defaultDelete = defaults.find((tag) => deletingActions.includes(tag.RetentionAction));
  if (defaultDelete) return { tag: defaultDelete, source: "default" };
  if (personal) return { tag: personal, source: "personal" };
  const defaultArchive = defaults.find((tag) => tag.RetentionAction === "MoveToArchive");
  return defaultArchive ? { tag: defaultArchive, source: "default" } : null;
}
