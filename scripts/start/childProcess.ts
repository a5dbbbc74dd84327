// Runs one of the stack's processes with its output prefixed by its name, and stops it with its
// whole process group so no grandchild survives.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export type ProcessSpec = { name: string; args: string[]; env: NodeJS.ProcessEnv; cwd: string };

export type RunningProcess = {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
};

const levels: Record<number, string> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

/** Turns a pino JSON line into "level message (details)"; other lines pass through unchanged. */
export function readableLogLine(line: string): string {
  if (!line.startsWith("{")) return line;
  try {
    const entry = JSON.parse(line) as {
      level?: number;
      msg?: string;
      req?: { method?: string; url?: string };
      res?: { statusCode?: number };
      responseTime?: number;
    };
    if (typeof entry.msg !== "string") return line;
    const level = levels[entry.level ?? 30] ?? "info";
    const request =
      entry.req && entry.res
        ? ` ${entry.req.method} ${entry.req.url} → ${entry.res.statusCode} in ${entry.responseTime}ms`
        : "";
    return `${level} ${entry.msg}${request}`;
  } catch {
    return line;
  }
}

function pipeWithPrefix(
  stream: NodeJS.ReadableStream | null,
  prefix: string,
  out: NodeJS.WritableStream
): void {
  if (!stream) return;
  createInterface({ input: stream }).on("line", (line) => out.write(`${prefix} ${readableLogLine(line)}\n`));
}

export function startProcess(spec: ProcessSpec, prefix: string): RunningProcess {
  // detached: the child leads its own process group, so stop() can signal everything it started.
  // The IPC channel lets the child notice if this process dies without stopping it (see runMain).
  const child = spawn(process.execPath, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  pipeWithPrefix(child.stdout, prefix, process.stdout);
  pipeWithPrefix(child.stderr, prefix, process.stderr);
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
    child.once("error", (err) => resolve(`failed to start: ${err.message}`));
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      signalGroup("SIGKILL"); // any grandchild left behind
      return;
    }
    signalGroup("SIGTERM");
    const timer = setTimeout(() => signalGroup("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    signalGroup("SIGKILL");
  };
  return { name: spec.name, child, exited, stop };
}
