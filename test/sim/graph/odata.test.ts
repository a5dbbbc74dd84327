// Unit tests of sim's OData $filter subset: the parser (literals with doubled quotes, precedence,
// functions, lambda operators, positions in syntax errors) and the evaluator (case-insensitive strings,
// instants compared by time, null, nested paths, any/all).
import assert from "node:assert/strict";
import { matchesFilter } from "../../../sim/src/graph/odata/evaluateFilter.js";
import {
  FilterSyntaxError,
  parseFilter,
  propertiesRead,
  type Expr,
} from "../../../sim/src/graph/odata/filterSyntax.js";

const path = (...segments: string[]): Expr => ({ kind: "path", segments });
const literal = (value: string | number | boolean | null): Expr => ({ kind: "literal", value });
const eq = (left: Expr, right: Expr): Expr => ({ kind: "compare", op: "eq", left, right });

describe("sim OData: parseFilter", () => {
  it("a comparison → compare(path, string literal)", () => {
    assert.deepEqual(parseFilter("mail eq 'a@contoso.com'"), eq(path("mail"), literal("a@contoso.com")));
  });

  it("a literal with a doubled single quote → one quote in the value", () => {
    assert.deepEqual(
      parseFilter("subject eq 'let''s meet for lunch?'"),
      eq(path("subject"), literal("let's meet for lunch?"))
    );
  });

  it("a Message-ID literal with + & # / % and a doubled quote → kept verbatim", () => {
    const expr = parseFilter("internetMessageId eq '<o''brien+q3&fy#26/50%off@contoso.com>'");

    assert.deepEqual(expr, eq(path("internetMessageId"), literal("<o'brien+q3&fy#26/50%off@contoso.com>")));
  });

  it("an empty literal and a literal of only doubled quotes → '' and '", () => {
    assert.deepEqual(parseFilter("subject eq ''"), eq(path("subject"), literal("")));
    assert.deepEqual(parseFilter("subject eq ''''"), eq(path("subject"), literal("'")));
  });

  it("or and and → and binds tighter", () => {
    const expr = parseFilter("a eq 1 or b eq 2 and c eq 3");

    assert.deepEqual(expr, {
      kind: "logical",
      op: "or",
      left: eq(path("a"), literal(1)),
      right: {
        kind: "logical",
        op: "and",
        left: eq(path("b"), literal(2)),
        right: eq(path("c"), literal(3)),
      },
    });
  });

  it("parentheses → override precedence", () => {
    const expr = parseFilter("(a eq 1 or b eq 2) and c eq 3");

    assert.equal(expr.kind, "logical");
    assert.equal(expr.kind === "logical" && expr.op, "and");
    assert.equal(expr.kind === "logical" && expr.left.kind === "logical" && expr.left.op, "or");
  });

  it("not (…) and … → not applies to the parenthesised comparison only", () => {
    const expr = parseFilter("not (isRead eq true) and importance eq 'high'");

    assert.deepEqual(expr, {
      kind: "logical",
      op: "and",
      left: { kind: "not", operand: eq(path("isRead"), literal(true)) },
      right: eq(path("importance"), literal("high")),
    });
  });

  it("numbers, booleans, null and ISO instants → typed literals", () => {
    assert.deepEqual(parseFilter("x eq -12.5"), eq(path("x"), literal(-12.5)));
    assert.deepEqual(parseFilter("x eq false"), eq(path("x"), literal(false)));
    assert.deepEqual(parseFilter("mail eq null"), eq(path("mail"), literal(null)));
    assert.deepEqual(parseFilter("receivedDateTime ge 2024-01-31T08:00:00Z"), {
      kind: "compare",
      op: "ge",
      left: path("receivedDateTime"),
      right: literal("2024-01-31T08:00:00Z"),
    });
  });

  it("a navigation path → its segments", () => {
    assert.deepEqual(
      parseFilter("from/emailAddress/address eq 'x@y.z'"),
      eq(path("from", "emailAddress", "address"), literal("x@y.z"))
    );
  });

  it("startswith(property, 'x') → a call with two arguments", () => {
    assert.deepEqual(parseFilter("startswith(displayName,'Ad')"), {
      kind: "call",
      name: "startswith",
      args: [path("displayName"), literal("Ad")],
    });
  });

  it("proxyAddresses/any(x:x eq 'smtp:…') → a lambda over the collection with its variable", () => {
    assert.deepEqual(parseFilter("proxyAddresses/any(x:x eq 'smtp:adele@contoso.com')"), {
      kind: "lambda",
      collection: ["proxyAddresses"],
      quantifier: "any",
      variable: "x",
      body: eq(path("x"), literal("smtp:adele@contoso.com")),
    });
  });

  it("Any with a capital A and spaces (Graph's extended-property form) → the same lambda", () => {
    const expr = parseFilter(
      "singleValueExtendedProperties/Any(ep: ep/id eq 'String 0x1042' and ep/value eq '<a@b>')"
    );

    assert.equal(expr.kind, "lambda");
    assert.equal(expr.kind === "lambda" && expr.quantifier, "any");
    assert.equal(expr.kind === "lambda" && expr.variable, "ep");
  });

  for (const [text, position] of [
    ["internetMessageId eq 'unterminated", /position 21/],
    ["mail eq", /position 7/],
    ["(mail eq 'a'", /'\)' expected/],
    ["mail eq 'a' 'b'", /unexpected 'b' at position 12/],
    ["mail eq 'a' and", /position 15/],
    ["mail eq #", /character '#' is not valid at position 8/],
    ["eq 'a'", /unexpected 'eq' at position 0/],
    ["startswith(mail)", /2 arguments/],
    ["proxyAddresses/any(x x eq 'a')", /':' expected/],
    ["", /expression expected/],
  ] as const) {
    it(`${JSON.stringify(text)} → FilterSyntaxError (${position.source})`, () => {
      assert.throws(
        () => parseFilter(text),
        (err: unknown) => err instanceof FilterSyntaxError && position.test(err.message)
      );
    });
  }

  it("propertiesRead → top-level properties, lambda variables excluded", () => {
    const expr = parseFilter(
      "proxyAddresses/any(x:startswith(x,'smtp:')) or mail eq 'a' and from/emailAddress/address eq 'b'"
    );

    assert.deepEqual(propertiesRead(expr), ["proxyAddresses", "mail", "from"]);
  });
});

