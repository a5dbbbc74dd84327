// Builds the add-in for production into a scratch folder and measures the task pane's initial scripts
// (`npm run bundle:report` prints them; a test holds them to the budget).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../lib/projectRoot.js";
import { initialScripts } from "./initialScripts.js";

export const initialBudgetKb = 250;

/** Builds into a scratch folder and returns the task pane's initial scripts; the folder is removed. */
export function measureTaskPane(env: NodeJS.ProcessEnv = process.env) {
  const out = mkdtempSync(join(tmpdir(), "addin-build-"));
  try {
    execFileSync(
      process.execPath,
      ["--import", "tsx", "node_modules/webpack-cli/bin/cli.js", "--mode", "production"],
      {
        cwd: projectRoot,
        stdio: ["ignore", "ignore", "inherit"],
        env: {
          ADDIN_PUBLIC_URL: "https://addin.example.com",
          API_PUBLIC_URL: "https://api.example.com",
          ...env,
          ADDIN_OUT_DIR: out,
        },
      }
    );
    return initialScripts(out, "taskpane.html");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
