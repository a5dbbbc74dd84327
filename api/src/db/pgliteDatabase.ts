// The embedded database: PGlite (PostgreSQL compiled to WebAssembly) persisted in a folder. It has a
// single connection, so transactions must never interleave; PGlite's own transaction() holds an
// exclusive lock for the whole callback, and its query() waits for that lock, which makes it the
// promise queue this needs: concurrent callers are served one transaction at a time, in call order.
import { mkdirSync } from "node:fs";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { Database } from "./database.js";

/** Opens (creating on first use) the PGlite database in `dataDir`, an absolute path. */
export async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir });
  return {
    kind: "pglite",
    query: (sql, params) => run(pglite, sql, params),
    transaction: (fn) =>
      pglite.transaction(async (tx) => {
        let open = true;
        try {
          return await fn({
            query: (sql, params) => {
              if (!open) return Promise.reject(new Error("This transaction has already ended."));
              return run(tx, sql, params);
            },
          });
        } finally {
          open = false;
        }
      }),
    close: () => pglite.close(),
  };
}

/** Parameterised SQL goes through the extended protocol; a script without parameters through exec. */
async function run<Row>(target: PGlite | Transaction, sql: string, params?: unknown[]): Promise<Row[]> {
  if (params && params.length > 0) return (await target.query<Row>(sql, params)).rows;
  const results = await target.exec(sql);
  return (results.at(-1)?.rows ?? []) as Row[];
}
