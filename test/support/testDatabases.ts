// Runs database tests against both engines the API supports: PGlite in a throwaway folder, and a
// throwaway schema in the PostgreSQL at TEST_DATABASE_URL (skipped with a notice when it is not
// running, failed under CI=true). Each suite gets its own database, removed afterwards.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Database, DatabaseKind, Queryable } from "../../api/src/db/database.js";
import { migrate } from "../../api/src/db/migrate.js";
import { openDatabase, type DatabaseSettings } from "../../api/src/db/openDatabase.js";
import { requireOrSkip } from "./environment.js";

export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestDatabase {
  kind: DatabaseKind;
  /** The suite's open database (tests may close it and put another in its place). */
  db: Database;
  /** Opens the same database again: for PostgreSQL a second pool, like a second API instance. */
  settings: DatabaseSettings;
  /** What a child process needs to open this database (DATABASE_URL or DATA_DIR). */
  env: { DATABASE_URL?: string; DATA_DIR?: string };
}

/**
 * Declares `title` twice, once per engine; `body` reads the suite's database through `current()`
 * (available from the suite's first hook on). With `migrated` (the default) the schema is up to date
 * before the first test.
 */
export function describeEachDatabase(
  title: string,
  body: (current: () => TestDatabase, kind: DatabaseKind) => void,
  options: { migrated?: boolean } = {}
): void {
  for (const kind of ["pglite", "postgres"] as const) {
    describe(`${title} (${kind === "pglite" ? "PGlite" : "PostgreSQL"})`, function () {
      let target: TestDatabase | undefined;
      let dispose = async () => {};
      before(async function () {
        if (kind === "postgres") {
          requireOrSkip(
            this,
            await postgresAvailable(),
            `PostgreSQL at ${shownUrl()} (set TEST_DATABASE_URL)`
          );
        }
        ({ target, dispose } = kind === "pglite" ? await pgliteDatabase() : await postgresSchema());
        if (options.migrated ?? true) await migrate(target.db);
      });
      after(async () => {
        await target?.db.close();
        await dispose();
      });
      body(() => target!, kind);
    });
  }
}

/** TEST_DATABASE_URL without its password, for messages. */
function shownUrl(): string {
  const url = new URL(testDatabaseUrl);
  if (url.password) url.password = "***";
  return url.toString();
}

let available: Promise<boolean> | undefined;

function postgresAvailable(): Promise<boolean> {
  available ??= (async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return available;
}

/** A fresh schema; the URL's `options` make it every connection's search_path. */
/**
 * A throwaway schema in the PostgreSQL at TEST_DATABASE_URL, for suites that need PostgreSQL itself
 * (several API processes on one database); call from a `before` hook: skips (or fails in CI) without it.
 */
export async function throwawayPostgres(
  context: Mocha.Context
): Promise<{ target: TestDatabase; dispose: () => Promise<void> }> {
  requireOrSkip(context, await postgresAvailable(), `PostgreSQL at ${shownUrl()} (set TEST_DATABASE_URL)`);
  return postgresSchema();
}

async function postgresSchema(): Promise<{ target: TestDatabase; dispose: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(testDatabaseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const settings = { databaseUrl: url.toString(), dataDir: "unused" };
  return {
    target: {
      kind: "postgres",
      db: await openDatabase(settings),
      settings,
      env: { DATABASE_URL: settings.databaseUrl },
    },
    dispose: () => admin(`DROP SCHEMA ${schema} CASCADE`),
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let template: string | undefined;

/**
 * A copy of a freshly initialised PGlite folder: creating one takes seconds (initdb), copying and
 * opening it a fraction of that, so the first suite pays for the template and the others copy it.
 */
export async function pgliteDatabase(): Promise<{ target: TestDatabase; dispose: () => Promise<void> }> {
  if (!template) {
    const folder = mkdtempSync(join(tmpdir(), "pglite-template-"));
    process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
    const fresh = await PGlite.create({ dataDir: join(folder, "data") });
    await fresh.close();
    template = join(folder, "data");
  }
  const folder = mkdtempSync(join(tmpdir(), "pglite-test-"));
  const dataDir = join(folder, "data");
  cpSync(template, dataDir, { recursive: true });
  const settings = { dataDir };
  return {
    target: { kind: "pglite", db: await openDatabase(settings), settings, env: { DATA_DIR: dataDir } },
    dispose: async () => rmSync(folder, { recursive: true, force: true }),
  };
}

/**
 * Runs `sql` with triggers switched off for this transaction only, as someone with full control of the
 * database could: how the tests tamper with the audit log behind its guards.
 */
export function bypassingTriggers(db: Database, ...statements: string[]): Promise<void> {
  return db.transaction(async (tx: Queryable) => {
    await tx.query("SET LOCAL session_replication_role = replica");
    for (const sql of statements) await tx.query(sql);
  });
}
