// How full a mailbox's Recoverable Items is: Get-MailboxFolderStatistics -FolderScope RecoverableItems
// rows against the mailbox's Recoverable Items quota and warning quota, in numbers and in words.
import { z } from "zod";
import { formatByteQuantity, parseByteQuantity, unexpectedValue } from "./exchangeValues.js";
import type { MailboxHolds } from "./mailboxHoldsSchema.js";
import { withParser } from "./scenario.js";

/** Folder sizes are never "Unlimited", unlike quotas. */
const size = withParser((value, field) => {
  const parsed = parseByteQuantity(value, field);
  if (parsed === "unlimited") throw unexpectedValue(field, "a folder size in bytes", value);
  return parsed;
});
const count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/** One row of Get-MailboxFolderStatistics -FolderScope RecoverableItems. */
export const recoverableFolderSchema = z.object({
  Name: z.string(),
  FolderPath: z.string().nullish(),
  FolderType: z.string().nullish(),
  ItemsInFolder: count.default(0),
  FolderSize: size,
  ItemsInFolderAndSubfolders: count.nullish(),
  FolderAndSubfolderSize: size.nullish(),
});

export type RecoverableFolder = z.output<typeof recoverableFolderSchema>;
/** A quota in bytes, "unlimited", or not known. */
type Quota = number | "unlimited" | null | undefined;

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const quotaBytes = (value: Quota) => (typeof value === "number" ? value : null);

/**
 * Usage against quota, from the folder rows (null when they were not read) and the mailbox's quotas.
 * @example recoverableItemsUsage([root], { quota: 32212254720, warningQuota: 21474836480 }).quotaState // → "ok"
 */
export function recoverableItemsUsage(
  folders: RecoverableFolder[] | null,
  quotas: { quota?: Quota; warningQuota?: Quota }
): MailboxHolds["recoverableItems"] {
  if (folders === null) return null;
  // The root's subtree totals are Exchange's own count; summing the rows is the fallback without a root.
  const root = folders.find((folder) => folder.FolderType?.toLowerCase() === "recoverableitemsroot");
  const usedBytes = root?.FolderAndSubfolderSize ?? sum(folders.map((folder) => folder.FolderSize));
  const items = root?.ItemsInFolderAndSubfolders ?? sum(folders.map((folder) => folder.ItemsInFolder));
  const quota = quotaBytes(quotas.quota);
  const warning = quotaBytes(quotas.warningQuota);
  const percentOfQuota = quota ? Math.round((usedBytes / quota) * 1000) / 10 : null;
  const quotaState =
    quota !== null && usedBytes >= quota
      ? "full"
      : warning !== null && usedBytes >= warning
        ? "warning"
        : quota === null && warning === null
          ? "noQuota"
          : "ok";
  const share =
    percentOfQuota === null
      ? ""
      : percentOfQuota < 0.1 && usedBytes > 0
        ? "less than 0.1%"
        : `${percentOfQuota}%`;
  const usage = `Recoverable Items holds ${items.toLocaleString("en-US")} item${items === 1 ? "" : "s"} (${formatByteQuantity(usedBytes)})${quota === null ? "" : `, ${share} of its ${formatByteQuantity(quota)} quota`}.`;
  const state = {
    ok: "",
    noQuota: "",
    warning: ` It has reached its warning quota (${formatByteQuantity(warning ?? 0)}).`,
    full: " It is full: it accepts nothing more, so deleting items from the mailbox may fail.",
  }[quotaState];
  return {
    items,
    usedBytes,
    quotaBytes: quota,
    warningQuotaBytes: warning,
    percentOfQuota,
    quotaState,
    folders: folders.map((folder) => ({
      name: folder.Name,
      path: folder.FolderPath ?? null,
      type: folder.FolderType ?? null,
      items: folder.ItemsInFolder,
      bytes: folder.FolderSize,
    })),
    summary: usage + state,
  };
}
