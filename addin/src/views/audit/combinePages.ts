// The records shown so far: the first page and every "Load more" after it, in order, without a record
// twice (defensive: a page read again after new records arrived could overlap), and the cursor for the
// next page.
import type { AuditPage } from "../../api/apiTypes";

/**
 * @example combinePages(first, [second]) // → { records: [...first.records, ...second.records], nextBeforeSeq: second.nextBeforeSeq }
 */
export function combinePages(first: AuditPage, more: readonly AuditPage[]): AuditPage {
  const seen = new Set<number>();
  const records: AuditPage["records"] = [];
  for (const page of [first, ...more])
    for (const record of page.records) {
      if (seen.has(record.seq)) continue;
      seen.add(record.seq);
      records.push(record);
    }
  return { records, nextBeforeSeq: (more.at(-1) ?? first).nextBeforeSeq };
}
