// Migrations on both engines: applied in order and once, even when two API instances start together;
// a failing one leaves nothing behind; an applied one that was edited is refused.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "../../../api/src/db/database.js";
import { loadMigrations, migrate, type Migration } from "../../../api/src/db/migrate.js";
import { openDatabase } from "../../../api/src/db/openDatabase.js";
import { describeEachDatabase } from "../../support/testDatabases.js";

const tableExists = async (db: Database, name: string) =>
  (await db.query<{ found: string | null }>("SELECT to_regclass($1)::text AS found", [name]))[0]?.found ===
  name;

const appliedVersions = async (db: Database) =>
  (await db.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version")).map(
    (row) => row.version
  );

describeEachDatabase(
  "migrate",
  (current, kind) => {
    let db: Database;
    before(() => (db = current().db));
    const shipped = loadMigrations();
    const shippedVersions = shipped.map((m) => m.version);
    /** Test migrations are numbered after the shipped ones: `extra(1, ...)` is the first after them. */
    const last = shippedVersions.at(-1)!;
    const extra = (n: number, name: string, sql: string): Migration => {
      const version = last + n;
      return { version, name: `${String(version).padStart(3, "0")}_${name}.sql`, sql };
    };

    it("fresh database, two instances migrating at once → every migration applied exactly once", async () => {
      // PostgreSQL: two pools, as two API instances would have; PGlite has one connection per folder.
      const other = kind === "postgres" ? await openDatabase(current().settings) : db;
      try {
        const [first, second] = await Promise.all([migrate(db), migrate(other)]);
        assert.deepEqual([...first, ...second].sort(), shipped.map((m) => m.name).sort());
      } finally {
        if (other !== db) await other.close();
      }
      assert.deepEqual(await appliedVersions(db), shippedVersions);
      assert.ok(await tableExists(db, "audit_log"));
      assert.ok(await tableExists(db, "audit_head"));
    });

    it("already up to date → applies nothing and changes nothing", async () => {
      assert.deepEqual(await migrate(db), []);
      assert.deepEqual(await appliedVersions(db), shippedVersions);
      assert.deepEqual(await db.query("SELECT seq, hash FROM audit_head"), [
        { seq: kind === "postgres" ? "0" : 0, hash: "0".repeat(64) },
      ]);
    });

    it("a new migration → only it is applied, in order after the others", async () => {
      const applied = await migrate(db, [
        ...shipped,
        extra(2, "later", "CREATE TABLE later (id int);"),
        extra(1, "sooner", "CREATE TABLE sooner (id int); CREATE TABLE sooner_too (id int);"),
      ]);
      assert.deepEqual(applied, [extra(2, "later", "").name, extra(1, "sooner", "").name]);
      assert.deepEqual(await appliedVersions(db), [...shippedVersions, last + 1, last + 2]);
      assert.ok(await tableExists(db, "sooner_too"));
    });

    it("a failing migration → rolled back entirely, named in the error, retried next time", async () => {
      const broken = extra(3, "broken", "CREATE TABLE half_done (id int); SELECT 1 / 0;");
      await assert.rejects(migrate(db, [...shipped, broken]), (err: Error) =>
        err.message.startsWith(`Migration ${broken.name} failed: division by zero`)
      );
      assert.equal(await tableExists(db, "half_done"), false);
      assert.deepEqual(await appliedVersions(db), [...shippedVersions, last + 1, last + 2]);
      const fixed = extra(3, "broken", "CREATE TABLE half_done (id int);");
      assert.deepEqual(await migrate(db, [...shipped, fixed]), [broken.name]);
    });

    it("an applied migration whose file was edited → refused, naming it", async () => {
      const edited = shipped.map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
      await assert.rejects(
        migrate(db, edited),
        /Migration 001_audit_log\.sql was changed after it was applied/
      );
    });

    it("the same file with CRLF line endings → not taken for an edit", async () => {
      const crlf = shipped.map((m) => ({ ...m, sql: m.sql.replace(/\n/g, "\r\n") }));
      assert.deepEqual(await migrate(db, crlf), []);
    });
  },
  { migrated: false }
);

describe("loadMigrations", () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), "migrations-"))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("the shipped folder → numbered from 001, in order, starting with the audit log", () => {
    const migrations = loadMigrations();
    assert.equal(migrations[0]?.name, "001_audit_log.sql");
    assert.deepEqual(
      migrations.map((m) => m.version),
      migrations.map((_, i) => i + 1)
    );
  });

  it("files out of order on disk → sorted by number; other files ignored", () => {
    writeFileSync(join(folder, "010_ten.sql"), "SELECT 10;");
    writeFileSync(join(folder, "002_two.sql"), "SELECT 2;");
    writeFileSync(join(folder, "README.md"), "notes");
    assert.deepEqual(
      loadMigrations(folder).map((m) => [m.version, m.name, m.sql]),
      [
        [2, "002_two.sql", "SELECT 2;"],
        [10, "010_ten.sql", "SELECT 10;"],
      ]
    );
  });

  it("a badly named file → error naming it", () => {
    writeFileSync(join(folder, "2_two.sql"), "SELECT 2;");
    assert.throws(
      () => loadMigrations(folder),
      /Migration 2_two\.sql: expected a name such as 001_audit_log\.sql/
    );
  });

  it("two files with one number → error naming both", () => {
    writeFileSync(join(folder, "002_a.sql"), "SELECT 1;");
    writeFileSync(join(folder, "002_b.sql"), "SELECT 2;");
    assert.throws(() => loadMigrations(folder), /002_a\.sql and 002_b\.sql share the number 2/);
  });
});
