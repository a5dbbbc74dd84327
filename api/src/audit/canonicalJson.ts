// The one serialization that audit hashes are computed over: JSON with object keys sorted and no
// whitespace, so equal values always give the same text, whichever order their keys were built in and
// whatever the database did to them on the way (jsonb reorders keys and drops none of their values).

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What canonicalJson accepts and turns into a JsonValue: Dates become ISO strings, undefined is dropped. */
export type JsonInput =
  null | boolean | number | string | Date | JsonInput[] | { [key: string]: JsonInput | undefined };

/**
 * Serializes a JSON-compatible value canonically: keys sorted by UTF-16 code units, no whitespace,
 * numbers and strings as JSON.stringify writes them (the shortest round-trip form, so `1.0` and `1`
 * are the same), Dates as ISO 8601 UTC with milliseconds, object properties that are undefined left
 * out (JSON and jsonb drop them too), undefined array elements as null. Throws a TypeError for what
 * JSON cannot represent faithfully: NaN, Infinity, bigint, functions, symbols, invalid Dates, Maps,
 * Sets, class instances without toJSON, and cycles.
 * @example canonicalJson({ b: [1, 2.5], a: "x", at: new Date(0) }) // '{"a":"x","at":"1970-01-01T00:00:00.000Z","b":[1,2.5]}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, "$", new Set());
}

function write(value: unknown, path: string, seen: Set<object>): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no JSON form`);
      return JSON.stringify(value);
    case "object":
      return writeObject(value, path, seen);
    default:
      throw new TypeError(
        `${path}: ${value === undefined ? "undefined" : `a ${typeof value}`} has no JSON form`
      );
  }
}

function writeObject(value: object, path: string, seen: Set<object>): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${path}: an invalid Date has no JSON form`);
    return JSON.stringify(value.toISOString());
  }
  if (seen.has(value)) throw new TypeError(`${path}: a cycle has no JSON form`);
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item, i) => (item === undefined ? "null" : write(item, `${path}[${i}]`, seen))).join(",")}]`;
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") return write(toJSON.call(value), path, seen);
      throw new TypeError(`${path}: a ${value.constructor?.name ?? "non-plain object"} has no JSON form`);
    }
    const entries = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map(
        (key) =>
          `${JSON.stringify(key)}:${write((value as Record<string, unknown>)[key], `${path}.${key}`, seen)}`
      );
    return `{${entries.join(",")}}`;
  } finally {
    seen.delete(value);
  }
}
