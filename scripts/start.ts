// `npm start`: runs the product locally on the demo tenant and prints where to find it; Ctrl-C (or any
// process ending) stops everything.
import { readConfig } from "../lib/config.js";
import { portsSchema } from "../lib/ports.js";
import { runMain } from "../lib/runMain.js";
import { startStack } from "./start/stack.js";

runMain(async () => {
  const ports = readConfig(portsSchema);
  console.log("Starting sim, the companion API and the add-in dev server...");
  const stack = await startStack(ports);
  const { urls } = stack;
  console.log(
    [
      "",
      "Ready:",
      `  Harness (Outlook-like page)  ${urls.harness}`,
      `  Task pane (for Outlook)      ${urls.taskpane}`,
      `  Companion API                ${urls.api}healthz · ${urls.api}api/openapi.json`,
      `  sim (Microsoft 365 stand-in) ${urls.sim}`,
      "",
      "The pages use a locally generated certificate: trust .certs/ca.crt in your browser (see README).",
      "Press Ctrl-C to stop.",
      "",
    ].join("\n")
  );
  void stack.firstExit.then(async (why) => {
    console.error(`${why}; stopping the others.`);
    await stack.stop();
    process.exit(1);
  });
  return () => stack.stop();
});
