// Launches Debian's Chromium through playwright-core, trusting exactly the project's localhost certificate
// (by its public-key hash) rather than ignoring certificate errors, and collects console errors per page.
import { createHash, createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { devCertPaths } from "../../lib/devCerts.js";
import { chromiumPath } from "./environment.js";

function localhostKeyHash(): string {
  const spki = createPublicKey(readFileSync(devCertPaths().cert)).export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--ignore-certificate-errors-spki-list=${localhostKeyHash()}`,
    ],
  });
}

/** Every console error and uncaught page error seen on `page`, as text. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
