// End to end: `npm start` as a user runs it, the harness page (sim's demo mailboxes, the Office.js
// stand-in and the real task pane) in Chromium, and Ctrl-C.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { connect } from "node:net";
import type { Browser, Page } from "playwright-core";
import { accessibilityViolations } from "../support/accessibility.js";
import { collectPageErrors, launchBrowser } from "../support/browser.js";
import { requireChromium } from "../support/environment.js";
import { runNpmStart, type RunningStack } from "../support/runningStack.js";

const artifacts = "test-artifacts/e2e";
const phishId = "<demo-phish-0001@fabrikam.com>";
const phishSubject = "Action required: confirm your payroll details";
/** An ordinary demo user (no app roles) who received the headline message in her Inbox. */
const adele = "adele.vance@contoso.com";

/** What the page's Office.js stand-in exposes, as far as these tests look. */
type OfficeGlobal = {
  Office: {
    EventType: { ItemChanged: string };
    context: {
      officeTheme: { bodyBackgroundColor: string };
      mailbox: {
        item: { internetMessageId: string; subject: string } | null;
        userProfile: { emailAddress: string };
        addHandlerAsync(type: string, handler: () => void): void;
      };
    };
  };
  itemChanges?: number;
};

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

function isDark(rgb: string): boolean {
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number) as [number, number, number];
  return r + g + b < 3 * 80;
}

