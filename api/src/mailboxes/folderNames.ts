// Names the folder a copy sits in the way the rules name folders: Graph's well-known name ("inbox",
// "deleteditems", ...) for default folders, whose retention tags Exchange targets by type, and the display
// name for folders the user made. Graph gives only folder ids, so each mailbox's Inbox id is read (most
// copies a retraction finds sit there), and for a copy elsewhere every default folder's id, in a single
// $batch; both are cached.
import type { GraphGateway } from "../graph/graphClient.js";
import { graphFailure } from "../graph/graphErrors.js";
import { graphQuery, pathSegment } from "../graph/odataFilter.js";
import { locations } from "../rules/explanation.js";
import { folderTagTypes } from "../rules/tags.js";
import { createTtlCache } from "./ttlCache.js";

/** The default folders a retention policy tag can target that Graph can address by well-known name. */
export const taggableFolders = Object.keys(folderTagTypes).filter((name) => name !== "rssfeeds");

/** Names the rules give a meaning to (tag targets and locations): a user folder must not be taken for one. */
const reservedNames = new Set<string>([...Object.keys(folderTagTypes), ...locations]);

export type FolderNamer = (mailbox: string, folderId: string) => Promise<string>;

/**
 * A user folder's name as the rules see it; one that looks like a well-known name is told apart, so a
 * folder the user called "Inbox" is not taken for the Inbox.
 * @example userFolderName("Invoices") // → "Invoices"
 * @example userFolderName("inbox") // → "inbox (user folder)"
 */
export function userFolderName(displayName: string): string {
  const bare = displayName.trim() || "(unnamed folder)";
  const squashed = bare.toLowerCase().replace(/\s+/g, "");
  return reservedNames.has(squashed) ? `${bare} (user folder)` : bare;
}

/** Folder ids are stable for a folder's life, so an hour's cache is safe. */
const folderIdTtlMs = 60 * 60_000;

export function createFolderNamer(graph: GraphGateway, now: () => number): FolderNamer {
  const inboxes = createTtlCache<string>({ ttlMs: folderIdTtlMs, now });
  const defaults = createTtlCache<Map<string, string>>({ ttlMs: folderIdTtlMs, now });

  async function defaultFolderIds(mailbox: string): Promise<Map<string, string>> {
    const { responses } = await graph.batch(
      taggableFolders.map((name) => ({
        id: name,
        method: "GET" as const,
        url: `/users/${pathSegment(mailbox)}/mailFolders/${name}${graphQuery({ select: ["id"] })}`,
      }))
    );
    const ids = new Map<string, string>();
    for (const response of responses) {
      const id = (response.body as { id?: string } | undefined)?.id;
      if (response.status === 200 && id) ids.set(id, response.id);
      // A mailbox may lack some default folders (no archive, no clutter): those answer 404. Anything
      // else (throttled, out of scope) fails the lookup rather than caching a partial map.
      else if (response.status !== 404)
        throw graphFailure(response, { operation: "read the mailbox's default folders", mailbox });
    }
    return ids;
  }

  return async (mailbox, folderId) => {
    const key = mailbox.toLowerCase();
    // One request, instead of the batch over every default folder, settles the common case.
    const inbox = await inboxes.get(key, async () => (await graph.getMailFolder(mailbox, "inbox")).value.id);
    if (inbox === folderId) return "inbox";
    const known = await defaults.get(key, () => defaultFolderIds(mailbox));
    const wellKnown = known.get(folderId);
    if (wellKnown) return wellKnown;
    const { value: folder } = await graph.getMailFolder(mailbox, folderId);
    return userFolderName(folder.displayName ?? "");
  };
}
