// The Graph gateway against sim over HTTPS: finding every copy of a message (retention properties
// decoded, awkward Message-IDs matched exactly, all pages followed), directory lookups, threads, the
// retraction's move and permanent delete, $batch, and throttling with Retry-After honoured.
import assert from "node:assert/strict";
import type { TokenCredential } from "@azure/identity";
import { createGraph, type GraphGateway } from "../../../api/src/graph/graphClient.js";
import { createAppCredential } from "../../../api/src/outbound/credential.js";
import type { ApiConfig } from "../../../api/src/config.js";
import { UpstreamError } from "../../../api/src/outbound/upstreamError.js";
import { testSettings } from "../../../sim/src/settings.js";
import { demo, demoFixtureJson, startSim, type RunningSim } from "../../support/simServer.js";
import { recordingFetch, simConfig, waitsBetween, type Exchange } from "../outbound/support.js";
import { collect } from "../../support/collect.js";

const adele = "adele.vance@contoso.com";
/** A Message-ID with everything that breaks naive escaping: quotes, +, &, #, %, /, a space. */
const trickyId = "<o'brien+test&x#y%41z/1 a@fabrikam.com>";
/** Ids a sloppy lookup would confuse with it ("+" read as a space, "%41" decoded, a quote doubled twice, cut at "&"). */
const lookalikes = [
  "<o'brien test&x#y%41z/1 a@fabrikam.com>",
  "<o'brien+test&x#yAz/1 a@fabrikam.com>",
  "<o''brien+test&x#y%41z/1 a@fabrikam.com>",
  "<o'brien+test>",
];
const selfId = "<note-to-self-0001@contoso.com>";
const threadRoot = "<thread-0000@fabrikam.com>";
const threadLength = 12;
const retractId = "<retract-me-0001@fabrikam.com>";
const bulkMembers = 230;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function fixture(): Record<string, unknown> {
  const f = demoFixtureJson() as Record<string, unknown[]>;
  const message = (internetMessageId: string, extra: Record<string, unknown> = {}) => ({
    internetMessageId,
    subject: `Test ${internetMessageId}`,
    from: "Fabrikam <news@fabrikam.com>",
    to: [adele],
    sentDateTime: "now-2h",
    ...extra,
  });
  const thread = Array.from({ length: threadLength }, (_, i) =>
    message(`<thread-${String(i).padStart(4, "0")}@fabrikam.com>`, {
      subject: i === 0 ? "Quarterly numbers" : "RE: Quarterly numbers",
      sentDateTime: `now-${threadLength - i}h`,
      ...(i > 0 ? { inReplyTo: `<thread-${String(i - 1).padStart(4, "0")}@fabrikam.com>` } : {}),
    })
  );
  const bulk = Array.from({ length: bulkMembers }, (_, i) => ({
    userPrincipalName: `bulk-${String(i).padStart(3, "0")}@contoso.com`,
    displayName: `Bulk ${i}`,
    mailbox: false,
  }));
  return {
    ...f,
    users: [
      ...f.users!,
      ...bulk,
      {
        userPrincipalName: "o'neil@contoso.com",
        displayName: "Pat O'Neil",
        otherAddresses: ["pat+news@contoso.com"],
      },
    ],
    groups: [
      ...f.groups!,
      {
        displayName: "Everyone bulk",
        mail: "bulk-all@contoso.com",
        members: bulk.map((u) => u.userPrincipalName),
      },
    ],
    messages: [
      ...f.messages!,
      message(trickyId),
      ...lookalikes.map((id) => message(id)),
      message(selfId, { from: `Adele Vance <${adele}>`, to: [adele] }),
      ...thread,
      message(retractId),
    ],
  };
}

