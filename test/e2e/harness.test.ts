// End to end: `npm start` as a user runs it, the harness page in Chromium, and Ctrl-C.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { connect } from "node:net";
import type { Browser, Page } from "playwright-core";
import { collectPageErrors, launchBrowser } from "../support/browser.js";
import { requireChromium } from "../support/environment.js";
import { runNpmStart, type RunningStack } from "../support/runningStack.js";

const artifacts = "test-artifacts/e2e";

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

describe("npm start and the harness page (Chromium)", function () {
  this.timeout(120_000);
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  before(async function () {
    requireChromium(this);
    mkdirSync(artifacts, { recursive: true });
    stack = await runNpmStart();
    console.log(`      npm start was ready after ${(stack.readyAfterMs / 1000).toFixed(1)} s`);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (stack) await stack.interrupt();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    pageErrors = collectPageErrors(page);
  });
  afterEach(() => page.close());

  it("serves sim, API health, OpenAPI, task pane and harness", async () => {
    const checks = [
      stack.urls.sim,
      `${stack.urls.api}healthz`,
      `${stack.urls.api}api/openapi.json`,
      stack.urls.taskpane,
      stack.urls.harness,
    ];
    for (const url of checks) {
      const response = await page.goto(url);
      assert.equal(response?.status(), 200, url);
    }
  });

  it("harness → the task pane renders the selected message with Fluent UI, no console errors", async () => {
    await page.goto(stack.urls.harness);
    const pane = page.getByRole("complementary", { name: "Add-in task pane" });
    await pane.getByRole("heading", { name: "Retention and holds" }).waitFor();
    await pane.getByText("Action required: verify your payroll details").waitFor();
    await pane.getByText("<demo-phish-0001@fabrikam.com>").waitFor();
    assert.ok(await page.locator(".fui-FluentProvider").count(), "rendered inside a FluentProvider");
    await page.screenshot({ path: `${artifacts}/harness-light.png` });
    assert.deepEqual(pageErrors, []);
  });

  it("harness → selecting another message, the pinned task pane follows it", async () => {
    await page.goto(stack.urls.harness);
    await page.getByRole("button", { name: /Q4 planning notes/ }).click();
    const pane = page.getByRole("complementary", { name: "Add-in task pane" });
    await pane.getByText("<q4-planning-0007@contoso.com>").waitFor();
    assert.deepEqual(pageErrors, []);
  });

  it("harness in Outlook's dark theme → the task pane is dark too", async () => {
    await page.goto(`${stack.urls.harness}?theme=dark`);
    const main = page.getByRole("main", { name: "Retention and holds" });
    await main.waitFor();
    const background = await main.evaluate((element) => getComputedStyle(element).backgroundColor);
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number) as [number, number, number];
    assert.ok(r + g + b < 3 * 80, `background ${background} should be dark`);
    await page.screenshot({ path: `${artifacts}/harness-dark.png` });
    assert.deepEqual(pageErrors, []);
  });

  it("task pane opened outside Outlook → a readable message instead of a blank page", async () => {
    // Office.js comes from Microsoft's CDN, which is not reachable here: answer with an empty script.
    await page.route("https://appsforoffice.microsoft.com/**", (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body: "" })
    );
    await page.goto(stack.urls.taskpane);
    await page.getByText(/Office\.js is not loaded/).waitFor();
    assert.deepEqual(pageErrors, []);
  });

  it("Ctrl-C → every process stops, every port is released", async () => {
    const { code, signal } = await stack.interrupt();
    assert.ok(
      code === 0 || signal === "SIGINT",
      `npm start ended with ${code ?? signal}:\n${stack.output()}`
    );
    assert.deepEqual(stack.leftovers(), [], "no process of the stack is left");
    for (const port of stack.ports) assert.ok(await portIsClosed(port), `port ${port} released`);
  });
});
