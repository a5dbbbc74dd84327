// The PostgreSQL the benchmarks and proofs run against (production's database): BENCH_DATABASE_URL,
// else TEST_DATABASE_URL, else the local default. Each run gets a throwaway schema, dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const benchDatabaseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/test";

export type ThrowawaySchema = {
  /** A DATABASE_URL whose connections use the schema. */
  url: string;
  /** Runs one statement in the schema (for checks after a run). */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
};

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    const shown = new URL(url);
    if (shown.password) shown.password = "***";
    throw new Error(
      `Cannot reach PostgreSQL at ${shown} (${(err as Error).message}). The figures are taken on PostgreSQL, as in production: start it or set BENCH_DATABASE_URL.`,
      { cause: err }
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh schema in the benchmark database. */
export async function throwawaySchema(): Promise<ThrowawaySchema> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  await withClient(benchDatabaseUrl, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(benchDatabaseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    query: (sql, params) =>
      withClient(url.toString(), async (client) => (await client.query(sql, params)).rows),
    drop: () =>
      withClient(benchDatabaseUrl, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`)).then(
        () => undefined
      ),
  };
}
