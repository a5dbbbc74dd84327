// Folder names as the rules see them: default folders by Graph's well-known name (their ids read once per
// mailbox in one $batch), user folders by display name, told apart when they look like a name the rules
// give a meaning to. Graph is a fake that answers the $batch and folder reads from a table.
import assert from "node:assert/strict";
import type { GraphGateway } from "../../../api/src/graph/graphClient.js";
import type { BatchRequest, BatchResponse } from "../../../api/src/graph/graphTypes.js";
import {
  createFolderNamer,
  taggableFolders,
  userFolderName,
} from "../../../api/src/mailboxes/folderNames.js";
import { graphFailure } from "../../../api/src/graph/graphErrors.js";
import { UpstreamError } from "../../../api/src/outbound/upstreamError.js";
import { explain } from "../../../api/src/rules/explain.js";

const adele = "adele.vance@contoso.com";
const megan = "megan.bowen@contoso.com";

/** Default-folder ids per mailbox; a well-known name left out answers 404 (the mailbox lacks it). */
const defaultFolders: Record<string, Record<string, string>> = {
  [adele]: {
    inbox: "AAMkAD-adele-inbox",
    sentitems: "AAMkAD-adele-sent",
    deleteditems: "AAMkAD-adele-deleted",
    junkemail: "AAMkAD-adele-junk",
    drafts: "AAMkAD-adele-drafts",
    outbox: "AAMkAD-adele-outbox",
    conversationhistory: "AAMkAD-adele-conversations",
    clutter: "AAMkAD-adele-clutter",
    syncissues: "AAMkAD-adele-syncissues",
    // no archive
  },
  [megan]: { inbox: "AAMkAD-megan-inbox", archive: "AAMkAD-megan-archive" },
};

/** User folders by id: their display names. */
const userFolders: Record<string, string | null> = {
  "AAMkAD-adele-invoices": "Invoices",
  "AAMkAD-adele-fake-inbox": "Inbox",
  "AAMkAD-adele-unnamed": null,
};

type FakeGraph = GraphGateway & {
  batches: BatchRequest[][];
  folderReads: [string, string][];
  /** Sub-responses given instead of the folder's, by well-known name, until removed. */
  failing: Map<string, Omit<BatchResponse, "id">>;
};

const refuse = (name: string) => () => Promise.reject(new Error(`unexpected Graph call: ${name}`));

function fakeGraph(): FakeGraph {
  const batches: BatchRequest[][] = [];
  const folderReads: [string, string][] = [];
  const failing = new Map<string, Omit<BatchResponse, "id">>();
  return {
    batches,
    folderReads,
    failing,
    getUser: refuse("getUser"),
    findRecipientByAddress: refuse("findRecipientByAddress"),
    listDomains: refuse("listDomains"),
    // eslint-disable-next-line require-yield -- it refuses before yielding anything
    transitiveMembers: async function* () {
      throw new Error("unexpected Graph call: transitiveMembers");
    },
    findCopies: refuse("findCopies"),
    getMessageText: refuse("getMessageText"),
    getCopy: refuse("getCopy"),
    listUsers: refuse("listUsers"),
    listConversation: refuse("listConversation"),
    moveMessage: refuse("moveMessage"),
    permanentDelete: refuse("permanentDelete"),
    async batch(requests) {
      batches.push(requests);
      const responses = requests.map((request): BatchResponse => {
        const [, user = "", name = ""] = /^\/users\/([^/]+)\/mailFolders\/([^?]+)\?/.exec(request.url) ?? [];
        const failure = failing.get(name);
        if (failure) return { id: request.id, ...failure };
        const id = defaultFolders[decodeURIComponent(user).toLowerCase()]?.[name];
        return id
          ? { id: request.id, status: 200, headers: {}, body: { id } }
          : {
              id: request.id,
              status: 404,
              headers: {},
              body: { error: { code: "ErrorFolderNotFound", message: "The folder was not found." } },
            };
      });
      return { responses, requestId: `batch-${batches.length}` };
    },
    async getMailFolder(mailbox, folderId) {
      const failure = failing.get(folderId);
      if (failure) throw graphFailure(failure, { operation: "read a folder", mailbox });
      const wellKnown = defaultFolders[mailbox.toLowerCase()]?.[folderId];
      if (wellKnown) return { value: { id: wellKnown }, requestIds: ["rid-inbox"] };
      folderReads.push([mailbox, folderId]);
      if (!(folderId in userFolders)) throw new Error(`no folder ${folderId}`);
      return { value: { id: folderId, displayName: userFolders[folderId] }, requestIds: ["rid-folder"] };
    },
  };
}

async function upstreamFailure(promise: Promise<unknown>): Promise<UpstreamError> {
  return promise.then(
    () => assert.fail("expected a failure"),
    (err: unknown) => {
      assert.ok(err instanceof UpstreamError, String(err));
      return err;
    }
  );
}

