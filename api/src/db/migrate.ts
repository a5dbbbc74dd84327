// Brings the schema up to date at start-up: the numbered SQL files in ./migrations are applied in order,
// each in its own transaction, and recorded in schema_migrations so each runs once. API instances that
// start together queue on an advisory lock, so only one of them applies a given migration.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Database, Queryable } from "./database.js";

export interface Migration {
  /** The file's number: 1 for 001_audit_log.sql. */
  version: number;
  /** The file name, e.g. 001_audit_log.sql. */
  name: string;
  sql: string;
}

const migrationsFolder = fileURLToPath(new URL("./migrations/", import.meta.url));
const fileName = /^(\d{3})_[a-z0-9_]+\.sql$/;

/**
 * An arbitrary key, the same in every instance of the API: `pg_advisory_xact_lock` on it serializes
 * migrations database-wide and is released by COMMIT or ROLLBACK, even when a process dies mid-way.
 */
const migrationLockKey = 4_821_406_731_902_117;

/** Reads the migrations folder (or another folder, for tests), ordered by number. */
export function loadMigrations(folder = migrationsFolder): Migration[] {
  const migrations = readdirSync(folder)
    .filter((name) => name.endsWith(".sql"))
    .map((name) => {
      const match = fileName.exec(name);
      if (!match) throw new Error(`Migration ${name}: expected a name such as 001_audit_log.sql`);
      return { version: Number(match[1]), name, sql: readFileSync(`${folder}/${name}`, "utf8") };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, i) => {
    if (i > 0 && migrations[i - 1]!.version === migration.version) {
      throw new Error(
        `Migrations ${migrations[i - 1]!.name} and ${migration.name} share the number ${migration.version}`
      );
    }
  });
  return migrations;
}

/**
 * Applies the migrations that have not run yet and returns their names. A migration that fails is
 * rolled back entirely and stops the rest; one whose file changed after it was applied is an error.
 * @example await migrate(db); // at start-up, before serving requests
 */
export async function migrate(db: Database, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction((tx) => applyOnce(tx, migration));
    if (ran) applied.push(migration.name);
  }
  return applied;
}

async function applyOnce(tx: Queryable, migration: Migration): Promise<boolean> {
  await tx.query("SELECT pg_advisory_xact_lock($1)", [migrationLockKey]);
  // Created under the lock: two concurrent CREATE TABLE IF NOT EXISTS can still collide.
  await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const checksum = checksumOf(migration.sql);
  const [done] = await tx.query<{ name: string; checksum: string }>(
    "SELECT name, checksum FROM schema_migrations WHERE version = $1",
    [migration.version]
  );
  if (done) {
    if (done.checksum !== checksum) {
      throw new Error(
        `Migration ${migration.name} was changed after it was applied (as ${done.name}); ` +
          "add a new migration instead of editing an applied one"
      );
    }
    return false;
  }
  try {
    await tx.query(migration.sql);
  } catch (err) {
    throw new Error(`Migration ${migration.name} failed: ${(err as Error).message}`, { cause: err });
  }
  await tx.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
    migration.version,
    migration.name,
    checksum,
  ]);
  return true;
}

/** Line endings are normalized so a checkout with CRLF does not look like an edited migration. */
function checksumOf(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}