describe("graphClient", () => {
  let s: RunningSim;
  let config: ApiConfig;
  let credential: TokenCredential;
  let graph: GraphGateway;

  before(async () => {
    s = await startSim({ fixture: fixture() });
    config = simConfig(s);
    credential = createAppCredential(config);
    graph = createGraph(config, credential);
  });
  after(() => s?.close());
  afterEach(() => void Object.assign(s.sim.settings, testSettings));

  describe("findCopies", () => {
    it("the demo phishing mail in adele.vance → one copy with its personal tag decoded", async () => {
      const tags = await s.call(`/adminapi/beta/${demo.tenantId}/InvokeCommand`, {
        token: await s.appToken("https://outlook.office365.com"),
        body: {
          CmdletInput: { CmdletName: "Get-RetentionPolicyTag", Parameters: { Identity: "1 Week Delete" } },
        },
      });
      const weekTag = (tags.body as { value: { RetentionId: string }[] }).value[0]!.RetentionId;

      const { value: copies, requestIds } = await graph.findCopies(adele, demo.phishId, {
        retentionProperties: true,
      });

      assert.equal(copies.length, 1);
      const copy = copies[0]!;
      assert.equal(copy.internetMessageId, demo.phishId);
      assert.equal(copy.subject, "Action required: confirm your payroll details");
      assert.equal(copy.from?.emailAddress?.address, "payroll@fabrikam.com");
      assert.ok(copy.toRecipients?.some((r) => r.emailAddress?.address === adele));
      assert.ok(copy.parentFolderId && copy.conversationId && copy.id);
      assert.equal(copy.retention?.policyTagId, weekTag.toLowerCase());
      assert.equal(copy.retention?.retentionPeriodDays, 7);
      assert.equal(copy.retention?.retentionFlags, 0x1 | 0x8);
      assert.equal(
        Date.parse(copy.retention!.retentionDate!) - Date.parse(copy.receivedDateTime!),
        7 * 24 * 60 * 60 * 1000
      );
      assert.equal(requestIds.length, 1);
      assert.match(requestIds[0]!, uuid);
    });

    it("retention properties not asked for → copies without a retention member", async () => {
      const { value: copies } = await graph.findCopies(adele, demo.phishId);

      assert.equal(copies.length, 1);
      assert.equal("retention" in copies[0]!, false);
    });

    it("a Message-ID with quotes, +, &, #, %, / and a space → exactly that message, not its lookalikes", async () => {
      const { value: copies } = await graph.findCopies(adele, trickyId);

      assert.deepEqual(
        copies.map((c) => c.internetMessageId),
        [trickyId]
      );
    });

    it("each lookalike → only itself", async () => {
      for (const id of lookalikes) {
        const { value: copies } = await graph.findCopies(adele, id);
        assert.deepEqual(
          copies.map((c) => c.internetMessageId),
          [id],
          id
        );
      }
    });

    it("mail to oneself, one copy per page → both copies (Sent Items and Inbox), one request id per page", async () => {
      const paged = createGraph(config, credential, { pageSize: 1 });

      const { value: copies, requestIds } = await paged.findCopies(adele, selfId);

      assert.equal(copies.length, 2);
      assert.notEqual(copies[0]!.parentFolderId, copies[1]!.parentFolderId);
      assert.equal(requestIds.length, 2);
    });

    it("a message the mailbox never got → no copies", async () => {
      const { value } = await graph.findCopies(adele, "<never-sent@nowhere.example>");

      assert.deepEqual(value, []);
    });
  });

  describe("directory", () => {
    it("getUser → the user with proxyAddresses", async () => {
      const { value: user, requestIds } = await graph.getUser(adele);

      assert.equal(user.userPrincipalName, adele);
      assert.deepEqual(user.proxyAddresses, ["SMTP:adele.vance@contoso.com", "smtp:adele@contoso.com"]);
      assert.match(requestIds[0]!, uuid);
    });

    it("findRecipientByAddress with a secondary address → the user", async () => {
      const { value } = await graph.findRecipientByAddress("adele@contoso.com");

      assert.equal(value?.kind, "user");
      assert.equal(value?.mail, adele);
    });

    it("findRecipientByAddress with quotes and + in the address → the user", async () => {
      assert.equal(
        (await graph.findRecipientByAddress("o'neil@contoso.com")).value?.displayName,
        "Pat O'Neil"
      );
      assert.equal(
        (await graph.findRecipientByAddress("pat+news@contoso.com")).value?.displayName,
        "Pat O'Neil"
      );
    });

    it("findRecipientByAddress with a distribution list's address → the group, after looking at users", async () => {
      const { value, requestIds } = await graph.findRecipientByAddress("finance-team@contoso.com");

      assert.equal(value?.kind, "group");
      assert.equal(value?.displayName, "Finance Team");
      assert.equal(requestIds.length, 2);
    });

    it("findRecipientByAddress with an unknown address → null", async () => {
      assert.equal((await graph.findRecipientByAddress("nobody@contoso.com")).value, null);
    });

    it("listDomains → the tenant's domains with verification state", async () => {
      const { value } = await graph.listDomains();

      const contoso = value.find((d) => d.id === "contoso.com");
      assert.equal(contoso?.isVerified, true);
      assert.ok(value.some((d) => d.isInitial));
    });

    it("transitiveMembers of a nested list → users and the nested group, flattened", async () => {
      const group = (await graph.findRecipientByAddress("finance-team@contoso.com")).value!;

      const members = (await collect(graph.transitiveMembers(group.id))).flatMap((p) => p.value);

      const mails = members.filter((m) => m.kind === "user").map((m) => m.mail);
      assert.ok(mails.includes("henrietta.mueller@contoso.com"), "member of the nested list");
      assert.ok(members.some((m) => m.kind === "group" && m.mail === "finance-leads@contoso.com"));
    });

    it("transitiveMembers of a big list, 100 per page → every member, in three pages of one request each", async () => {
      const paged = createGraph(config, credential, { pageSize: 100 });
      const group = (await paged.findRecipientByAddress("bulk-all@contoso.com")).value!;

      const pages = await collect(paged.transitiveMembers(group.id));

      const members = pages.flatMap((p) => p.value);
      assert.equal(members.length, bulkMembers);
      assert.equal(new Set(members.map((m) => m.id)).size, bulkMembers);
      assert.deepEqual(
        pages.map((p) => [p.value.length <= 100, p.requestIds.length]),
        [
          [true, 1],
          [true, 1],
          [true, 1],
        ]
      );
    });
  });

  describe("folders and threads", () => {
    it("getMailFolder by well-known name → the folder", async () => {
      const { value: inbox } = await graph.getMailFolder(adele, "inbox");

      assert.equal(inbox.displayName, "Inbox");
      assert.ok(inbox.id);
    });

    it("getMailFolder by the id a copy points at → that folder", async () => {
      const copy = (await graph.findCopies(adele, demo.phishId)).value[0]!;

      const { value: folder } = await graph.getMailFolder(adele, copy.parentFolderId!);

      assert.equal(folder.id, copy.parentFolderId);
    });

    it("listConversation, five per page → the whole thread with its headers, three pages", async () => {
      const paged = createGraph(config, credential, { pageSize: 5 });
      const root = (await paged.findCopies(adele, threadRoot)).value[0]!;

      const { value: thread, requestIds } = await paged.listConversation(adele, root.conversationId!);

      assert.equal(thread.length, threadLength);
      assert.equal(requestIds.length, 3);
      for (const message of thread) {
        const header = message.internetMessageHeaders.find((h) => h.name === "Message-ID");
        assert.equal(header?.value, message.internetMessageId);
      }
      const reply = thread.find((m) => m.internetMessageId === "<thread-0001@fabrikam.com>")!;
      assert.equal(reply.internetMessageHeaders.find((h) => h.name === "In-Reply-To")?.value, threadRoot);
    });
  });

  describe("retraction calls", () => {
    it("move, then permanentDelete of the old and the new id → new id, gone, deleted, each with a request id", async () => {
      const copy = (await graph.findCopies(adele, retractId)).value[0]!;

      const moved = await graph.moveMessage(adele, copy.id, "deleteditems");
      const again = await graph.permanentDelete(adele, copy.id);
      const purged = await graph.permanentDelete(adele, moved.id);

      assert.notEqual(moved.id, copy.id);
      assert.notEqual(moved.parentFolderId, copy.parentFolderId);
      assert.deepEqual(
        [uuid.test(moved.requestId), uuid.test(again.requestId), uuid.test(purged.requestId)],
        [true, true, true]
      );
      assert.equal(again.gone, true);
      assert.equal(purged.gone, false);
      const where = await s.call(`/_sim/copies?internetMessageId=${encodeURIComponent(retractId)}`);
      const locations = (where.body as { value: { mailbox: string; folder: string }[] }).value;
      assert.deepEqual(
        locations.filter((l) => l.mailbox === adele).map((l) => l.folder),
        ["Recoverable Items\\Purges"]
      );
    });

    it("moveMessage of an id that is not there → ITEM_NOT_FOUND with Graph's request id", async () => {
      const missing = "AAMkAGI2" + "A".repeat(40) + "==";

      const err = await graph.moveMessage(adele, missing, "deleteditems").then(
        () => assert.fail("expected a failure"),
        (e: unknown) => e as UpstreamError
      );

      assert.ok(err instanceof UpstreamError);
      assert.equal(err.code, "ITEM_NOT_FOUND");
      assert.equal(err.status, 404);
      assert.match(err.requestId ?? "", uuid);
    });
  });

  describe("batch", () => {
    it("three requests → each one's status, body and request id, in the order given", async () => {
      const copy = (await graph.findCopies(adele, demo.phishId)).value[0]!;
      const { responses, requestId } = await graph.batch([
        { id: "user", method: "GET", url: `/users/${encodeURIComponent(adele)}` },
        { id: "missing", method: "GET", url: "/users/nobody%40contoso.com/mailFolders/inbox" },
        {
          id: "folder",
          method: "GET",
          url: `/users/${encodeURIComponent(adele)}/mailFolders/${encodeURIComponent(copy.parentFolderId!)}`,
        },
      ]);

      assert.match(requestId, uuid);
      assert.deepEqual(
        responses.map((r) => [r.id, r.status]),
        [
          ["user", 200],
          ["missing", 404],
          ["folder", 200],
        ]
      );
      assert.equal((responses[0]!.body as { userPrincipalName: string }).userPrincipalName, adele);
      assert.match(responses[1]!.requestId ?? "", uuid);
    });

    it("21 requests → refused before anything is sent", async () => {
      const requests = Array.from({ length: 21 }, (_, i) => ({
        id: String(i),
        method: "GET" as const,
        url: "/domains",
      }));

      await assert.rejects(graph.batch(requests), { code: "INVALID_BATCH" });
    });

    it("sub-requests over the mailbox's concurrency → their 429s returned as they are, the batch sent once", async () => {
      Object.assign(s.sim.settings, {
        mailboxConcurrency: 1,
        latencyMs: 40,
        concurrencyRetryAfterSeconds: 7,
      });
      const { fetch, log } = recordingFetch();
      const watched = createGraph(config, credential, { fetch });

      const { responses } = await watched.batch(
        ["inbox", "sentitems", "deleteditems", "drafts"].map((name) => ({
          id: name,
          method: "GET" as const,
          url: `/users/${encodeURIComponent(adele)}/mailFolders/${name}`,
        }))
      );

      const throttled = responses.filter((r) => r.status === 429);
      assert.ok(throttled.length >= 1, JSON.stringify(responses.map((r) => r.status)));
      assert.ok(throttled.every((r) => r.headers["retry-after"] === "7"));
      assert.ok(responses.some((r) => r.status === 200));
      assert.equal(log.length, 1);
    });
  });

  describe("throttling", () => {
    const retryAfterMs = 250;

    it("429 on every try → waits Retry-After before each retry, then UPSTREAM_THROTTLED keeping Retry-After", async () => {
      Object.assign(s.sim.settings, {
        faultRate: 1,
        faultKinds: ["429"],
        faultRetryAfterSeconds: retryAfterMs / 1000,
      });
      const { fetch, log } = recordingFetch();
      const watched = createGraph(config, credential, { fetch, maxRetries: 2 });

      const err = await watched.getMailFolder(adele, "inbox").then(
        () => assert.fail("expected throttling"),
        (e: unknown) => e as UpstreamError
      );

      assert.equal(err.code, "UPSTREAM_THROTTLED");
      assert.equal(err.status, 503);
      assert.equal(err.retryAfterSeconds, retryAfterMs / 1000);
      assert.match(err.requestId ?? "", uuid);
      assert.deepEqual(
        log.map((e) => e.status),
        [429, 429, 429]
      );
      // Timers may fire a millisecond early against Date.now(); no retry comes anywhere near early.
      for (const wait of waitsBetween(log)) assert.ok(wait >= retryAfterMs - 2, `waited only ${wait} ms`);
    });

    it("a 429 once → one wait of Retry-After, then the answer, with the successful request's id", async () => {
      Object.assign(s.sim.settings, {
        faultRate: 1,
        faultKinds: ["429"],
        faultRetryAfterSeconds: retryAfterMs / 1000,
      });
      const { fetch, log } = recordingFetch((e: Exchange) => {
        if (e.status === 429) s.sim.settings.faultRate = 0;
      });
      const watched = createGraph(config, credential, { fetch });

      const { value: copies, requestIds } = await watched.findCopies(adele, demo.phishId);

      assert.equal(copies.length, 1);
      assert.deepEqual(
        log.map((e) => e.status),
        [429, 200]
      );
      assert.equal(log[1]!.headers["retry-attempt"], "1");
      assert.ok(waitsBetween(log)[0]! >= retryAfterMs - 2);
      assert.equal(requestIds.length, 1);
    });

    it("more concurrent calls than the mailbox allows → the refused ones wait Retry-After and all succeed", async () => {
      Object.assign(s.sim.settings, {
        mailboxConcurrency: 1,
        concurrencyRetryAfterSeconds: 0.2,
        latencyMs: 60,
      });
      const { fetch, log } = recordingFetch();
      const watched = createGraph(config, credential, { fetch });

      const folders = await Promise.all(
        ["inbox", "sentitems", "deleteditems"].map((name) => watched.getMailFolder(adele, name))
      );

      assert.deepEqual(
        folders.map((f) => f.value.displayName),
        ["Inbox", "Sent Items", "Deleted Items"]
      );
      assert.ok(
        log.some((e) => e.status === 429),
        "the mailbox limit was reached"
      );
      const chains = new Map<string | undefined, Exchange[]>();
      for (const e of log)
        chains.set(e.headers["client-request-id"], [
          ...(chains.get(e.headers["client-request-id"]) ?? []),
          e,
        ]);
      assert.equal(chains.size, 3);
      for (const chain of chains.values()) {
        assert.equal(chain.at(-1)!.status, 200);
        for (const wait of waitsBetween(chain)) assert.ok(wait >= 200 - 2, `waited only ${wait} ms`);
      }
    });

    it("a 504 on a read → retried; on a move → not retried (the move may have happened)", async () => {
      const copy = (await graph.findCopies(adele, selfId)).value[0]!;
      Object.assign(s.sim.settings, { faultRate: 1, faultKinds: ["504"] });
      const reads = recordingFetch();
      const moves = recordingFetch();

      const readError = await createGraph(config, credential, {
        fetch: reads.fetch,
        maxRetries: 1,
        retryDelaySeconds: 0.01,
      })
        .getMailFolder(adele, "inbox")
        .then(
          () => assert.fail("expected a failure"),
          (e: unknown) => e as UpstreamError
        );
      const moveError = await createGraph(config, credential, {
        fetch: moves.fetch,
        maxRetries: 1,
        retryDelaySeconds: 0.01,
      })
        .moveMessage(adele, copy.id, "inbox")
        .then(
          () => assert.fail("expected a failure"),
          (e: unknown) => e as UpstreamError
        );

      assert.equal(readError.code, "UPSTREAM_UNAVAILABLE");
      assert.equal(reads.log.length, 2);
      assert.equal(moveError.code, "UPSTREAM_UNAVAILABLE");
      assert.equal(moves.log.length, 1);
    });
  });
});
