// Runs the companion API as its own process (`node api/src/main.ts`, as `npm start` does), against a sim
// started in the test, so a test can kill it mid-work (SIGKILL: no clean-up, like a crash or a lost
// machine) or run several instances on one database.
import { spawn, type ChildProcess } from "node:child_process";
import { projectRoot } from "../../lib/projectRoot.js";
import { freePort } from "../../lib/freePort.js";
import type { RunningSim } from "./simServer.js";
import { apiNodeArgs } from "../../lib/apiCommand.js";

export type ApiProcess = {
  base: string;
  output(): string;
  /** Kills the process with SIGKILL and resolves once it is gone. */
  kill(): Promise<void>;
  /** Stops it with SIGTERM (a clean shutdown) and resolves once it is gone. */
  stop(): Promise<void>;
};

/** Starts the API on a free port with `env` on top of the settings for `sim`; resolves once it listens. */
export async function startApiProcess(
  sim: RunningSim,
  env: Record<string, string>,
  timeoutMs = 30_000
): Promise<ApiProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...apiNodeArgs], {
    cwd: projectRoot,
    env: {
      ...process.env,
      SIM_PORT: new URL(sim.origin).port,
      API_PORT: String(port),
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the API did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("API listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the API exited before it listened:\n${output}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    kill: () => end("SIGKILL"),
    stop: () => end("SIGTERM"),
  };
}
