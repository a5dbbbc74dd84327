// `npm run explain -- FILE [--text]`: explains one item from a scenario file (see docs/explain.md).
// Bad input ends with a one-line message naming the problem and a non-zero exit, never a stack trace.
import { readFileSync } from "node:fs";
import { RulesInputError } from "../rules/exchangeValues.js";
import { explain } from "../rules/explain.js";
import { explanationText } from "../rules/explanationText.js";

const usage = "Usage: npm run explain -- SCENARIO.json [--text]";

function run(args: string[]): { output: string; code: number } {
  const text = args.includes("--text");
  const files = args.filter((arg) => arg !== "--text");
  const unknownFlag = files.find((arg) => arg.startsWith("--"));
  if (unknownFlag) return { output: `Unknown option ${unknownFlag}. ${usage}`, code: 2 };
  if (files.length !== 1) return { output: usage, code: 2 };
  const file = files[0]!;
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    return { output: `${file}: ${reason}`, code: 1 };
  }
  try {
    const explanation = explain(input);
    const asOf = (input as { asOf?: string }).asOf ?? null;
    return {
      output: text
        ? explanationText(explanation, asOf && new Date(asOf).toISOString())
        : JSON.stringify(explanation, null, 2),
      code: 0,
    };
  } catch (err) {
    if (err instanceof RulesInputError) return { output: `${file}: ${err.message}`, code: 1 };
    return { output: `${file}: could not explain this scenario (${(err as Error).message})`, code: 1 };
  }
}

const { output, code } = run(process.argv.slice(2));
if (code === 0) console.log(output);
else console.error(output);
process.exitCode = code;