describe("folderNames", () => {
  describe("userFolderName", () => {
    for (const name of ["Invoices", "Project Falcon", "Inbox 2024", "Old Inbox", "Deleted", "Purges"])
      it(`"${name}" → kept as it is`, () => {
        assert.equal(userFolderName(name), name);
      });

    it("surrounding spaces → trimmed", () => {
      assert.equal(userFolderName("  Invoices \t"), "Invoices");
    });

    it("an empty or blank name → (unnamed folder)", () => {
      assert.equal(userFolderName(""), "(unnamed folder)");
      assert.equal(userFolderName("   "), "(unnamed folder)");
    });

    const reserved = [
      "Inbox",
      "inbox",
      "Sent Items",
      "Deleted Items",
      "DELETEDITEMS",
      "Junk Email",
      "Drafts",
      "Outbox",
      "Conversation History",
      "Archive",
      "Clutter",
      "Sync Issues",
      "RSS Feeds",
      "RSSFeeds",
      "Recoverable Items Deletions",
      "recoverable items purges",
      "RecoverableItemsDiscoveryHolds",
      "Removed",
    ];
    for (const name of reserved)
      it(`"${name}" (squashes to a name the rules know) → "${name} (user folder)"`, () => {
        assert.equal(userFolderName(name), `${name} (user folder)`);
      });

    it("a reserved name with surrounding spaces → trimmed, then marked", () => {
      assert.equal(userFolderName("  Inbox "), "Inbox (user folder)");
    });

    it('user folders called "Inbox" and "RSSFeeds" → the rules give them the default tag, not those folders\' tags', () => {
      const tagType = { Inbox: "Inbox", RSSFeeds: "RssSubscriptions" } as const;
      for (const [name, type] of Object.entries(tagType)) {
        const explanation = explain({
          asOf: "2026-03-01T00:00:00Z",
          retentionTags: [
            {
              Name: `${type} 1 Week Delete`,
              Type: type,
              AgeLimitForRetention: "7.00:00:00",
              RetentionAction: "DeleteAndAllowRecovery",
            },
            {
              Name: "3 Year Delete",
              Type: "All",
              AgeLimitForRetention: "1095.00:00:00",
              RetentionAction: "DeleteAndAllowRecovery",
            },
          ],
          item: { receivedDateTime: "2026-01-01T00:00:00Z", folder: userFolderName(name) },
        });

        assert.deepEqual(explanation.retention.tag, {
          name: "3 Year Delete",
          source: "default",
          action: "DeleteAndAllowRecovery",
          ageLimitDays: 1095,
        });
      }
    });
  });

  describe("createFolderNamer", () => {
    let clock: number;
    const now = () => clock;
    beforeEach(() => {
      clock = Date.UTC(2026, 2, 2, 9, 30);
    });

    it("a default folder's id → its well-known name", async () => {
      const graph = fakeGraph();
      const folderName = createFolderNamer(graph, now);

      assert.equal(await folderName(adele, "AAMkAD-adele-inbox"), "inbox");
      assert.equal(await folderName(adele, "AAMkAD-adele-deleted"), "deleteditems");
      assert.equal(await folderName(adele, "AAMkAD-adele-conversations"), "conversationhistory");
      assert.equal(await folderName(megan, "AAMkAD-megan-archive"), "archive");
      assert.deepEqual(graph.folderReads, []);
    });

    it("the $batch → one GET per taggable folder, by well-known name, selecting only the id", async () => {
      const graph = fakeGraph();

      await createFolderNamer(graph, now)(adele, "AAMkAD-adele-sent");

      const [requests] = graph.batches;
      assert.deepEqual(
        requests?.map((r) => r.id),
        [...taggableFolders]
      );
      assert.deepEqual(requests?.[0], {
        id: "inbox",
        method: "GET",
        url: "/users/adele.vance%40contoso.com/mailFolders/inbox?$select=id",
      });
      assert.ok(
        requests?.every((r) => r.method === "GET" && r.url.endsWith(`/mailFolders/${r.id}?$select=id`))
      );
    });

    it("many calls for one mailbox, together, after each other and in any case → one $batch", async () => {
      const graph = fakeGraph();
      const folderName = createFolderNamer(graph, now);

      const together = await Promise.all([
        folderName(adele, "AAMkAD-adele-inbox"),
        folderName(adele, "AAMkAD-adele-sent"),
        folderName("Adele.Vance@Contoso.com", "AAMkAD-adele-junk"),
      ]);
      const later = await folderName(adele, "AAMkAD-adele-drafts");

      assert.deepEqual(together, ["inbox", "sentitems", "junkemail"]);
      assert.equal(later, "drafts");
      assert.equal(graph.batches.length, 1);
    });

    it("another mailbox → its own $batch, addressed to it", async () => {
      const graph = fakeGraph();
      const folderName = createFolderNamer(graph, now);

      await folderName(adele, "AAMkAD-adele-sent");
      assert.equal(await folderName(megan, "AAMkAD-megan-archive"), "archive");

      assert.equal(graph.batches.length, 2);
      assert.ok(graph.batches[1]?.every((r) => r.url.startsWith("/users/megan.bowen%40contoso.com/")));
    });

    it("an hour later → the default folders are read again", async () => {
      const graph = fakeGraph();
      const folderName = createFolderNamer(graph, now);
      await folderName(adele, "AAMkAD-adele-sent");

      clock += 60 * 60_000 - 1;
      await folderName(adele, "AAMkAD-adele-sent");
      assert.equal(graph.batches.length, 1);
      clock += 1;
      await folderName(adele, "AAMkAD-adele-sent");

      assert.equal(graph.batches.length, 2);
    });

    it("a 404 sub-response (no archive) → skipped; the other defaults are named and other ids are user folders", async () => {
      const graph = fakeGraph();
      const folderName = createFolderNamer(graph, now);

      assert.equal(await folderName(adele, "AAMkAD-adele-syncissues"), "syncissues");
      assert.equal(await folderName(adele, "AAMkAD-adele-invoices"), "Invoices");

      assert.equal(graph.batches.length, 1);
      assert.deepEqual(graph.folderReads, [[adele, "AAMkAD-adele-invoices"]]);
    });

    it("a 429 sub-response → 503 UPSTREAM_THROTTLED with Retry-After, and the next call reads again", async () => {
      // Arrange
      const graph = fakeGraph();
      const folderName = createFolderNamer(graph, now);
      graph.failing.set("junkemail", {
        status: 429,
        headers: { "retry-after": "7" },
        body: { error: { code: "ApplicationThrottled", message: "Too many requests." } },
      });

      // Act
      const err = await upstreamFailure(folderName(adele, "AAMkAD-adele-sent"));
      graph.failing.clear();
      const retried = await folderName(adele, "AAMkAD-adele-sent");

      // Assert
      assert.equal(err.status, 503);
      assert.equal(err.code, "UPSTREAM_THROTTLED");
      assert.equal(err.retryAfterSeconds, 7);
      assert.equal(err.upstreamStatus, 429);
      assert.match(err.message, /adele\.vance@contoso\.com/);
      assert.equal(retried, "sentitems");
      assert.equal(graph.batches.length, 2);
    });

    it("a copy in the Inbox → named by one read of the Inbox, without the $batch", async () => {
      const graph = fakeGraph();
      const folderName = createFolderNamer(graph, now);

      assert.equal(await folderName(adele, "AAMkAD-adele-inbox"), "inbox");
      assert.equal(await folderName(megan, "AAMkAD-megan-inbox"), "inbox");

      assert.equal(graph.batches.length, 0);
      assert.deepEqual(graph.folderReads, []);
    });

    it("a 403 reading the Inbox → 403 MAILBOX_OUT_OF_SCOPE naming the mailbox, and the next call reads again", async () => {
      const graph = fakeGraph();
      const folderName = createFolderNamer(graph, now);
      graph.failing.set("inbox", {
        status: 403,
        headers: {},
        body: { error: { code: "ErrorAccessDenied", message: "Access is denied." } },
      });

      const err = await upstreamFailure(folderName(adele, "AAMkAD-adele-sent"));
      graph.failing.clear();
      const retried = await folderName(adele, "AAMkAD-adele-sent");

      assert.equal(err.status, 403);
      assert.equal(err.code, "MAILBOX_OUT_OF_SCOPE");
      assert.match(err.message, /the mailbox adele\.vance@contoso\.com/);
      assert.equal(retried, "sentitems");
      assert.equal(graph.batches.length, 1);
      assert.deepEqual(graph.folderReads, []);
    });

    it("a user folder's id → getMailFolder's display name", async () => {
      const graph = fakeGraph();

      const name = await createFolderNamer(graph, now)(adele, "AAMkAD-adele-invoices");

      assert.equal(name, "Invoices");
      assert.deepEqual(graph.folderReads, [[adele, "AAMkAD-adele-invoices"]]);
    });

    it('a user folder called "Inbox" → "Inbox (user folder)"; one with no name → (unnamed folder)', async () => {
      const folderName = createFolderNamer(fakeGraph(), now);

      assert.equal(await folderName(adele, "AAMkAD-adele-fake-inbox"), "Inbox (user folder)");
      assert.equal(await folderName(adele, "AAMkAD-adele-unnamed"), "(unnamed folder)");
    });

    it("one mailbox's default-folder id asked of another → read as a folder of that other mailbox", async () => {
      const graph = fakeGraph();
      const folderName = createFolderNamer(graph, now);

      await folderName(adele, "AAMkAD-adele-inbox");
      await assert.rejects(folderName(megan, "AAMkAD-adele-inbox"), /no folder AAMkAD-adele-inbox/);

      assert.deepEqual(graph.folderReads, [[megan, "AAMkAD-adele-inbox"]]);
    });
  });
});
