// Starts the local product: sim (Microsoft 365 stand-in), the companion API and the add-in dev server,
// waits until each answers, and stops all of them together. Used by `npm start` and the browser tests.
import { readFileSync } from "node:fs";
import { ensureDevCerts } from "../../lib/devCerts.js";
import type { Ports } from "../../lib/ports.js";
import { projectRoot } from "../../lib/projectRoot.js";
import { startProcess, type RunningProcess } from "./childProcess.js";
import { waitForUrl } from "./waitForUrl.js";
import { apiNodeArgs } from "../../lib/apiCommand.js";

export type StackUrls = { sim: string; api: string; taskpane: string; harness: string };

export type Stack = {
  urls: StackUrls;
  /** Settles when any process of the stack ends, naming it and how. */
  firstExit: Promise<string>;
  stop(): Promise<void>;
};

const readinessTimeoutMs = 90_000;

export function stackUrls(ports: Ports): StackUrls {
  return {
    sim: `https://localhost:${ports.SIM_PORT}/`,
    api: `http://localhost:${ports.API_PORT}/`,
    taskpane: `https://localhost:${ports.ADDIN_PORT}/taskpane.html`,
    harness: `https://localhost:${ports.ADDIN_PORT}/harness.html`,
  };
}

export async function startStack(ports: Ports, baseEnv: NodeJS.ProcessEnv = process.env): Promise<Stack> {
  const certs = await ensureDevCerts();
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    SIM_PORT: String(ports.SIM_PORT),
    API_PORT: String(ports.API_PORT),
    ADDIN_PORT: String(ports.ADDIN_PORT),
    // Node trusts the local CA this way, never by turning certificate checks off.
    NODE_EXTRA_CA_CERTS: certs.caCert,
  };
  const specs = [
    { name: "sim", args: ["--import", "tsx", "sim/src/main.ts"] },
    { name: "api", args: [...apiNodeArgs] },
    { name: "addin", args: ["--import", "tsx", "scripts/start/addinDevServer.ts"] },
  ];
  const width = Math.max(...specs.map((spec) => spec.name.length));
  const processes: RunningProcess[] = specs.map((spec) =>
    startProcess({ ...spec, env, cwd: projectRoot }, `[${spec.name.padEnd(width)}]`)
  );
  let stopping = false;
  // Only an exit nobody asked for counts; a process ending because we stop the stack does not.
  const firstExit = Promise.race(
    processes.map((p) =>
      p.exited.then((how) => (stopping ? new Promise<never>(() => {}) : `${p.name} exited (${how})`))
    )
  );
  const stop = async () => {
    stopping = true;
    await Promise.all(processes.map((p) => p.stop()));
  };
  const urls = stackUrls(ports);
  const ca = readFileSync(certs.caCert);
  try {
    await Promise.all(
      [urls.sim, `${urls.api}healthz`, urls.taskpane].map((url) =>
        waitForUrl(url, ca, readinessTimeoutMs, firstExit)
      )
    );
  } catch (err) {
    const reason = await Promise.race([firstExit, new Promise<string>((r) => setTimeout(() => r(""), 100))]);
    await stop();
    throw new Error(`The stack did not start: ${reason || (err as Error).message}`, { cause: err });
  }
  return { urls, firstExit, stop };
}
