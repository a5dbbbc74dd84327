// Opens the API's database: PostgreSQL when a connection URL is configured (production, any number of
// API instances), otherwise the embedded PGlite in a data folder (one instance).
import { isAbsolute, resolve } from "node:path";
import { projectRoot } from "../../../lib/projectRoot.js";
import type { Database } from "./database.js";
import { openPostgres, type PostgresOptions } from "./postgresDatabase.js";

export interface DatabaseSettings extends PostgresOptions {
  /** postgres://... (DATABASE_URL); when absent, PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PGlite's folder (DATA_DIR), created if missing; a relative path is relative to the project root. */
  dataDir: string;
}

/**
 * @example const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
 */
export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  if (settings.databaseUrl) return openPostgres(settings.databaseUrl, settings);
  // Loaded only when used: PGlite's WebAssembly build costs about 50 MB of memory on PostgreSQL too.
  const { openPglite } = await import("./pgliteDatabase.js");
  return openPglite(resolveDataDir(settings.dataDir));
}

/** DATA_DIR as an absolute path: relative ones are relative to the project root, not the working folder. */
export function resolveDataDir(dataDir: string): string {
  return isAbsolute(dataDir) ? dataDir : resolve(projectRoot, dataDir);
}
