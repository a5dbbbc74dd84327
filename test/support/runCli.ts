// Runs one of the project's command-line tools as its own process, as `npm run NAME` does, and collects
// what it printed. Asynchronously: spawnSync would block this process's event loop, and with it a sim or
// an API the tool talks to.
import { spawn } from "node:child_process";
import { projectRoot } from "../../lib/projectRoot.js";

export type CliRun = { code: number | null; stdout: string; stderr: string };

/** Settings that point a tool at a real tenant; removed so a test's tool talks only to the local demo. */
export const tenantSettings = [
  "AUTHORITY_HOST",
  "TENANT_ID",
  "API_CLIENT_ID",
  "API_CLIENT_SECRET",
  "ADDIN_CLIENT_ID",
];

/**
 * Runs `script` (a path from the project's root) with `args`, stdin not a terminal, in `env` (this
 * process's environment by default).
 * @example const { code, stdout } = await runCli("api/src/cli/token.ts", ["admin@contoso.com"], env);
 */
export function runCli(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