describe("sim OData: matchesFilter", () => {
  const matches = (filter: string, resource: Record<string, unknown>) =>
    matchesFilter(parseFilter(filter), resource);

  const message = {
    internetMessageId: "<Demo-Phish-0001@Fabrikam.com>",
    subject: "Action required",
    isRead: false,
    importance: "high",
    receivedDateTime: "2023-12-31T23:30:00Z",
    from: { emailAddress: { name: "Payroll", address: "payroll@fabrikam.com" } },
    categories: [] as string[],
    singleValueExtendedProperties: [
      { id: "String 0x1042", value: "<parent@contoso.com>" },
      { id: "Integer 0x301a", value: "7" },
    ],
  };
  const user = {
    mail: "adele.vance@contoso.com",
    proxyAddresses: ["SMTP:adele.vance@contoso.com", "smtp:adele@contoso.com"],
    jobTitle: null,
  };

  it("eq on strings → ignores case", () => {
    assert.equal(matches("internetMessageId eq '<demo-phish-0001@fabrikam.com>'", message), true);
    assert.equal(matches("internetMessageId eq '<demo-phish-0002@fabrikam.com>'", message), false);
  });

  it("ne → the opposite of eq; on a missing property → true", () => {
    assert.equal(matches("importance ne 'high'", message), false);
    assert.equal(matches("importance ne 'low'", message), true);
    assert.equal(matches("nonexistent ne 'x'", message), true);
    assert.equal(matches("nonexistent eq 'x'", message), false);
  });

  it("eq null → true for null and missing properties, false for a value", () => {
    assert.equal(matches("jobTitle eq null", user), true);
    assert.equal(matches("department eq null", user), true);
    assert.equal(matches("mail eq null", user), false);
    assert.equal(matches("mail ne null", user), true);
  });

  it("instants → compared by time, not as text (offsets honoured)", () => {
    // 2024-01-01T00:00:00+01:00 is 2023-12-31T23:00:00Z, before the message; as text it sorts after.
    assert.equal(matches("receivedDateTime ge 2024-01-01T00:00:00+01:00", message), true);
    assert.equal(matches("receivedDateTime lt 2023-12-31T23:30:00Z", message), false);
    assert.equal(matches("receivedDateTime le 2023-12-31T23:30:00Z", message), true);
  });

  it("booleans and numbers → compared by value", () => {
    assert.equal(matches("isRead eq false", message), true);
    assert.equal(matches("isRead eq true", message), false);
    assert.equal(matches("n gt 2 and n lt 4", { n: 3 }), true);
    assert.equal(matches("n gt 3", { n: 3 }), false);
  });

  it("and / or / not → boolean logic", () => {
    assert.equal(matches("isRead eq true or importance eq 'high'", message), true);
    assert.equal(matches("isRead eq true and importance eq 'high'", message), false);
    assert.equal(matches("not (isRead eq true)", message), true);
  });

  it("a navigation path → reads the nested value", () => {
    assert.equal(matches("from/emailAddress/address eq 'PAYROLL@fabrikam.com'", message), true);
    assert.equal(matches("from/emailAddress/nothing eq 'x'", message), false);
  });

  it("startswith / endswith / contains → case-insensitive", () => {
    assert.equal(matches("startswith(subject,'action')", message), true);
    assert.equal(matches("endswith(mail,'@CONTOSO.COM')", user), true);
    assert.equal(matches("contains(subject,'REQUIRED')", message), true);
    assert.equal(matches("startswith(subject,'required')", message), false);
  });

  it("proxyAddresses/any(x:x eq 'smtp:…') → true when one address matches", () => {
    assert.equal(matches("proxyAddresses/any(x:x eq 'smtp:adele@contoso.com')", user), true);
    assert.equal(matches("proxyAddresses/any(x:x eq 'smtp:adele@fabrikam.com')", user), false);
  });

  it("all(…) → true only when every element matches; any/all over an empty collection → false / true", () => {
    assert.equal(matches("proxyAddresses/all(x:endswith(x,'contoso.com'))", user), true);
    assert.equal(matches("proxyAddresses/all(x:startswith(x,'SMTP:adele.'))", user), false);
    assert.equal(matches("categories/any(c:c eq 'Red')", message), false);
    assert.equal(matches("categories/all(c:c eq 'Red')", message), true);
  });

  it("a lambda over extended properties with and → the property with that id and value", () => {
    assert.equal(
      matches(
        "singleValueExtendedProperties/Any(ep: ep/id eq 'String 0x1042' and ep/value eq '<parent@contoso.com>')",
        message
      ),
      true
    );
    // The id and the value must belong to the same element.
    assert.equal(
      matches("singleValueExtendedProperties/Any(ep: ep/id eq 'String 0x1042' and ep/value eq '7')", message),
      false
    );
  });

  it("a lambda over a property that is not a collection → false", () => {
    assert.equal(matches("mail/any(x:x eq 'adele.vance@contoso.com')", user), false);
  });
});
