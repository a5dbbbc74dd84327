// `npm run validate [-- FILE]`: checks a manifest (manifest.xml by default, or dist/manifest.xml after a
// build) and exits non-zero listing each problem.
import { readFileSync } from "node:fs";
import { checkManifest } from "./checkManifest.js";

const file = process.argv[2] ?? "manifest.xml";
let problems: string[];
try {
  problems = checkManifest(readFileSync(file, "utf8"));
} catch (err) {
  problems = [`Cannot read ${file}: ${(err as Error).message}`];
}
if (problems.length) {
  console.error(`${file} has ${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`${file} is a valid Outlook add-in manifest.`);
