import assert from "node:assert/strict";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

type Listed = { name: string; address: string; kind: string };
type ListedMessage = {
  id: string;
  subject: string;
  from: { name: string; address: string } | null;
  to: Listed[];
  cc: Listed[];
  receivedDateTime: string;
  internetMessageId: string;
  bodyPreview: string;
  folder: string;
};
type ErrorBody = { error: { code: string; message: string } };

describe("sim GET /_sim/mailboxes/:upn/messages", () => {
  let running: RunningSim;

  const list = async (upn: string): Promise<ListedMessage[]> => {
    const reply = await running.call(`/_sim/mailboxes/${encodeURIComponent(upn)}/messages`);
    assert.equal(reply.status, 200, reply.text);
    return (reply.body as { value: ListedMessage[] }).value;
  };

  before(async () => {
    running = await startSim();
  });
  after(() => running.close());

  it("an ordinary user → the messages of their visible folders, newest first, with folder and preview", async () => {
    const messages = await list("adele.vance@contoso.com");
    assert.deepEqual(
      messages.map((m) => [m.internetMessageId, m.folder]),
      [
        ["<demo-fwd-0002@contoso.com>", "Sent Items"],
        [demo.phishId, "Inbox"],
        ["<demo-lunch-0007@contoso.com>", "Inbox"],
        ["<demo-board-0006@contoso.com>", "Invoices"],
      ]
    );
    const times = messages.map((m) => Date.parse(m.receivedDateTime));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a)
    );
    const phish = messages[1]!;
    assert.equal(phish.subject, "Action required: confirm your payroll details");
    assert.deepEqual(phish.from, { name: "Fabrikam Payroll", address: "payroll@fabrikam.com" });
    assert.match(phish.bodyPreview, /^Dear colleague,/);
    assert.ok(phish.id.length > 20, "the copy's Graph id");
  });

  it("recipients → user for a tenant user, distributionList for a group, externalUser for anyone else", async () => {
    const phish = (await list("adele.vance@contoso.com")).find((m) => m.internetMessageId === demo.phishId)!;
    assert.deepEqual(phish.to, [
      { name: "Adele Vance", address: "adele.vance@contoso.com", kind: "user" },
      { name: "Alex Wilber", address: "alex.wilber@contoso.com", kind: "user" },
      { name: "Finance Team", address: "finance-team@contoso.com", kind: "distributionList" },
      { name: "Pradeep Gupta", address: "pradeep.gupta@contoso.com", kind: "user" },
    ]);
    assert.deepEqual(phish.cc, [
      { name: "Auditor", address: "auditor@tailspintoys.com", kind: "externalUser" },
      { name: "Paul Rivera", address: "paul.rivera@contoso-europe.com", kind: "externalUser" },
      { name: "Casey Contractor", address: "contractor@contoso.com", kind: "user" },
    ]);
  });

  it("a copy deleted through Graph → no longer listed (Recoverable Items is not a visible folder)", async () => {
    const token = await running.appToken();
    const before = (await list("alex.wilber@contoso.com")).find((m) => m.internetMessageId === demo.phishId)!;
    const deleted = await running.call(
      `/v1.0/users/alex.wilber@contoso.com/messages/${encodeURIComponent(before.id)}`,
      { method: "DELETE", token }
    );
    assert.equal(deleted.status, 204, deleted.text);
    const after = await list("alex.wilber@contoso.com");
    assert.equal(
      after.some((m) => m.internetMessageId === demo.phishId),
      false
    );
  });

  it("a browser on another origin → answered with Access-Control-Allow-Origin *", async () => {
    const reply = await running.call("/_sim/mailboxes/admin@contoso.com/messages", {
      headers: { origin: "https://localhost:3000" },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers["access-control-allow-origin"], "*");
  });

  it("an unknown user → 404 ErrorInvalidUser naming them, still readable cross-origin", async () => {
    const reply = await running.call("/_sim/mailboxes/nobody@contoso.com/messages");
    assert.equal(reply.status, 404);
    assert.equal((reply.body as ErrorBody).error.code, "ErrorInvalidUser");
    assert.match((reply.body as ErrorBody).error.message, /nobody@contoso\.com/);
    assert.equal(reply.headers["access-control-allow-origin"], "*");
  });

  it("a user without a mailbox → 404 MailboxNotEnabledForRESTAPI", async () => {
    const reply = await running.call("/_sim/mailboxes/contractor@contoso.com/messages");
    assert.equal(reply.status, 404);
    assert.equal((reply.body as ErrorBody).error.code, "MailboxNotEnabledForRESTAPI");
  });
});
