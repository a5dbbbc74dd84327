// `npm run sim:generate -- --mailboxes 10000 [--decoys 1000] [--out FILE]` writes a large tenant
// fixture for TENANT_FIXTURE (default file: .data/tenant-<N>.json, git-ignored).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../../../lib/config.js";
import { projectRoot } from "../../../lib/projectRoot.js";
import { runMain } from "../../../lib/runMain.js";
import { generateTenant } from "./generateTenant.js";

const usage = "Usage: npm run sim:generate -- --mailboxes N [--decoys N] [--out FILE]";

function count(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (name === "mailboxes" ? 1 : 0) || n > 1_000_000)
    throw new ConfigError(
      `--${name} must be a whole number between ${name === "mailboxes" ? 1 : 0} and 1,000,000.\n${usage}`
    );
  return n;
}

runMain(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: { mailboxes: { type: "string" }, decoys: { type: "string" }, out: { type: "string" } },
    }));
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n${usage}`);
  }
  const mailboxes = count(values.mailboxes, "mailboxes");
  const decoys = count(values.decoys, "decoys", 0);
  const out = values.out ?? join(projectRoot, ".data", `tenant-${mailboxes}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(generateTenant({ mailboxes, decoys })));
  console.log(
    `Wrote ${mailboxes} mailboxes and ${decoys} decoys to ${relative(process.cwd(), out)}; start with TENANT_FIXTURE=${relative(process.cwd(), out)} npm start`
  );
});
