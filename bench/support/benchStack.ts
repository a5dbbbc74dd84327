// Starts what the benchmarks and proofs measure, each in its own process as in production: sim with a
// chosen tenant and settings, and the companion API (on a free port, against a given database). The API
// can be stopped, killed with SIGKILL (no clean-up, like a crash) and started again on the same port.
import { readFileSync } from "node:fs";
import { request, type Agent } from "undici";
import { devCaAgent } from "../../lib/devCaAgent.js";
import { devCertPaths, ensureDevCerts } from "../../lib/devCerts.js";
import { freePort } from "../../lib/freePort.js";
import { projectRoot } from "../../lib/projectRoot.js";
import { startProcess, type RunningProcess } from "../../scripts/start/childProcess.js";
import { waitForUrl } from "../../scripts/start/waitForUrl.js";
import { apiNodeArgs } from "../../lib/apiCommand.js";

const startTimeoutMs = 120_000;

export type SimStats = {
  graphRequests: { answered: number; throttled: number };
  writes: { total: number; repeatedCount: number; repeated: { key: string; writes: number }[] };
};

export type BenchSim = {
  origin: string;
  port: number;
  /** GET (or PUT with a body) one of sim's own endpoints, answered as JSON. */
  call<T>(path: string, body?: unknown): Promise<T>;
  stats(): Promise<SimStats>;
  stop(): Promise<void>;
};

export type BenchApi = {
  base: string;
  /** The API process's peak resident memory so far, in MB (Linux's VmHWM). */
  peakRssMb(): number;
  /** SIGKILL: the process ends at once, mid-work, without any clean-up. */
  kill(): Promise<void>;
  /** SIGTERM: a clean shutdown. */
  stop(): Promise<void>;
  /** Starts the API again on the same port and settings (after kill or stop). */
  restart(): Promise<void>;
};

async function started(process: RunningProcess, url: string): Promise<void> {
  const ca = readFileSync(devCertPaths().caCert);
  await waitForUrl(url, ca, startTimeoutMs, process.exited);
}

/** sim with the tenant in `fixtureFile` and `env` (SIM_LATENCY_MS, SIM_APP_REQUESTS_PER_SECOND...). */
export async function startBenchSim(
  fixtureFile: string,
  env: Record<string, string> = {}
): Promise<BenchSim> {
  const certs = await ensureDevCerts();
  const port = await freePort();
  const origin = `https://localhost:${port}`;
  const sim = startProcess(
    {
      name: "sim",
      args: [...profileArgs(), "--import", "tsx", "sim/src/main.ts"],
      env: { ...process.env, ...env, SIM_PORT: String(port), TENANT_FIXTURE: fixtureFile },
      cwd: projectRoot,
    },
    "[sim]"
  );
  await started(sim, `${origin}/`);
  const dispatcher: Agent = devCaAgent(certs.caCert);
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await request(`${origin}${path}`, {
      method: body === undefined ? "GET" : "PUT",
      dispatcher,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode !== 200)
      throw new Error(`sim answered ${path} with ${response.statusCode}: ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    origin,
    port,
    call,
    stats: () => call<SimStats>("/_sim/stats"),
    stop: async () => {
      await dispatcher.close();
      await sim.stop();
    },
  };
}

/**
 * BENCH_PROFILE_DIR: sim and the API each write a CPU profile there when they stop, for finding where
 * time goes (both share the machine's cores).
 */
function profileArgs(): string[] {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

/** Reads a process's peak resident set size (VmHWM) from /proc, in MB; 0 where /proc is missing. */
function peakRssOf(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** The API against `sim`, with `env` on top (DATABASE_URL, RETRACTION_WORKERS...); LOG_LEVEL warn by default. */
export async function startBenchApi(sim: BenchSim, env: Record<string, string>): Promise<BenchApi> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const spec = {
    name: "api",
    args: [...profileArgs(), ...apiNodeArgs],
    env: {
      ...process.env,
      LOG_LEVEL: "warn",
      ...env,
      SIM_PORT: String(sim.port),
      API_PORT: String(port),
      NODE_EXTRA_CA_CERTS: devCertPaths().caCert,
    },
    cwd: projectRoot,
  };
  let api: RunningProcess;
  const start = async () => {
    api = startProcess(spec, "[api]");
    await started(api, `${base}/healthz`);
  };
  await start();
  let peak = 0;
  const notePeak = () => (peak = Math.max(peak, peakRssOf(api.child.pid)));
  return {
    base,
    peakRssMb: () => {
      notePeak();
      return peak;
    },
    kill: async () => {
      notePeak();
      if (api.child.pid) process.kill(-api.child.pid, "SIGKILL");
      await api.exited;
    },
    stop: async () => {
      notePeak();
      await api.stop();
    },
    restart: start,
  };
}
