// What each proof returns: its figure line, in the format docs/benchmarks.md explains, and whether the
// goal was met; `npm run proof` prints the lines and fails when any goal was missed.

export type ProofOptions = {
  /** A shorter run (fewer cases, a smaller tenant) for CI; the figure line says what it measured. */
  quick: boolean;
  /** Progress and diagnostics, printed above the figure lines. */
  log: (text: string) => void;
};

export type ProofResult = {
  /** One line, e.g. "idempotency concurrent=100 jobs_created=1". */
  line: string;
  /** Whether the goal was met. */
  ok: boolean;
  /** Why not, in words, when it was not (printed under the line). */
  problems?: string[];
};

export type Proof = {
  name: string;
  run(options: ProofOptions): Promise<ProofResult>;
};
