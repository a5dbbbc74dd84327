import assert from "node:assert/strict";
import fc from "fast-check";
import { canonicalJson } from "../../../api/src/audit/canonicalJson.js";

describe("canonicalJson", () => {
  it("an object → keys sorted at every depth, no whitespace", () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: "x" } };
    assert.equal(canonicalJson(value), '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it("keys → ordered by UTF-16 code units, whatever the insertion order", () => {
    assert.equal(
      canonicalJson({ b: 1, B: 2, "": 3, é: 4, a1: 5, a: 6 }),
      '{"":3,"B":2,"a":6,"a1":5,"b":1,"é":4}'
    );
  });

  it("numbers → JSON's shortest form: 1.0 is 1, -0 is 0, large and tiny ones in exponent form", () => {
    assert.equal(
      canonicalJson([1.0, -0, 0.1 + 0.2, 1e21, 5e-324, -12.5]),
      "[1,0,0.30000000000000004,1e+21,5e-324,-12.5]"
    );
  });

  it("strings → JSON escapes for quotes, backslashes and control characters, CR/LF included", () => {
    assert.equal(canonicalJson('a"b\\c\r\nd\u001b'), '"a\\"b\\\\c\\r\\nd\\u001b"');
  });

  it("a Date → its ISO 8601 UTC form with milliseconds, wherever it is", () => {
    const at = new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6));
    assert.equal(
      canonicalJson({ at, list: [at] }),
      '{"at":"2025-01-02T03:04:05.006Z","list":["2025-01-02T03:04:05.006Z"]}'
    );
  });

  it("undefined → property left out, array element null (as JSON and jsonb do)", () => {
    assert.equal(canonicalJson({ a: undefined, b: [undefined, 1] }), '{"b":[null,1]}');
  });

  it("an object with toJSON → serialized through it", () => {
    const url = new URL("https://contoso.com/a?b=1");
    assert.equal(canonicalJson({ url }), '{"url":"https://contoso.com/a?b=1"}');
  });

  it("an object without a prototype → like a plain object", () => {
    const bare = Object.assign(Object.create(null) as object, { b: 2, a: 1 });
    assert.equal(canonicalJson(bare), '{"a":1,"b":2}');
  });

  const unrepresentable: [string, () => unknown, RegExp][] = [
    ["NaN", () => ({ n: NaN }), /\$\.n: NaN has no JSON form/],
    ["Infinity", () => [Infinity], /\$\[0\]: Infinity has no JSON form/],
    ["a bigint", () => ({ n: 1n }), /\$\.n: a bigint has no JSON form/],
    ["a function", () => ({ f: () => 1 }), /a function has no JSON form/],
    ["a symbol", () => Symbol("s"), /a symbol has no JSON form/],
    ["undefined itself", () => undefined, /^\$: undefined has no JSON form$/],
    ["an invalid Date", () => ({ at: new Date("nope") }), /\$\.at: an invalid Date has no JSON form/],
    ["a Map", () => ({ m: new Map([["a", 1]]) }), /\$\.m: a Map has no JSON form/],
    ["a Set", () => ({ s: new Set([1]) }), /a Set has no JSON form/],
  ];
  for (const [what, value, message] of unrepresentable) {
    it(`${what} → TypeError naming where it is`, () => {
      assert.throws(
        () => canonicalJson(value()),
        (err: Error) => err instanceof TypeError && message.test(err.message)
      );
    });
  }

  it("a cycle → TypeError; the same object twice without a cycle → fine", () => {
    const shared = { x: 1 };
    assert.equal(canonicalJson({ a: shared, b: shared }), '{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(() => canonicalJson(cyclic), /\$\.self: a cycle has no JSON form/);
  });

  it("any JSON value → valid JSON that parses back to an equal value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assert.deepEqual(JSON.parse(canonicalJson(value)), JSON.parse(JSON.stringify(value)));
      })
    );
  });

  it("any JSON value → stable across a parse round trip and key reordering (what jsonb does)", () => {
    const reorder = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reorder);
      if (value && typeof value === "object") {
        return Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reorder(v)])
        );
      }
      return value;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        assert.equal(canonicalJson(JSON.parse(text)), text);
        assert.equal(canonicalJson(reorder(value)), text);
      })
    );
  });
});
