// Collections the way Graph returns them: filtered, ordered, one page at a time with an
// @odata.nextLink that carries the whole query (clients must follow it, not rebuild it).
import type { GraphContext, GraphRequest, GraphResult } from "./request.js";
import { matchesFilter } from "./odata/evaluateFilter.js";
import { encodeSkipToken, type QueryOptions, type ResourceSpec } from "./odata/queryOptions.js";

/** Keeps the properties a response carries: annotations, id, and $select or the defaults. */
export function project(
  resource: Record<string, unknown>,
  spec: ResourceSpec,
  select: string[] | undefined
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["@odata.type", "@odata.etag", "id", ...(select ?? spec.defaults)])
    if (key in resource) out[key] = resource[key];
  return out;
}

export type ListOptions = {
  ctx: GraphContext;
  req: GraphRequest;
  items: Record<string, unknown>[];
  spec: ResourceSpec;
  options: QueryOptions;
  /** Outlook pages with $skip, the directory with an opaque $skiptoken. */
  paging: "skip" | "skiptoken";
  context: string;
  decorate?: (full: Record<string, unknown>, projected: Record<string, unknown>) => void;
};

export function listResult({
  ctx,
  req,
  items,
  spec,
  options,
  paging,
  context,
  decorate,
}: ListOptions): GraphResult {
  let matching = options.filter ? items.filter((item) => matchesFilter(options.filter!, item)) : items;
  if (options.orderBy) {
    const { property, descending } = options.orderBy;
    matching = [...matching].sort((a, b) => {
      const x = String(a[property] ?? "");
      const y = String(b[property] ?? "");
      return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1);
    });
  }
  const size = options.top ?? spec.defaultPageSize;
  const page = matching.slice(options.skip, options.skip + size);
  const value = page.map((full) => {
    const projected = project(full, spec, options.select);
    decorate?.(full, projected);
    return projected;
  });
  const body: Record<string, unknown> = { "@odata.context": `${ctx.origin}/v1.0/$metadata#${context}` };
  if (options.count) body["@odata.count"] = matching.length;
  if (options.skip + size < matching.length) {
    const next = new URLSearchParams(req.query);
    for (const key of ["$skip", "skip", "$skiptoken", "skiptoken", "$top", "top"]) next.delete(key);
    next.set("$top", String(size));
    if (paging === "skip") next.set("$skip", String(options.skip + size));
    else next.set("$skiptoken", encodeSkipToken(options.skip + size));
    body["@odata.nextLink"] = `${ctx.origin}/v1.0${req.rawPath}?${next.toString()}`;
  }
  body.value = value;
  return { status: 200, body };
}
