// The query layer on both engines: queries, scripts, transactions (commit, rollback, a swallowed
// statement error, use after the end), PGlite's one-at-a-time transactions, and start-up errors.
import assert from "node:assert/strict";
import { join } from "node:path";
import { projectRoot } from "../../../lib/projectRoot.js";
import type { Database, Queryable } from "../../../api/src/db/database.js";
import { openDatabase, resolveDataDir } from "../../../api/src/db/openDatabase.js";
import { describeEachDatabase, testDatabaseUrl } from "../../support/testDatabases.js";

describeEachDatabase(
  "database",
  (current, kind) => {
    let db: Database;
    before(async () => {
      db = current().db;
      await db.query("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)");
    });
    beforeEach(() => db.query("DELETE FROM counter; INSERT INTO counter VALUES (1, 0)"));
    const count = async (q: Queryable = db) =>
      (await q.query<{ n: number }>("SELECT n FROM counter WHERE id = 1"))[0]!.n;

    it(`kind → "${kind}"`, () => {
      assert.equal(db.kind, kind);
    });

    it("query with parameters → typed rows; jsonb parsed, timestamptz a Date, bigint convertible", async () => {
      const [row] = await db.query<{ doc: unknown; at: Date; big: number | string; text: string }>(
        "SELECT $1::jsonb AS doc, $2::timestamptz AS at, $3::bigint AS big, $4::text AS text",
        ['{"b":[1,2],"a":null}', "2025-03-04T05:06:07.089Z", 9007199254740991, "it's; DROP TABLE counter"]
      );
      assert.deepEqual(row?.doc, { a: null, b: [1, 2] });
      assert.equal(row?.at.toISOString(), "2025-03-04T05:06:07.089Z");
      assert.equal(Number(row?.big), 9007199254740991);
      assert.equal(row?.text, "it's; DROP TABLE counter");
    });

    it("a script without parameters → runs every statement and returns the last one's rows", async () => {
      const rows = await db.query<{ n: number }>(
        "UPDATE counter SET n = 5; UPDATE counter SET n = n + 1; SELECT n FROM counter"
      );
      assert.deepEqual(rows, [{ n: 6 }]);
    });

    it("transaction that resolves → committed, its value returned", async () => {
      const value = await db.transaction(async (tx) => {
        await tx.query("UPDATE counter SET n = n + 1 WHERE id = $1", [1]);
        return count(tx);
      });
      assert.equal(value, 1);
      assert.equal(await count(), 1);
    });

    it("transaction that throws → rolled back, the error rethrown, the database still usable", async () => {
      const failure = new Error("stop here");
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query("UPDATE counter SET n = 99");
          throw failure;
        }),
        (err) => err === failure
      );
      assert.equal(await count(), 0);
      await db.transaction((tx) => tx.query("UPDATE counter SET n = 1"));
      assert.equal(await count(), 1);
    });

    it("a failed statement the caller caught → the transaction rejects instead of pretending to commit", async () => {
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query("UPDATE counter SET n = 7");
          await tx.query("INSERT INTO counter VALUES (1, 1)").catch(() => undefined);
        })
      );
      assert.equal(await count(), 0);
    });

    it("a transaction's queryable used after it ended → rejects", async () => {
      let leaked: Queryable | undefined;
      await db.transaction(async (tx) => {
        leaked = tx;
      });
      await assert.rejects(leaked!.query("SELECT 1"), /already ended/);
    });

    it("queries fired together inside one transaction → all run, none lost", async () => {
      await db.transaction(async (tx) => {
        await Promise.all(Array.from({ length: 10 }, () => tx.query("UPDATE counter SET n = n + 1")));
      });
      assert.equal(await count(), 10);
    });

    it("20 concurrent read-modify-write transactions with FOR UPDATE → no lost update", async () => {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          db.transaction(async (tx) => {
            const [row] = await tx.query<{ n: number }>("SELECT n FROM counter WHERE id = 1 FOR UPDATE");
            await tx.query("UPDATE counter SET n = $1 WHERE id = 1", [row!.n + 1]);
          })
        )
      );
      assert.equal(await count(), 20);
    });

    if (kind === "pglite") {
      it("concurrent transactions → run one after another, in call order, never interleaved", async () => {
        const events: string[] = [];
        const work = (name: string) =>
          db.transaction(async (tx) => {
            events.push(`${name} begins`);
            // Without serialization, the other transactions would start while this one awaits.
            const n = await count(tx);
            await tx.query("UPDATE counter SET n = $1", [n + 1]);
            events.push(`${name} ends`);
          });
        await Promise.all([work("a"), work("b"), work("c")]);
        assert.deepEqual(events, ["a begins", "a ends", "b begins", "b ends", "c begins", "c ends"]);
        assert.equal(await count(), 3);
      });
    }

    if (kind === "postgres") {
      it("more failing transactions than pooled connections → each connection returns to the pool", async () => {
        const attempts = Array.from({ length: 25 }, () =>
          db.transaction((tx) => tx.query("SELECT 1 / 0")).catch((err: Error) => err.message)
        );
        assert.deepEqual(new Set(await Promise.all(attempts)), new Set(["division by zero"]));
        assert.equal(await count(), 0);
      });

      it("a second pool on the same database → sees what the first committed", async () => {
        const other = await openDatabase(current().settings);
        try {
          await db.query("UPDATE counter SET n = 42");
          assert.equal(await count(other), 42);
        } finally {
          await other.close();
        }
      });
    }
  },
  { migrated: false }
);

describe("openDatabase", () => {
  it("PostgreSQL URL that cannot connect → rejects naming the server, never the password", async () => {
    const url = new URL(testDatabaseUrl);
    url.password = "s3cret-pw";
    url.port = "1";
    await assert.rejects(openDatabase({ databaseUrl: url.toString(), dataDir: "unused" }), (err: Error) => {
      assert.ok(err.message.startsWith("Cannot connect to PostgreSQL at postgres://"), err.message);
      assert.ok(err.message.includes(`@${url.hostname}:1/`), err.message);
      assert.doesNotMatch(err.message, /s3cret-pw/);
      return true;
    });
  });

  it("resolveDataDir → relative folders sit under the project root, absolute ones are kept", () => {
    assert.equal(resolveDataDir(".data/pglite"), join(projectRoot, ".data/pglite"));
    assert.equal(resolveDataDir("/var/lib/lens"), "/var/lib/lens");
  });
});
