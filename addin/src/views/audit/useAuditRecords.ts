// Pages of the audit log for the current filters: the first page loads by itself (again when the
// filters change), "Load more" appends older pages. Pages belong to the first page they followed, so a
// page that arrives after the filters changed is dropped instead of mixed in.
import { useState } from "react";
import type { ApiClient } from "../../api/apiClient";
import type { AuditFilters, AuditPage } from "../../api/apiTypes";
import { useAsync } from "../../components/useAsync";
import { combinePages } from "./combinePages";

export const auditPageSize = 25;

type More = { after: AuditPage | null; pages: AuditPage[]; loading: boolean; error: unknown };

const noMore: More = { after: null, pages: [], loading: false, error: null };

export function useAuditRecords(api: ApiClient, filters: AuditFilters) {
  const key = JSON.stringify([filters.messageId ?? null, filters.actorObjectId ?? null]);
  const first = useAsync(() => api.audit({ ...filters, limit: auditPageSize }), key);
  const [more, setMore] = useState<More>(noMore);

  const base = first.status === "ready" ? first.value : null;
  const ownMore = base && more.after === base ? more : noMore;
  const shown = base ? combinePages(base, ownMore.pages) : null;

  const loadMore = () => {
    if (!base || !shown || shown.nextBeforeSeq === null) return;
    const pages = ownMore.pages;
    setMore({ after: base, pages, loading: true, error: null });
    const belongs = (current: More) => current.after === base;
    api.audit({ ...filters, limit: auditPageSize, beforeSeq: shown.nextBeforeSeq }).then(
      (page) =>
        setMore((current) =>
          belongs(current)
            ? { after: base, pages: [...current.pages, page], loading: false, error: null }
            : current
        ),
      (error: unknown) =>
        setMore((current) => (belongs(current) ? { ...current, loading: false, error } : current))
    );
  };

  return {
    first,
    records: shown?.records ?? null,
    hasMore: shown !== null && shown.nextBeforeSeq !== null,
    loadMore,
    loadingMore: ownMore.loading,
    moreError: ownMore.error,
  };
}
