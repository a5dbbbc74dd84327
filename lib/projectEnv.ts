// Reads the project's `.env` file, if there is one, into the environment of the process. Variables
// already set in the environment win, so `SIM_PORT=4500 npm start` overrides the file.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./projectRoot.js";

export function loadProjectEnv(path = join(projectRoot, ".env")): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
