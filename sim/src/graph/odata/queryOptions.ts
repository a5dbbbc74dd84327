// Reads a Graph request's OData query options ($filter, $select, $expand, $top, $skip, $skiptoken,
// $orderby, $count) and checks them against what the resource supports, with Graph's errors.
import { badRequest, GraphError } from "../graphError.js";
import { FilterSyntaxError, parseFilter, propertiesRead, type Expr } from "./filterSyntax.js";

export type ResourceSpec = {
  /** e.g. "microsoft.graph.message" */
  typeName: string;
  defaults: readonly string[];
  selectable: ReadonlySet<string>;
  filterable: ReadonlySet<string>;
  expandable: ReadonlySet<string>;
  defaultPageSize: number;
  maxTop: number;
};

export type Expand = { name: string; filter: Expr | undefined };

export type QueryOptions = {
  filter: Expr | undefined;
  select: string[] | undefined;
  expand: Expand[];
  top: number | undefined;
  skip: number;
  orderBy: { property: string; descending: boolean } | undefined;
  count: boolean;
};

const known = new Set([
  "filter",
  "select",
  "expand",
  "top",
  "skip",
  "skiptoken",
  "orderby",
  "count",
  "search",
  "format",
]);

/** Reads an option given as `$name` or, as v1.0 allows, `name`. */
function option(query: URLSearchParams, name: string): string | undefined {
  return query.get(`$${name}`) ?? query.get(name) ?? undefined;
}

export function filterOf(text: string): Expr {
  try {
    return parseFilter(text);
  } catch (err) {
    if (err instanceof FilterSyntaxError)
      throw badRequest(`Invalid filter clause: ${err.message} in '${text}'.`);
    throw err;
  }
}

function parseExpand(text: string, spec: ResourceSpec): Expand[] {
  const items: Expand[] = [];
  let depth = 0;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    else if (text[i] === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  for (const part of parts.map((p) => p.trim())) {
    const match = /^([A-Za-z]+)(?:\((.*)\))?$/s.exec(part);
    if (!match || !spec.expandable.has(match[1]!))
      throw badRequest(
        `Parsing OData Select and Expand failed: Could not find a property named '${match?.[1] ?? part}' on type '${spec.typeName}'.`
      );
    let filter: Expr | undefined;
    if (match[2]) {
      const inner = /^\$?filter=(.*)$/s.exec(match[2].trim());
      if (!inner)
        throw badRequest(`Parsing OData Select and Expand failed: unsupported option in '${part}'.`);
      filter = filterOf(inner[1]!);
    }
    items.push({ name: match[1]!, filter });
  }
  return items;
}

export function parseQueryOptions(query: URLSearchParams, spec: ResourceSpec): QueryOptions {
  for (const key of query.keys()) {
    const name = key.replace(/^\$/, "").toLowerCase();
    if (key.startsWith("$") && !known.has(name)) throw badRequest(`Query option '${key}' is not allowed.`);
  }
  const filterText = option(query, "filter");
  const filter = filterText === undefined ? undefined : filterOf(filterText);
  if (filter) {
    for (const property of propertiesRead(filter)) {
      if (!spec.filterable.has(property))
        throw badRequest(
          `Unsupported or invalid query filter clause specified for property '${property}' of resource '${spec.typeName.replace("microsoft.graph.", "")}'.`
        );
    }
  }
  const selectText = option(query, "select");
  const select = selectText
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const property of select ?? [])
    if (!spec.selectable.has(property))
      throw badRequest(
        `Parsing OData Select and Expand failed: Could not find a property named '${property}' on type '${spec.typeName}'.`
      );
  const topText = option(query, "top");
  let top: number | undefined;
  if (topText !== undefined) {
    top = Number(topText);
    if (!Number.isInteger(top) || top < 1 || top > spec.maxTop)
      throw new GraphError(
        400,
        "BadRequest",
        `Invalid page size specified: '${topText}'. Must be between 1 and ${spec.maxTop} inclusive.`
      );
  }
  const skipText = option(query, "skip") ?? decodeSkipToken(option(query, "skiptoken"));
  const skip = skipText === undefined ? 0 : Number(skipText);
  if (!Number.isInteger(skip) || skip < 0)
    throw badRequest(`The value '${skipText}' is not valid for $skip or $skiptoken.`);
  const orderText = option(query, "orderby");
  let orderBy: QueryOptions["orderBy"];
  if (orderText) {
    const [property, direction = "asc"] = orderText.trim().split(/\s+/);
    if (!spec.selectable.has(property!) || !["asc", "desc"].includes(direction.toLowerCase()))
      throw badRequest(`Invalid $orderby: '${orderText}'.`);
    orderBy = { property: property!, descending: direction.toLowerCase() === "desc" };
  }
  const expandText = option(query, "expand");
  return {
    filter,
    select,
    expand: expandText ? parseExpand(expandText, spec) : [],
    top,
    skip,
    orderBy,
    count: option(query, "count")?.toLowerCase() === "true",
  };
}

/** Directory paging tokens are opaque to clients; sim's encode the offset. */
export function encodeSkipToken(offset: number): string {
  return Buffer.from(`RFNwdAIAAQAA:offset=${offset}`).toString("base64url");
}

function decodeSkipToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const match = /:offset=(\d+)$/.exec(Buffer.from(token, "base64url").toString());
  if (!match)
    throw badRequest(
      "The specified page token value has expired and can no longer be included in your request."
    );
  return match[1];
}
