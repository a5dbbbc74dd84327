// The OData filter and query builder: literals with doubled quotes, safe property names, one
// percent-encoding of each whole value ("+" → %2B), and the structure of the expressions it joins.
import assert from "node:assert/strict";
import {
  and,
  anyEq,
  eq,
  expandFiltered,
  graphQuery,
  literal,
  ODataQueryError,
  or,
  pathSegment,
  property,
} from "../../../api/src/graph/odataFilter.js";

describe("odataFilter", () => {
  describe("literal", () => {
    it("a string with quotes → quoted, each quote doubled", () => {
      assert.equal(literal("it's Bob's"), "'it''s Bob''s'");
    });

    it("numbers, booleans and null → OData's own spelling", () => {
      assert.deepEqual(
        [literal(12), literal(-1.5), literal(true), literal(false), literal(null)],
        ["12", "-1.5", "true", "false", "null"]
      );
    });

    it("a lone surrogate or a number that is not finite → refused", () => {
      assert.throws(() => literal("a\uD800b"), ODataQueryError);
      assert.throws(() => literal(Number.NaN), ODataQueryError);
      assert.throws(() => literal(Number.POSITIVE_INFINITY), ODataQueryError);
    });

    it("a well-formed astral character → kept", () => {
      assert.equal(literal("😀"), "'😀'");
    });
  });

  describe("property", () => {
    it("identifiers and paths → accepted unchanged", () => {
      assert.equal(property("internetMessageId"), "internetMessageId");
      assert.equal(property("from/emailAddress/address"), "from/emailAddress/address");
    });

    it("anything that could change a query's structure → refused", () => {
      for (const bad of [
        "",
        "mail eq 'x' or id",
        "a)",
        "a'",
        "a b",
        "or",
        "EQ",
        "any",
        "x/",
        "/x",
        "1abc",
        "a&b",
      ])
        assert.throws(() => property(bad), ODataQueryError, bad);
    });
  });

  describe("eq / anyEq / or / and", () => {
    it("eq → property eq literal", () => {
      assert.equal(eq("internetMessageId", "<a'b@x>").text, "internetMessageId eq '<a''b@x>'");
    });

    it("anyEq → a lambda over the collection", () => {
      assert.equal(
        anyEq("proxyAddresses", "smtp:o'neil@contoso.com").text,
        "proxyAddresses/any(x:x eq 'smtp:o''neil@contoso.com')"
      );
    });

    it("or of comparisons → joined without parentheses (as Graph's $expand filter wants)", () => {
      assert.equal(
        or(eq("id", "Binary 0x3019"), eq("id", "Integer 0x301A")).text,
        "id eq 'Binary 0x3019' or id eq 'Integer 0x301A'"
      );
    });

    it("and over an or → the or in parentheses", () => {
      assert.equal(and(eq("a", 1), or(eq("b", 2), eq("c", 3))).text, "a eq 1 and (b eq 2 or c eq 3)");
    });

    it("one operand → that expression itself; none → refused", () => {
      const one = eq("a", 1);
      assert.equal(or(one), one);
      assert.throws(() => or(), ODataQueryError);
    });
  });

  describe("graphQuery", () => {
    it("a filter value → encoded once, + as %2B and no raw reserved characters", () => {
      const query = graphQuery({ filter: eq("internetMessageId", "<a+b&c#d%e/f g=h?@x>") });

      assert.equal(query, "?$filter=internetMessageId%20eq%20'%3Ca%2Bb%26c%23d%25e%2Ff%20g%3Dh%3F%40x%3E'");
      assert.equal(
        new URLSearchParams(query.slice(1)).get("$filter"),
        "internetMessageId eq '<a+b&c#d%e/f g=h?@x>'"
      );
    });

    it("select, expand, top and count → one parameter each, in that order", () => {
      const query = graphQuery({
        filter: eq("isRead", false),
        select: ["id", "subject"],
        expand: [
          expandFiltered(
            "singleValueExtendedProperties",
            or(eq("id", "Binary 0x3019"), eq("id", "Integer 0x301A"))
          ),
        ],
        top: 50,
        count: true,
      });

      const params = new URLSearchParams(query.slice(1));
      assert.deepEqual([...params.keys()], ["$filter", "$select", "$expand", "$top", "$count"]);
      assert.equal(params.get("$select"), "id,subject");
      assert.equal(
        params.get("$expand"),
        "singleValueExtendedProperties($filter=id eq 'Binary 0x3019' or id eq 'Integer 0x301A')"
      );
      assert.equal(params.get("$top"), "50");
    });

    it("nothing asked → an empty string", () => {
      assert.equal(graphQuery({}), "");
    });

    it("a bad $select name, expand name or $top → refused", () => {
      assert.throws(() => graphQuery({ select: ["id,subject"] }), ODataQueryError);
      assert.throws(() => graphQuery({ expand: ["a(b)"] }), ODataQueryError);
      for (const top of [0, 1001, 2.5]) assert.throws(() => graphQuery({ top }), ODataQueryError);
    });
  });

  describe("pathSegment", () => {
    it("an Exchange id with + / = → one encoded segment", () => {
      assert.equal(pathSegment("AAMkAGI2+ab/cd=="), "AAMkAGI2%2Bab%2Fcd%3D%3D");
      assert.equal(pathSegment("ann@contoso.com"), "ann%40contoso.com");
    });

    it("empty, . or .. → refused (they would change the path)", () => {
      for (const bad of ["", ".", ".."]) assert.throws(() => pathSegment(bad), ODataQueryError);
    });
  });
});
