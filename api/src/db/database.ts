// The query layer's two shapes: something that runs SQL (a database or one of its transactions), and
// the database itself, which also runs transactions. Both drivers (PGlite and PostgreSQL) provide them.

/**
 * Runs SQL with `$1, $2, ...` parameters and returns the rows. Without parameters the text may hold
 * several statements (a script); the rows are then those of the last one.
 *
 * Driver differences callers must not rely on: `bigint`/`numeric` columns come back as numbers from
 * PGlite but as strings from PostgreSQL (convert with `Number()` or cast in SQL); `timestamptz` comes
 * back as a Date and `jsonb` as parsed JSON from both.
 */
export interface Queryable {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export type DatabaseKind = "pglite" | "postgres";

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back (and the error rethrown)
   * when it throws. Use only `tx` inside: a query on the database itself waits for the transaction
   * to end on PGlite (a deadlock) and runs on another connection on PostgreSQL.
   * @example await db.transaction(async (tx) => appendAudit(tx, entry));
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Ends the connections (PostgreSQL) or closes the data folder (PGlite). */
  close(): Promise<void>;
}
