// The one place that builds OData $filter expressions and Graph query strings. Values become string
// literals with their single quotes doubled; property names must match a safe pattern, so a value can
// never change a query's structure; the finished query value is percent-encoded exactly once (a "+"
// becomes %2B, never a space). Path segments (ids with "/", "+", "=") are encoded here too.

const brand: unique symbol = Symbol("ODataFilter");

/** A $filter expression built by this module (never from raw text). */
export type ODataFilter = {
  readonly [brand]: true;
  readonly text: string;
  /** "or" expressions need parentheses inside an "and"; everything else binds tighter. */
  readonly precedence: "or" | "and" | "atom";
};

/** A $expand item with a nested $filter, e.g. singleValueExtendedProperties($filter=id eq '...'). */
export type ODataExpand = { readonly [brand]: true; readonly text: string };

export type ODataValue = string | number | boolean | null;

/** Thrown for a property name, value or option that cannot be put into a query safely. */
export class ODataQueryError extends Error {
  override readonly name = "ODataQueryError";
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** OData's operators and constants: never property names, or `or eq 'x'` would read as structure. */
const reserved = new Set([
  "and",
  "or",
  "not",
  "eq",
  "ne",
  "gt",
  "ge",
  "lt",
  "le",
  "any",
  "all",
  "true",
  "false",
  "null",
  "in",
  "has",
]);

function filterOf(text: string, precedence: ODataFilter["precedence"]): ODataFilter {
  return { [brand]: true, text, precedence };
}

/**
 * Checks a property path ("mail", "from/emailAddress/address") and returns it unchanged.
 * @example property("internetMessageId") // → "internetMessageId"
 * @throws ODataQueryError for anything but identifiers joined by "/", or an OData keyword
 */
export function property(path: string): string {
  const parts = path.split("/");
  for (const part of parts)
    if (!identifier.test(part) || reserved.has(part.toLowerCase()))
      throw new ODataQueryError(`'${path}' is not a property name that may be used in a query.`);
  return path;
}

/**
 * An OData literal: strings in single quotes with quotes doubled, numbers, booleans, null.
 * @example literal("it's") // → "'it''s'"
 * @throws ODataQueryError for a string that is not well-formed Unicode (a lone surrogate cannot be
 * percent-encoded) or a number that is not finite
 */
export function literal(value: ODataValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ODataQueryError(`${value} cannot be used in a query.`);
    return String(value);
  }
  if (/\p{Surrogate}/u.test(value))
    throw new ODataQueryError("A query value holds a broken Unicode character (a lone surrogate).");
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * `property eq value`.
 * @example eq("internetMessageId", "<a'b@x>").text // → "internetMessageId eq '<a''b@x>'"
 */
export function eq(path: string, value: ODataValue): ODataFilter {
  return filterOf(`${property(path)} eq ${literal(value)}`, "atom");
}

/**
 * A collection containing `value`: `collection/any(x:x eq value)`.
 * @example anyEq("proxyAddresses", "smtp:a@contoso.com").text // → "proxyAddresses/any(x:x eq 'smtp:a@contoso.com')"
 */
export function anyEq(collection: string, value: ODataValue): ODataFilter {
  return filterOf(`${property(collection)}/any(x:x eq ${literal(value)})`, "atom");
}

function join(operator: "or" | "and", filters: ODataFilter[]): ODataFilter {
  if (filters.length === 0) throw new ODataQueryError(`'${operator}' needs at least one expression.`);
  if (filters.length === 1) return filters[0]!;
  const parts = filters.map((f) => (operator === "and" && f.precedence === "or" ? `(${f.text})` : f.text));
  return filterOf(parts.join(` ${operator} `), operator);
}

/**
 * Any of the expressions.
 * @example or(eq("mail", "a@b.c"), anyEq("proxyAddresses", "smtp:a@b.c")).text
 * // → "mail eq 'a@b.c' or proxyAddresses/any(x:x eq 'smtp:a@b.c')"
 */
export function or(...filters: ODataFilter[]): ODataFilter {
  return join("or", filters);
}

/**
 * All of the expressions; an "or" operand is put in parentheses.
 * @example and(eq("a", 1), or(eq("b", 2), eq("c", 3))).text // → "a eq 1 and (b eq 2 or c eq 3)"
 */
export function and(...filters: ODataFilter[]): ODataFilter {
  return join("and", filters);
}

/**
 * An expanded navigation property filtered by `filter`.
 * @example expandFiltered("singleValueExtendedProperties", eq("id", "Binary 0x3019")).text
 * // → "singleValueExtendedProperties($filter=id eq 'Binary 0x3019')"
 */
export function expandFiltered(navigation: string, filter: ODataFilter): ODataExpand {
  if (!identifier.test(navigation)) throw new ODataQueryError(`'${navigation}' cannot be expanded.`);
  return { [brand]: true, text: `${navigation}($filter=${filter.text})` };
}

export type GraphQueryOptions = {
  filter?: ODataFilter;
  select?: readonly string[];
  expand?: readonly (string | ODataExpand)[];
  /** Page size: 1 to 1000 (Graph's limit for messages; 999 for directory objects). */
  top?: number;
  count?: boolean;
};

/** Percent-encodes a whole query value once (RFC 3986 unreserved characters stay, "+" → %2B). */
function encodeValue(value: string): string {
  return encodeURIComponent(value);
}

/**
 * The query string for a Graph (or Exchange admin API) request, "" when there is nothing to ask.
 * @example graphQuery({ filter: eq("internetMessageId", "<a+b@x>"), select: ["id"], top: 50 })
 * // → "?$filter=internetMessageId%20eq%20'%3Ca%2Bb%40x%3E'&$select=id&$top=50"
 */
export function graphQuery(options: GraphQueryOptions): string {
  const parts: string[] = [];
  if (options.filter) parts.push(`$filter=${encodeValue(options.filter.text)}`);
  if (options.select?.length) {
    for (const name of options.select)
      if (!identifier.test(name)) throw new ODataQueryError(`'${name}' cannot be selected.`);
    parts.push(`$select=${encodeValue(options.select.join(","))}`);
  }
  if (options.expand?.length) {
    const items = options.expand.map((item) => {
      if (typeof item !== "string") return item.text;
      if (!identifier.test(item)) throw new ODataQueryError(`'${item}' cannot be expanded.`);
      return item;
    });
    parts.push(`$expand=${encodeValue(items.join(","))}`);
  }
  if (options.top !== undefined) {
    if (!Number.isInteger(options.top) || options.top < 1 || options.top > 1000)
      throw new ODataQueryError(`$top must be a whole number from 1 to 1000, not ${options.top}.`);
    parts.push(`$top=${options.top}`);
  }
  if (options.count) parts.push("$count=true");
  return parts.length ? `?${parts.join("&")}` : "";
}

/**
 * One URL path segment: ids may hold "/", "+" and "=", so each is encoded on its own.
 * @example pathSegment("AAMkAGI2+ab/cd==") // → "AAMkAGI2%2Bab%2Fcd%3D%3D"
 * @throws ODataQueryError for an empty segment, "." or ".."
 */
export function pathSegment(value: string): string {
  if (value === "" || value === "." || value === "..")
    throw new ODataQueryError(`'${value}' cannot be used as a URL path segment.`);
  if (/\p{Surrogate}/u.test(value))
    throw new ODataQueryError("A URL path segment holds a broken Unicode character (a lone surrogate).");
  return encodeURIComponent(value);
}
