// End to end: the real task pane in the harness against `npm start`'s stack (sim, the API, the add-in dev
// server), signed in through msal-browser as each demo user: what each role sees and can do, in light and
// dark, with no console errors and no serious accessibility violations. Screenshots of every view are
// kept in test-artifacts/e2e/.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { accessibilityViolations } from "../support/accessibility.js";
import { collectPageErrors, launchBrowser } from "../support/browser.js";
import { requireChromium } from "../support/environment.js";
import { runNpmStart, type RunningStack } from "../support/runningStack.js";

const artifacts = "test-artifacts/e2e";
const phishId = "<demo-phish-0001@fabrikam.com>";
const adele = "adele.vance@contoso.com";
const themes = ["light", "dark"] as const;
type Theme = (typeof themes)[number];

describe("the task pane in the harness (Chromium, npm start)", function () {
  this.timeout(180_000);
  let stack: RunningStack;
  let browser: Browser;
  const pages: { page: Page; errors: string[] }[] = [];

  before(async function () {
    requireChromium(this);
    mkdirSync(artifacts, { recursive: true });
    stack = await runNpmStart();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (stack) await stack.interrupt();
  });

  afterEach(async function () {
    const failed = this.currentTest?.state === "failed";
    for (const [index, { page, errors }] of pages.splice(0).entries()) {
      // What the page showed when a test failed, to read next to the error.
      if (failed)
        await page.screenshot({
          path: `${artifacts}/failed-${this.currentTest!.title.slice(0, 40)}-${index}.png`,
        });
      await page.close();
      assert.deepEqual(errors, [], "no console errors");
    }
  });

  /** Opens the harness signed in as `user`; `mailbox` is another person's mailbox they opened. */
  async function openPane(query: {
    user: string;
    mailbox?: string;
    internetMessageId?: string;
    theme?: Theme;
  }) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    pages.push({ page, errors: collectPageErrors(page) });
    const params = new URLSearchParams(
      Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][]
    );
    await page.goto(`${stack.urls.harness}?${params}`);
    const pane = page.getByRole("complementary", { name: "Add-in task pane" });
    await pane.getByRole("main", { name: "Retention and holds" }).waitFor();
    return { page, pane };
  }

  /** A screenshot of the task pane, and axe over it: no serious or critical violation. */
  async function check(page: Page, pane: Locator, name: string) {
    await pane.screenshot({ path: `${artifacts}/taskpane-${name}.png` });
    const found = await accessibilityViolations(page, {
      include: "#taskpane",
      impacts: ["serious", "critical"],
    });
    assert.deepEqual(found, [], `accessibility of ${name}`);
  }

  for (const theme of themes) {
    it(`ordinary user (${theme}) → the item's tag, expiry, holds and deletion timeline; no admin view`, async () => {
      const { page, pane } = await openPane({ user: adele, internetMessageId: phishId, theme });
      await pane.getByRole("heading", { name: "Retention" }).waitFor();
      assert.match(await pane.getByTestId("retention-tag").innerText(), /^1 Week Delete \(a personal tag/);
      assert.match(await pane.getByTestId("expiry").innerText(), /^deleted \(recoverable for a while\) on /);
      await pane.getByRole("heading", { name: "If you delete it today" }).waitFor();
      assert.ok(
        (await pane
          .getByRole("list", { name: "What happens after deletion" })
          .getByRole("listitem")
          .count()) >= 2
      );
      assert.equal(await pane.getByRole("tab").count(), 0, "one view only: no tabs");
      assert.equal(await pane.getByRole("button", { name: "Preview" }).count(), 0);
      assert.equal(
        await pane.getByRole("heading", { name: "Retractions" }).count(),
        0,
        "no retraction history"
      );
      await check(page, pane, `item-${theme}`);
    });
  }

  for (const theme of themes) {
    it(`helpdesk (${theme}) → the Holds view decodes a mailbox's holds; a lookup finds Alex Wilber's Litigation Hold`, async () => {
      const { page, pane } = await openPane({ user: "helpdesk@contoso.com", theme });
      await pane.getByRole("tab", { name: "Holds" }).click();
      assert.deepEqual(await pane.getByRole("tab").allInnerTexts(), ["Item", "Holds"]);
      await pane.getByRole("heading", { name: "Holds on helpdesk@contoso.com" }).waitFor();
      await pane.getByRole("textbox", { name: "Mailbox" }).fill("alex.wilber@contoso.com");
      await pane.getByRole("button", { name: "Look up" }).click();
      await pane.getByRole("heading", { name: "Holds on alex.wilber@contoso.com" }).waitFor();
      await pane
        .getByRole("list", { name: "Holds and policies" })
        .getByText(/Litigation Hold/)
        .first()
        .waitFor();
      await check(page, pane, `holds-${theme}`);
    });
  }

  for (const theme of themes) {
    it(`auditor (${theme}) → the Audit view shows the chain intact and the recent records`, async () => {
      const { page, pane } = await openPane({ user: "admin@contoso.com", theme });
      await pane.getByRole("tab", { name: "Audit" }).click();
      await pane.getByRole("heading", { name: "Audit log" }).waitFor();
      await pane.getByText(/^Audit log intact: \d+ records/).waitFor();
      assert.ok((await pane.getByRole("list", { name: "Audit records" }).getByRole("listitem").count()) > 0);
      await check(page, pane, `audit-${theme}`);
    });
  }

  /** The admin's task pane on Adele's copy of the headline message (her mailbox shared with the admin). */
  const onHeadline = (user: string, theme: Theme = "light") =>
    openPane({ user, mailbox: adele, internetMessageId: phishId, theme });

  /** Fills the retract form, previews, and confirms; resolves once the job panel shows the job. */
  async function retract(pane: Locator, mode: "Soft" | "Hard", depth: number) {
    await pane.getByRole("tab", { name: "Retract" }).click();
    await pane.getByRole("combobox", { name: "Follow forwards and replies" }).click();
    await pane
      .page()
      .getByRole("option", { name: new RegExp(`^${depth}:`) })
      .click();
    await pane.getByRole("radio", { name: new RegExp(`^${mode}`) }).check();
    await pane.getByRole("textbox", { name: "Reason" }).fill("Phishing reported by several users");
    await pane.getByRole("button", { name: "Preview", exact: true }).click();
    const rows = pane
      .getByRole("table", { name: "Recipients" })
      .getByRole("checkbox", { name: /^Include .+@/ });
    await rows.first().waitFor();
    const included = await rows.count();
    await pane.getByRole("button", { name: "Retract", exact: true }).click();
    const dialog = pane.page().getByRole("dialog", { name: "Confirm retraction" });
    const question = await dialog.innerText();
    await dialog.getByRole("button", { name: "Retract", exact: true }).click();
    return { included, question };
  }

  it("admin → previews the headline message at depth 2, retracts soft, watches it finish, and undoes it", async () => {
    const { page, pane } = await onHeadline("admin@contoso.com");
    await pane.getByRole("tab", { name: "Retract" }).click();
    await check(page, pane, "retract-form-light");
    const { included, question } = await retract(pane, "Soft", 2);
    assert.ok(included >= 5, `${included} recipient rows`);
    assert.match(question, /soft/i);
    const progress = pane.getByRole("progressbar", { name: "Retraction progress" });
    await progress.waitFor();
    const result = pane.getByRole("region", { name: "Result" });
    await result.getByText(/Every included mailbox was retracted/).waitFor({ timeout: 60_000 });
    await check(page, pane, "retract-result-light");

    await pane.getByRole("button", { name: "Undo", exact: true }).click();
    await page
      .getByRole("dialog", { name: "Confirm undo" })
      .getByRole("button", { name: "Undo", exact: true })
      .click();
    await result.getByText(/Undone: every copy is back in its folder/).waitFor({ timeout: 60_000 });

    // The item view's history now lists the job.
    await pane.getByRole("tab", { name: "Item" }).click();
    const history = pane.getByRole("list", { name: "Retractions of this message" });
    assert.match(
      await history.getByRole("listitem").first().innerText(),
      /by admin@contoso\.com: restored in \d+ of \d+ mailboxes/
    );
  });

  it("the retract view in the dark theme → readable, no serious accessibility violation", async () => {
    const { page, pane } = await onHeadline("admin@contoso.com", "dark");
    await pane.getByRole("tab", { name: "Retract" }).click();
    await pane.getByRole("textbox", { name: "Reason" }).waitFor();
    await check(page, pane, "retract-form-dark");
  });

  it("hard retraction → waits for approval; the requester cannot approve; the approver approves and it completes", async () => {
    const admin = await onHeadline("admin@contoso.com");
    await retract(admin.pane, "Hard", 0);
    await admin.pane
      .getByText(/Waiting for a second person with Retract\.Approve/)
      .first()
      .waitFor();
    assert.equal(await admin.pane.getByRole("button", { name: "Approve", exact: true }).count(), 0);

    const approver = await onHeadline("approver@contoso.com");
    await approver.pane.getByRole("tab", { name: "Retract" }).click();
    await approver.pane
      .getByRole("button", { name: /Waiting for approval|awaiting approval/i })
      .first()
      .click();
    await approver.pane.getByRole("button", { name: "Approve", exact: true }).click();
    await approver.pane
      .getByRole("region", { name: "Result" })
      .getByText(/Every included mailbox was retracted/)
      .waitFor({ timeout: 60_000 });
    await check(approver.page, approver.pane, "retract-approved-light");
  });

  it("Outlook without NestedAppAuth → the sign-in dialog signs in with a redirect and hands the API token to the task pane", async () => {
    const page = await browser.newPage();
    pages.push({ page, errors: collectPageErrors(page) });
    // The dialog page loads Office.js from Microsoft's CDN: here a stand-in keeps what it sends its parent.
    await page.route("https://appsforoffice.microsoft.com/**", (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: "window.Office = { onReady: () => Promise.resolve({ host: 'Outlook' }), context: { ui: { messageParent: (m) => { window.dialogAnswer = m; } } } };",
      })
    );
    await page.goto(
      `${stack.urls.taskpane.replace("taskpane.html", "auth-dialog.html")}?loginHint=${encodeURIComponent(adele)}`
    );
    await page.getByRole("button", { name: "Sign in" }).click(); // sim's sign-in page, the user chosen by the hint
    const answer = await page.waitForFunction(
      () => (window as unknown as { dialogAnswer?: string }).dialogAnswer
    );
    const { accessToken, expiresOn } = JSON.parse((await answer.jsonValue()) as string) as {
      accessToken: string;
      expiresOn: string;
    };
    assert.ok(Date.parse(expiresOn) > Date.now());
    const me = await fetch(`${stack.urls.api}api/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { userPrincipalName: string }).userPrincipalName, adele);
  });
});
