// The folders every Exchange Online mailbox has: the IPM subtree users see, and the Recoverable Items
// (dumpster) subtree they do not. Graph addresses them by id or by well-known name.

export type FolderKind = "ipm" | "recoverable";

export type StandardFolder = {
  wellKnownName: string;
  displayName: string;
  parent: string | null;
  kind: FolderKind;
};

export const standardFolders: readonly StandardFolder[] = [
  { wellKnownName: "msgfolderroot", displayName: "Top of Information Store", parent: null, kind: "ipm" },
  { wellKnownName: "inbox", displayName: "Inbox", parent: "msgfolderroot", kind: "ipm" },
  { wellKnownName: "drafts", displayName: "Drafts", parent: "msgfolderroot", kind: "ipm" },
  { wellKnownName: "sentitems", displayName: "Sent Items", parent: "msgfolderroot", kind: "ipm" },
  { wellKnownName: "deleteditems", displayName: "Deleted Items", parent: "msgfolderroot", kind: "ipm" },
  { wellKnownName: "junkemail", displayName: "Junk Email", parent: "msgfolderroot", kind: "ipm" },
  { wellKnownName: "archive", displayName: "Archive", parent: "msgfolderroot", kind: "ipm" },
  { wellKnownName: "outbox", displayName: "Outbox", parent: "msgfolderroot", kind: "ipm" },
  {
    wellKnownName: "recoverableitemsroot",
    displayName: "Recoverable Items",
    parent: null,
    kind: "recoverable",
  },
  {
    wellKnownName: "recoverableitemsdeletions",
    displayName: "Deletions",
    parent: "recoverableitemsroot",
    kind: "recoverable",
  },
  {
    wellKnownName: "recoverableitemspurges",
    displayName: "Purges",
    parent: "recoverableitemsroot",
    kind: "recoverable",
  },
  {
    wellKnownName: "recoverableitemsversions",
    displayName: "Versions",
    parent: "recoverableitemsroot",
    kind: "recoverable",
  },
  {
    wellKnownName: "recoverableitemsdiscoveryholds",
    displayName: "DiscoveryHolds",
    parent: "recoverableitemsroot",
    kind: "recoverable",
  },
];

/**
 * Recoverable Items names that Graph's documentation does not list (they are EWS distinguished folder
 * ids). Whether Graph accepts them is unverified, so sim accepts them only while
 * `undocumentedFolders` is "allow" (the default).
 */
export const undocumentedFolderNames = new Set([
  "recoverableitemsroot",
  "recoverableitemspurges",
  "recoverableitemsversions",
  "recoverableitemsdiscoveryholds",
]);

/** The Recoverable Items folders whose items are beyond the user's reach (not addressable by id). */
export const unreachableFolderNames = new Set([
  "recoverableitemspurges",
  "recoverableitemsversions",
  "recoverableitemsdiscoveryholds",
]);

/** Folder types that a retention policy tag (RPT) can target, by well-known name. */
export const policyTagTypeOfFolder: Record<string, string> = {
  inbox: "Inbox",
  sentitems: "SentItems",
  deleteditems: "DeletedItems",
  junkemail: "JunkEmail",
  drafts: "Drafts",
  archive: "Archive",
  outbox: "Outbox",
  recoverableitemsroot: "RecoverableItems",
};
