// Evaluates a parsed $filter against a resource's JSON. String comparisons ignore case, as Exchange and
// the directory do; instants compare by time.
import type { Expr } from "./filterSyntax.js";

type Value = unknown;
type Scope = Map<string, Value>;

function read(resource: Record<string, unknown>, segments: string[], scope: Scope): Value {
  let value: Value = scope.has(segments[0]!) ? scope.get(segments[0]!) : resource[segments[0]!];
  for (const segment of segments.slice(1)) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T/;

function compare(a: Value, b: Value): number | undefined {
  if (a === undefined || b === undefined || a === null || b === null) return undefined;
  if (typeof a === "string" && typeof b === "string") {
    if (isoInstant.test(a) && isoInstant.test(b)) return Date.parse(a) - Date.parse(b);
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : 1;
  return undefined;
}

function evaluate(expr: Expr, resource: Record<string, unknown>, scope: Scope): Value {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "path":
      return read(resource, expr.segments, scope);
    case "not":
      return !evaluate(expr.operand, resource, scope);
    case "logical": {
      const left = Boolean(evaluate(expr.left, resource, scope));
      if (expr.op === "and") return left && Boolean(evaluate(expr.right, resource, scope));
      return left || Boolean(evaluate(expr.right, resource, scope));
    }
    case "compare": {
      const left = evaluate(expr.left, resource, scope);
      const right = evaluate(expr.right, resource, scope);
      if (expr.op === "eq" && (left === null || right === null)) return (left ?? null) === (right ?? null);
      if (expr.op === "ne" && (left === null || right === null)) return (left ?? null) !== (right ?? null);
      const order = compare(left, right);
      if (order === undefined) return expr.op === "ne";
      return {
        eq: order === 0,
        ne: order !== 0,
        gt: order > 0,
        ge: order >= 0,
        lt: order < 0,
        le: order <= 0,
      }[expr.op];
    }
    case "call": {
      const [a, b] = expr.args.map((arg) => evaluate(arg, resource, scope));
      if (typeof a !== "string" || typeof b !== "string") return false;
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return expr.name === "startswith"
        ? x.startsWith(y)
        : expr.name === "endswith"
          ? x.endsWith(y)
          : x.includes(y);
    }
    case "lambda": {
      const items = read(resource, expr.collection, scope);
      if (!Array.isArray(items)) return false;
      const test = (item: Value) =>
        Boolean(evaluate(expr.body, resource, new Map([...scope, [expr.variable, item]])));
      return expr.quantifier === "any" ? items.some(test) : items.every(test);
    }
  }
}

/** True when `resource` satisfies the filter. */
export function matchesFilter(expr: Expr, resource: Record<string, unknown>): boolean {
  return Boolean(evaluate(expr, resource, new Map()));
}
