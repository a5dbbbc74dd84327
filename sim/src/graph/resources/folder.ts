// The Graph mailFolder resource.
import type { Folder, Mailbox } from "../../tenant/mailbox.js";
import type { ResourceSpec } from "../odata/queryOptions.js";

const defaults = [
  "displayName",
  "parentFolderId",
  "childFolderCount",
  "unreadItemCount",
  "totalItemCount",
  "sizeInBytes",
  "isHidden",
];

export const folderSpec: ResourceSpec = {
  typeName: "microsoft.graph.mailFolder",
  defaults,
  selectable: new Set(["id", ...defaults, "wellKnownName"]),
  filterable: new Set(["displayName", "id", "parentFolderId"]),
  expandable: new Set(),
  defaultPageSize: 10,
  maxTop: 1000,
};

export function folderResource(mailbox: Mailbox, folder: Folder): Record<string, unknown> {
  const items = [...mailbox.messages.values()].filter((m) => m.folderId === folder.id);
  return {
    id: folder.id,
    displayName: folder.displayName,
    parentFolderId: folder.parentId ?? mailbox.exchangeGuid,
    childFolderCount: mailbox.childFolders(folder.id).length,
    unreadItemCount: items.filter((m) => !m.isRead).length,
    totalItemCount: items.length,
    sizeInBytes: items.reduce((sum, m) => sum + 2048 + m.definition.body.length, 0),
    isHidden: folder.kind !== "ipm",
    wellKnownName: folder.wellKnownName ?? null,
  };
}
