// PostgreSQL through a pg.Pool: the production database, shared by any number of API instances. A
// transaction holds one pooled connection from BEGIN to COMMIT/ROLLBACK.
import pg from "pg";
import type { Database, Queryable } from "./database.js";

export interface PostgresOptions {
  /** Connections per pool (pg's default is 10). */
  maxConnections?: number;
  /** Told about errors of idle pooled connections; the pool drops such a connection and goes on. */
  onIdleError?: (err: Error) => void;
}

/** Connects to `databaseUrl` and checks the connection, so a wrong URL fails at start-up. */
export async function openPostgres(databaseUrl: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections });
  // Without a listener, an idle connection's error (a server restart, say) would crash the process.
  pool.on("error", (err) => options.onIdleError?.(err));
  try {
    await pool.query("SELECT 1");
  } catch (err) {
    await pool.end();
    throw new Error(
      `Cannot connect to PostgreSQL at ${describeUrl(databaseUrl)}: ${(err as Error).message}`,
      {
        cause: err,
      }
    );
  }
  return {
    kind: "postgres",
    query: (sql, params) => run(pool, sql, params),
    transaction: (fn) => inTransaction(pool, fn),
    close: () => pool.end(),
  };
}

async function inTransaction<T>(pool: pg.Pool, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let open = true;
  // pg deprecates overlapping queries on one client, so a transaction's queries run one after another
  // even when the caller fires several at once.
  let previous: Promise<unknown> = Promise.resolve();
  const tx: Queryable = {
    query: <Row>(sql: string, params?: unknown[]) => {
      if (!open) return Promise.reject(new Error("This transaction has already ended."));
      const next = previous.then(() => run<Row>(client, sql, params));
      previous = next.catch(() => undefined); // the caller sees the error; the next query still runs
      return next;
    },
  };
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await fn(tx);
    open = false;
    await previous;
    const commit = await client.query("COMMIT");
    // PostgreSQL answers COMMIT of a transaction in which a statement failed (and the caller caught the
    // error) with ROLLBACK, not an error: nothing was stored, so say so.
    if (commit.command === "ROLLBACK")
      throw new Error("The transaction was rolled back: a statement in it failed.");
    return result;
  } catch (err) {
    open = false;
    await previous;
    // A connection that cannot even roll back is in an unknown state: the pool must not reuse it.
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw err;
  } finally {
    client.release(broken);
  }
}

async function run<Row>(target: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]): Promise<Row[]> {
  const result = (await target.query(sql, params)) as pg.QueryResult | pg.QueryResult[];
  // A script of several statements (possible only without parameters) answers with one result each.
  const last = Array.isArray(result) ? result.at(-1) : result;
  return (last?.rows ?? []) as Row[];
}

/** The URL without its password, for messages. */
function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    url.password = "";
    url.search = "";
    return url.toString();
  } catch {
    return "(an unparseable DATABASE_URL)";
  }
}
