// `npm run bench [-- --recipients N] [--rate R] [--only retraction|status|addin]`: runs the benchmarks and
// prints one figure line each (docs/benchmarks.md explains them). Progress goes above the lines.
import { parseArgs } from "node:util";
import { ConfigError } from "../lib/config.js";
import { runMain } from "../lib/runMain.js";
import { retractionLine, runRetractionBench } from "./retraction/retractionBench.js";
import { runStatusBench, statusLine } from "./status/statusBench.js";
import { addinLine, runAddinBench } from "./addin/addinBench.js";

const usage =
  "Usage: npm run bench -- [--recipients N (default 10000)] [--rate R requests/s (default 1000)] [--only retraction|status|addin]";

const benches = ["retraction", "status", "addin"] as const;

function wholeNumber(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`--${name} must be a whole number from ${min} to ${max}.\n${usage}`);
  return n;
}

runMain(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: { recipients: { type: "string" }, rate: { type: "string" }, only: { type: "string" } },
    }));
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n${usage}`);
  }
  const recipients = wholeNumber(values.recipients, "recipients", 10_000, 10, 200_000);
  const rate = wholeNumber(values.rate, "rate", 1000, 10, 100_000);
  if (values.only !== undefined && !benches.includes(values.only as (typeof benches)[number]))
    throw new ConfigError(`--only must be one of ${benches.join(", ")}.\n${usage}`);
  const wanted = (name: (typeof benches)[number]) => values.only === undefined || values.only === name;
  const log = (text: string) => console.error(text);
  const lines: string[] = [];
  if (wanted("retraction"))
    lines.push(retractionLine(await runRetractionBench({ recipients, rate, latencyMs: 80, log })));
  if (wanted("status")) lines.push(statusLine(await runStatusBench({ latencyMs: 80, rounds: 5, log })));
  if (wanted("addin")) lines.push(addinLine(await runAddinBench({ latencyMs: 80, openings: 5, log })));
  console.log(lines.join("\n"));
});
