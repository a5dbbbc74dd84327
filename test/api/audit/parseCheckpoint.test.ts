// parseCheckpoint: the SEQ:HASH form shared by audit:verify --checkpoint and GET /api/audit/verify.
import assert from "node:assert/strict";
import { parseCheckpoint } from "../../../api/src/audit/parseCheckpoint.js";

const hash = "0123456789abcdef".repeat(4);

describe("parseCheckpoint", () => {
  it("SEQ:HASH → the seq as a number and the hash", () => {
    assert.deepEqual(parseCheckpoint(`1200:${hash}`), { seq: 1200, hash });
  });

  it("a hash in upper case → lower case, as stored", () => {
    assert.deepEqual(parseCheckpoint(`3:${hash.toUpperCase()}`), { seq: 3, hash });
  });

  const invalid: [string, string][] = [
    ["seq 0", `0:${hash}`],
    ["a negative seq", `-1:${hash}`],
    ["a seq beyond the safe integers", `9007199254740993:${hash}`],
    ["a short hash", `1:${hash.slice(1)}`],
    ["a long hash", `1:${hash}0`],
    ["a non-hex hash", `1:${hash.slice(1)}g`],
    ["no seq", `:${hash}`],
    ["no colon", `1${hash}`],
    ["spaces around", ` 1:${hash} `],
    ["an empty text", ""],
  ];
  for (const [what, text] of invalid) {
    it(`${what} → undefined`, () => {
      assert.equal(parseCheckpoint(text), undefined);
    });
  }
});
