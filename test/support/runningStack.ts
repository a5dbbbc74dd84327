// Runs `npm start` as a user would, on free ports, for end-to-end tests; stops it with SIGINT (Ctrl-C)
// and can tell whether any process it started is still alive afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../lib/projectRoot.js";
import { stackUrls, type StackUrls } from "../../scripts/start/stack.js";
import { freePort } from "../../lib/freePort.js";

/** npm re-raises the SIGINT it forwarded, so a clean Ctrl-C ends with that signal rather than a code. */
export type Ending = { code: number | null; signal: NodeJS.Signals | null };

export type RunningStack = {
  urls: StackUrls;
  ports: number[];
  readyAfterMs: number;
  output(): string;
  /** Sends SIGINT to the `npm start` process group, as Ctrl-C in a terminal does; resolves with how npm ended. */
  interrupt(): Promise<Ending>;
  /** Pids of processes still carrying this run's marker in their environment. */
  leftovers(): number[];
};

function processesWithMarker(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, "latin1").includes(marker)) pids.push(Number(entry));
    } catch {
      // gone already, or not ours to read
    }
  }
  return pids;
}

export async function runNpmStart(timeoutMs = 90_000): Promise<RunningStack> {
  const ports = { SIM_PORT: await freePort(), API_PORT: await freePort(), ADDIN_PORT: await freePort() };
  const marker = `E2E_STACK_MARKER=${randomUUID()}`;
  const [markerName, markerValue] = marker.split("=") as [string, string];
  // A database of its own, so a run neither reads nor leaves jobs and audit records in the developer's.
  const dataDir = mkdtempSync(join(tmpdir(), "e2e-stack-"));
  const started = Date.now();
  const { DATABASE_URL: _unused, ...inherited } = process.env; // the embedded database, never a shared one
  const child: ChildProcess = spawn("npm", ["start"], {
    cwd: projectRoot,
    detached: true,
    env: {
      ...inherited,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      DATA_DIR: dataDir,
      [markerName]: markerValue,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<Ending>((resolve) =>
    child.once("exit", (code, signal) => {
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, signal });
    })
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start was not ready in ${timeoutMs} ms:\n${output}`)),
      timeoutMs
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Press Ctrl-C to stop.")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
  return {
    urls: stackUrls(ports),
    ports: Object.values(ports),
    readyAfterMs: Date.now() - started,
    output: () => output,
    async interrupt() {
      if (child.pid && child.exitCode === null && child.signalCode === null)
        process.kill(-child.pid, "SIGINT");
      return exited;
    },
    leftovers: () => processesWithMarker(marker),
  };
}
