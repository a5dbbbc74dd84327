// The entry-point wrapper every process of the project uses: runs start-up, turns a failure into one
// readable line and a non-zero exit (never a stack trace for expected problems), and stops cleanly on
// SIGINT/SIGTERM.
import { ConfigError } from "./config.js";
import { loadProjectEnv } from "./projectEnv.js";

export type Stop = () => void | Promise<void>;

export function runMain(start: () => Promise<Stop | void>): void {
  Promise.resolve()
    .then(() => {
      loadProjectEnv();
      return start();
    })
    .then(
      (stop) => {
        const shutdown = () => {
          Promise.resolve(stop?.())
            .catch((err: unknown) => console.error(`Error while stopping: ${describe(err)}`))
            .finally(() => process.exit(0));
        };
        process.once("SIGINT", shutdown);
        process.once("SIGTERM", shutdown);
        // Started by `npm start` with an IPC channel: if that parent dies, however abruptly, stop too.
        if (process.channel) {
          process.once("disconnect", shutdown);
          process.channel.unref();
        }
      },
      (err: unknown) => {
        console.error(describe(err));
        process.exit(err instanceof ConfigError ? 2 : 1);
      }
    );
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
