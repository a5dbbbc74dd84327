// Runs axe-core (WCAG 2.x A and AA rules) in a page and returns its violations as readable lines, so a
// test can assert there are none and its failure names what to fix.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type Impact = "minor" | "moderate" | "serious" | "critical";

type AxeResult = {
  violations: { id: string; impact: Impact | null; help: string; nodes: { target: string[] }[] }[];
};

export type AxeScope = {
  /** The part of the page to check (the whole page by default). */
  include?: string;
  /** Parts to leave out. */
  exclude?: string[];
  /** Which impacts count (all by default). */
  impacts?: Impact[];
};

export async function accessibilityViolations(page: Page, scope: AxeScope = {}): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  const context = {
    include: [[scope.include ?? "html"]],
    // Fluent UI's focus manager (Tabster) adds focusable aria-hidden "dummy" elements on purpose: they
    // only pass focus on, and a screen reader must not announce them. Axe's aria-hidden-focus flags
    // them; Microsoft's own accessibility checkers skip them the same way.
    exclude: [["[data-tabster-dummy]"], ...(scope.exclude ?? []).map((selector) => [selector])],
  };
  const result = (await page.evaluate(
    (axeContext) =>
      (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }).axe.run(
        axeContext,
        { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }
      ),
    context
  )) as AxeResult;
  const impacts = scope.impacts ?? ["minor", "moderate", "serious", "critical"];
  return result.violations
    .filter((v) => v.impact !== null && impacts.includes(v.impact))
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
