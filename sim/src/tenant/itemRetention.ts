// What Exchange stamps on an item for MRM: the tag that applies (personal > folder > default policy
// tag) and, when that tag deletes, the retention date. sim keeps its own small copy of these rules so it
// stays an independent stand-in for Exchange rather than an echo of the product's rules engine.
import type { Folder, Mailbox, StoredMessage } from "./mailbox.js";
import { findTag, type Tenant } from "./tenant.js";
import { timeSpanMs } from "./exchangeValues.js";

export type ItemRetention = {
  tag: Tenant["retentionTags"][number] | undefined;
  explicit: boolean;
  retentionDate: number | undefined;
};

const deleteActions = new Set(["DeleteAndAllowRecovery", "PermanentlyDelete", "MoveToDeletedItems"]);

function defaultDeleteTag(tenant: Tenant, mailbox: Mailbox) {
  const policy = tenant.fixture.retentionPolicies.find((p) => p.Name === mailbox.settings.RetentionPolicy);
  return tenant.retentionTags.find(
    (t) =>
      policy?.RetentionPolicyTagLinks.includes(t.Name) &&
      t.Type === "All" &&
      deleteActions.has(t.RetentionAction)
  );
}

/** The nearest folder tag: the item's folder or, for custom folders, the closest tagged ancestor. */
function folderTag(tenant: Tenant, mailbox: Mailbox, folder: Folder | undefined) {
  for (let f = folder; f; f = f.parentId ? mailbox.folders.get(f.parentId) : undefined) {
    if (f.retentionTag) return findTag(tenant, f.retentionTag);
    if (f.wellKnownName) return undefined;
  }
  return undefined;
}

export function itemRetention(tenant: Tenant, mailbox: Mailbox, message: StoredMessage): ItemRetention {
  const personal = findTag(tenant, message.personalTag);
  const tag =
    personal ??
    folderTag(tenant, mailbox, mailbox.folders.get(message.folderId)) ??
    defaultDeleteTag(tenant, mailbox);
  const age = tag?.AgeLimitForRetention ? timeSpanMs(tag.AgeLimitForRetention) : undefined;
  const stamps =
    tag !== undefined && tag.RetentionEnabled && deleteActions.has(tag.RetentionAction) && age !== undefined;
  return {
    tag,
    explicit: personal !== undefined,
    retentionDate: stamps ? message.receivedAt + age : undefined,
  };
}
