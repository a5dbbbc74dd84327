// `npm run proof [-- --quick] [--only NAME,...]`: runs the resilience and security proofs, each a real
// experiment on sim, the API and PostgreSQL, and prints one figure line each (docs/benchmarks.md).
// Exits 1 when any proof missed its goal, naming why under its line.
import { parseArgs } from "node:util";
import { ConfigError } from "../../lib/config.js";
import { runMain } from "../../lib/runMain.js";
import { crashProof } from "./crashProof.js";
import { idempotencyProof } from "./idempotencyProof.js";
import { injectionProof } from "./injectionProof.js";
import type { Proof, ProofResult } from "./proofTypes.js";
import { tamperProof } from "./tamperProof.js";
import { throttleStormProof } from "./throttleStormProof.js";
import { tokenMatrixProof } from "./tokenMatrixProof.js";

const proofs: Proof[] = [
  crashProof,
  tokenMatrixProof,
  injectionProof,
  tamperProof,
  idempotencyProof,
  throttleStormProof,
];

const usage = `Usage: npm run proof -- [--quick] [--only ${proofs.map((p) => p.name).join(",")}]`;

runMain(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { quick: { type: "boolean" }, only: { type: "string" } } }));
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n${usage}`);
  }
  const only = values.only?.split(",").map((name) => name.trim());
  const unknown = only?.filter((name) => !proofs.some((p) => p.name === name)) ?? [];
  if (unknown.length) throw new ConfigError(`Unknown proof: ${unknown.join(", ")}.\n${usage}`);
  const chosen = proofs.filter((p) => !only || only.includes(p.name));
  const log = (text: string) => console.error(text);
  const results: ProofResult[] = [];
  for (const proof of chosen) {
    const started = performance.now();
    log(`${proof.name}: running${values.quick ? " (quick)" : ""}`);
    results.push(await proof.run({ quick: values.quick ?? false, log }));
    log(`${proof.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  for (const result of results) {
    console.log(result.line);
    for (const problem of result.problems ?? []) console.log(`  ✗ ${problem}`);
  }
  const missed = results.filter((r) => !r.ok).length;
  if (missed > 0) {
    console.log(`${missed} of ${results.length} proofs missed their goal.`);
    process.exitCode = 1;
  }
});
