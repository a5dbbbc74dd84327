import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { explain } from "../../../api/src/rules/explain.js";

function runExplain(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "api/src/cli/explain.ts", ...args], {
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("explain CLI", () => {
  let scratch: string;
  before(() => (scratch = mkdtempSync(join(tmpdir(), "explain-"))));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const file = (name: string, content: string) => {
    const path = join(scratch, name);
    writeFileSync(path, content);
    return path;
  };

  it("a seed scenario → prints exactly the engine's explanation as JSON, exit 0", () => {
    const path = "examples/scenarios/seed-3a-litigation-hold-shift-delete.json";
    const { code, stdout } = runExplain(path);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), explain(JSON.parse(readFileSync(path, "utf8"))));
  });

  it("--text → the readable timeline", () => {
    const { code, stdout } = runExplain(
      "examples/scenarios/seed-4b-2-year-purge-tag-and-litigation-hold.json",
      "--text"
    );
    assert.equal(code, 0);
    assert.match(
      stdout,
      /2014-03-06 moved to Recoverable Items\\Purges by the 2 Year Purge tag; kept by Litigation Hold until 2015-03-02; then destroyed/
    );
  });

  const bad: [string, () => string[], RegExp, number][] = [
    ["no file", () => [], /^Usage: npm run explain/, 2],
    ["an unknown option", () => ["--json", "x.json"], /Unknown option --json/, 2],
    ["a missing file", () => [join(scratch, "none.json")], /none\.json: no such file/, 1],
    ["invalid JSON", () => [file("broken.json", "{ nope")], /broken\.json: .*JSON/, 1],
    [
      "a bad TimeSpan",
      () => [
        file(
          "span.json",
          JSON.stringify({
            asOf: "2020-01-01T00:00:00Z",
            item: { receivedDateTime: "2019-01-01T00:00:00Z" },
            mailbox: { RetainDeletedItemsFor: "two weeks" },
          })
        ),
      ],
      /span\.json: mailbox\.RetainDeletedItemsFor: expected a TimeSpan/,
      1,
    ],
  ];
  for (const [what, args, message, exitCode] of bad) {
    it(`${what} → one line naming the problem on stderr, exit ${exitCode}, no stack trace`, () => {
      const { code, stdout, stderr } = runExplain(...args());
      assert.equal(code, exitCode);
      assert.equal(stdout, "");
      assert.match(stderr, message);
      assert.equal(stderr.trim().split("\n").length, 1, stderr);
      assert.doesNotMatch(stderr, /\n\s+at /);
    });
  }
});
