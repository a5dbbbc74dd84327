// Finds the outside parts some tests need (Chromium, PostgreSQL). Missing ones skip those tests with a
// visible notice on a developer's machine, and fail them in CI, where .ci/run installs them.
import { existsSync } from "node:fs";

export const inCi = process.env.CI === "true";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Call from a mocha `before` hook: skips the suite when `available` is false (failing it in CI instead).
 */
export function requireOrSkip(context: Mocha.Context, available: boolean, what: string): void {
  if (available) return;
  const message = `${what} is not available`;
  if (inCi) throw new Error(`${message}, and CI=true requires it (.ci/run installs it).`);
  console.warn(`      ⚠ SKIPPED: ${message}; these tests did not run.`);
  context.skip();
}

export function requireChromium(context: Mocha.Context): void {
  requireOrSkip(context, existsSync(chromiumPath), `Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
}
