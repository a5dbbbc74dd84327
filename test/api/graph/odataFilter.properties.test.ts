// Property-based checks of the OData filter builder over thousands of generated strings full of what
// breaks naive escaping (quotes, +, %, &, #, /, spaces, unicode, OData keywords and parentheses):
// decoding the produced query always yields exactly one $filter whose literal is the input.
import assert from "node:assert/strict";
import fc from "fast-check";
import { anyEq, eq, graphQuery, or } from "../../../api/src/graph/odataFilter.js";
import { parseFilter, type Expr } from "../../../sim/src/graph/odata/filterSyntax.js";

/** Pieces that have broken message-id lookups somewhere: reserved URL characters, encodings, OData words. */
const tricky = fc.constantFrom(
  "'",
  "''",
  "+",
  "%",
  "%2B",
  "%27",
  "%%",
  "&",
  "#",
  "/",
  " ",
  "=",
  "?",
  ";",
  ",",
  ":",
  "@",
  "<",
  ">",
  "(",
  ")",
  "$filter=",
  " or ",
  " eq ",
  "and",
  "not ",
  "any(",
  "x:x",
  "\\",
  '"',
  "\t",
  "\n",
  "é",
  "ß",
  "😀",
  "\u00a0",
  "\u200b",
  "中文",
  "𝒳"
);
const ordinary = fc.string({ unit: "grapheme", maxLength: 4 });
const value = fc.array(fc.oneof(tricky, ordinary), { maxLength: 12 }).map((parts) => parts.join(""));

function onlyFilter(query: string): string {
  // The query must survive splitting on & and on the first = (what servers and the Graph client do).
  assert.ok(query.startsWith("?"));
  assert.doesNotMatch(query, /[+#\s]/, "no raw +, # or whitespace in the query");
  const params = new URLSearchParams(query.slice(1));
  assert.deepEqual([...params.keys()], ["$filter", "$select"]);
  assert.equal(params.getAll("$filter").length, 1);
  // Strict percent-decoding and form decoding agree: nothing depends on how "+" is read.
  const raw = query.slice(1).split("&")[0]!.slice("$filter=".length);
  assert.equal(decodeURIComponent(raw), params.get("$filter"));
  return params.get("$filter")!;
}

function literalOf(expr: Expr): unknown {
  assert.equal(expr.kind, "literal");
  return (expr as Extract<Expr, { kind: "literal" }>).value;
}

describe("odataFilter properties", () => {
  it("eq(property, any string) → one filter: that property eq a literal equal to the string", () => {
    fc.assert(
      fc.property(value, (input) => {
        const filter = onlyFilter(graphQuery({ filter: eq("internetMessageId", input), select: ["id"] }));

        const expr = parseFilter(filter);
        assert.equal(expr.kind, "compare");
        const compare = expr as Extract<Expr, { kind: "compare" }>;
        assert.equal(compare.op, "eq");
        assert.deepEqual(compare.left, { kind: "path", segments: ["internetMessageId"] });
        assert.equal(literalOf(compare.right), input);
        assert.equal(filter, `internetMessageId eq '${input.replace(/'/g, "''")}'`);
      }),
      { numRuns: 2500 }
    );
  });

  it("anyEq(collection, any string) → one lambda whose literal equals the string", () => {
    fc.assert(
      fc.property(value, (input) => {
        const filter = onlyFilter(
          graphQuery({ filter: anyEq("proxyAddresses", `smtp:${input}`), select: ["id"] })
        );

        const expr = parseFilter(filter) as Extract<Expr, { kind: "lambda" }>;
        assert.equal(expr.kind, "lambda");
        assert.deepEqual(expr.collection, ["proxyAddresses"]);
        const body = expr.body as Extract<Expr, { kind: "compare" }>;
        assert.equal(body.kind, "compare");
        assert.equal(literalOf(body.right), `smtp:${input}`);
      }),
      { numRuns: 1000 }
    );
  });

  it("or(eq, anyEq) over two strings → exactly two clauses, each with its own literal", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const filter = onlyFilter(
          graphQuery({ filter: or(eq("mail", a), anyEq("proxyAddresses", b)), select: ["id"] })
        );

        const expr = parseFilter(filter) as Extract<Expr, { kind: "logical" }>;
        assert.equal(expr.kind, "logical");
        assert.equal(expr.op, "or");
        assert.equal(literalOf((expr.left as Extract<Expr, { kind: "compare" }>).right), a);
        const lambda = expr.right as Extract<Expr, { kind: "lambda" }>;
        assert.equal(lambda.kind, "lambda");
        assert.equal(literalOf((lambda.body as Extract<Expr, { kind: "compare" }>).right), b);
      }),
      { numRuns: 1000 }
    );
  });
});