describe("npm start and the harness page (Chromium)", function () {
  this.timeout(120_000);
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  const harness = (query: Record<string, string> = {}) =>
    `${stack.urls.harness}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ""}`;
  const readingPane = () => page.getByRole("article", { name: "Reading pane" });
  const messageList = () => page.getByRole("navigation", { name: "Messages" });
  const currentMessage = () => messageList().locator('button[aria-current="true"]');
  const selectedItem = () =>
    page.evaluate(() => (globalThis as unknown as OfficeGlobal).Office.context.mailbox.item);

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

  it("harness ?user&internetMessageId → that user's copy open in the reading pane, marked current in the list, selected in Office", async () => {
    await page.goto(harness({ user: adele, internetMessageId: phishId }));
    await readingPane().getByRole("heading", { name: phishSubject }).waitFor();
    await readingPane().getByText("Fabrikam Payroll <payroll@fabrikam.com>").waitFor();
    await readingPane()
      .getByText(/^Dear colleague,/)
      .waitFor();
    assert.equal(await currentMessage().count(), 1);
    assert.match(await currentMessage().innerText(), /Fabrikam Payroll[\s\S]*confirm your payroll details/);
    assert.equal((await selectedItem())?.internetMessageId, phishId);
    await page.getByRole("complementary", { name: "Add-in task pane" }).waitFor();
    await page.screenshot({ path: `${artifacts}/harness-light.png` });
    assert.deepEqual(pageErrors, []);
  });

  it("harness → selecting another message, the reading pane, the list and Office's item follow it and ItemChanged fires", async () => {
    await page.goto(harness({ user: adele, internetMessageId: phishId }));
    await readingPane().getByRole("heading", { name: phishSubject }).waitFor();
    await page.evaluate(() => {
      const global = globalThis as unknown as OfficeGlobal;
      global.itemChanges = 0;
      global.Office.context.mailbox.addHandlerAsync(global.Office.EventType.ItemChanged, () => {
        global.itemChanges! += 1;
      });
    });
    await messageList()
      .getByRole("button", { name: /Christie Cline.*Team lunch on Thursday/ })
      .click();
    await readingPane().getByRole("heading", { name: "Team lunch on Thursday" }).waitFor();
    assert.match(await currentMessage().innerText(), /Team lunch on Thursday/);
    assert.equal(await currentMessage().count(), 1);
    assert.equal((await selectedItem())?.internetMessageId, "<demo-lunch-0007@contoso.com>");
    assert.equal(await page.evaluate(() => (globalThis as unknown as OfficeGlobal).itemChanges), 1);
    assert.match(page.url(), /internetMessageId=%3Cdemo-lunch-0007%40contoso\.com%3E/);
    assert.deepEqual(pageErrors, []);
  });

  it("harness without parameters → signed in as admin@contoso.com, the picker lists demo users with their roles, the newest message open", async () => {
    await page.goto(harness());
    const picker = page.getByLabel("Signed in as");
    await readingPane().getByRole("heading", { name: "Team lunch on Thursday" }).waitFor();
    assert.equal(await picker.inputValue(), "admin@contoso.com");
    const options = await picker.locator("option").allInnerTexts();
    assert.ok(options.length >= 25, `${options.length} demo users`);
    const optionFor = (upn: string) => options.find((text) => text.includes(`(${upn})`));
    assert.match(optionFor("admin@contoso.com") ?? "", /: Retract\.Run, Audit\.Read, Holds\.Read$/);
    assert.match(optionFor("helpdesk@contoso.com") ?? "", /: Holds\.Read$/);
    assert.equal(optionFor(adele), "Adele Vance (adele.vance@contoso.com): no app roles");
    const profile = await page.evaluate(
      () => (globalThis as unknown as OfficeGlobal).Office.context.mailbox.userProfile.emailAddress
    );
    assert.equal(profile, "admin@contoso.com");
    assert.deepEqual(pageErrors, []);
  });

  it("harness → choosing another user in the picker reloads the page with their mailbox", async () => {
    await page.goto(harness());
    await readingPane().getByRole("heading", { name: "Team lunch on Thursday" }).waitFor();
    await page.getByLabel("Signed in as").selectOption(adele);
    await page.waitForURL(/user=adele\.vance%40contoso\.com/);
    await messageList()
      .getByRole("button", { name: /Fabrikam Payroll.*confirm your payroll details/ })
      .waitFor();
    const profile = await page.evaluate(
      () => (globalThis as unknown as OfficeGlobal).Office.context.mailbox.userProfile.emailAddress
    );
    assert.equal(profile, adele);
    assert.deepEqual(pageErrors, []);
  });

  it("harness ?user=admin&mailbox=adele → Adele's messages, signed in as the admin, the item names Adele's mailbox as its owner", async () => {
    await page.goto(harness({ user: "admin@contoso.com", mailbox: adele, internetMessageId: phishId }));
    await readingPane().getByRole("heading", { name: phishSubject }).waitFor();
    assert.equal(await page.getByLabel("Mailbox").inputValue(), adele);
    const seen = await page.evaluate(
      () =>
        new Promise<{ user: string; owner: string }>((resolve) => {
          const mailbox = (globalThis as unknown as OfficeGlobal).Office.context.mailbox;
          const item = mailbox.item as unknown as {
            getSharedPropertiesAsync(callback: (result: { value: { owner: string } }) => void): void;
          };
          item.getSharedPropertiesAsync((result) =>
            resolve({ user: mailbox.userProfile.emailAddress, owner: result.value.owner })
          );
        })
    );
    assert.deepEqual(seen, { user: "admin@contoso.com", owner: adele });
    assert.deepEqual(pageErrors, []);
  });

  it("harness with an Internet Message-ID the mailbox lacks → a notice in the reading pane, no item selected", async () => {
    await page.goto(harness({ user: adele, internetMessageId: "<nothing@nowhere.test>" }));
    await readingPane()
      .getByText(/holds no message with Internet Message-ID <nothing@nowhere\.test>/)
      .waitFor();
    assert.equal(await selectedItem(), null);
    assert.equal(await currentMessage().count(), 0);
    assert.ok((await messageList().getByRole("button").count()) > 0, "the list is still there");
    assert.deepEqual(pageErrors, []);
  });

  it("harness in Outlook's dark theme → the page is dark and Office's theme says so", async () => {
    await page.goto(harness({ user: adele, internetMessageId: phishId, theme: "dark" }));
    await readingPane().getByRole("heading", { name: phishSubject }).waitFor();
    const background = await readingPane().evaluate((element) => getComputedStyle(element).backgroundColor);
    assert.ok(isDark(background), `reading pane background ${background} should be dark`);
    const theme = await page.evaluate(
      () => (globalThis as unknown as OfficeGlobal).Office.context.officeTheme.bodyBackgroundColor
    );
    assert.equal(theme, "#1f1f1f");
    await page.screenshot({ path: `${artifacts}/harness-dark.png` });
    assert.deepEqual(pageErrors, []);
  });

  it("harness in light and dark → axe finds no accessibility violations in the page around the task pane", async () => {
    for (const theme of ["light", "dark"]) {
      await page.goto(harness({ user: adele, internetMessageId: phishId, theme }));
      await readingPane().getByRole("heading", { name: phishSubject }).waitFor();
      // The task pane is the add-in's own page inside the harness; its checks belong to its own tests.
      const found = await accessibilityViolations(page, { exclude: ["#taskpane"] });
      assert.deepEqual(found, [], `${theme} theme`);
    }
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
