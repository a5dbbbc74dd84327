// `npm run bundle:report`: builds the add-in for production and prints how much JavaScript the task pane
// loads first, script by script, against its budget. Exits non-zero over budget.
import { runMain } from "../lib/runMain.js";
import { initialBudgetKb, measureTaskPane } from "./bundle/measureTaskPane.js";

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

runMain(async () => {
  const scripts = measureTaskPane();
  for (const script of scripts)
    console.log(`  ${script.file}  ${kb(script.bytes)} KB, ${kb(script.gzipBytes)} KB gzip`);
  const total = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
  console.log(`taskpane initial JavaScript: ${kb(total)} KB gzip (budget ${initialBudgetKb} KB)`);
  if (total > initialBudgetKb * 1024) process.exitCode = 1;
});
