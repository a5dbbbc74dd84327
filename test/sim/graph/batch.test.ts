// Conformance of sim's JSON batching (POST /v1.0/$batch): per-request statuses inside a 200, 424 for
// a request whose dependency failed, the 20-request limit, malformed batches, and sub-requests counted
// one by one against the mailbox limits (a throttled one gets 429 and Retry-After in its sub-response).
import assert from "node:assert/strict";
import { demo, startSim, type Reply, type RunningSim } from "../../support/simServer.js";
import { testSettings } from "../../../sim/src/settings.js";

type SubRequest = {
  id: string;
  method: string;
  url: string;
  dependsOn?: string[];
  headers?: Record<string, string>;
  body?: unknown;
};
type SubResponse = {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
};
type Copy = { mailbox: string; id: string; folder: string };
type ErrorBody = { error: { code: string; message: string; innerError: Record<string, unknown> } };

const header = (response: SubResponse, name: string) =>
  Object.entries(response.headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

describe("sim Graph: $batch", () => {
  let s: RunningSim;
  let token: string;
  const batch = (body: unknown): Promise<Reply> => s.call("/v1.0/$batch", { token, method: "POST", body });
  const responsesOf = (reply: Reply): Map<string, SubResponse> => {
    assert.equal(reply.status, 200, reply.text);
    return new Map((reply.body as { responses: SubResponse[] }).responses.map((r) => [r.id, r]));
  };

  before(async () => {
    s = await startSim();
    token = await s.appToken();
  });
  after(() => s.close());
  afterEach(() => void Object.assign(s.sim.settings, testSettings));

  it("three GETs → 200 with each request's own status, headers and body", async () => {
    const requests: SubRequest[] = [
      { id: "1", method: "GET", url: "/users/adele.vance@contoso.com" },
      { id: "2", method: "GET", url: "/domains" },
      {
        id: "3",
        method: "GET",
        url: `/users/adele.vance@contoso.com/messages?$filter=${encodeURIComponent(`internetMessageId eq '${demo.phishId}'`)}`,
      },
    ];

    const responses = responsesOf(await batch({ requests }));

    assert.deepEqual([...responses.keys()].sort(), ["1", "2", "3"]);
    for (const response of responses.values()) {
      assert.equal(response.status, 200, JSON.stringify(response));
      assert.match(header(response, "request-id") ?? "", /^[0-9a-f-]{36}$/);
    }
    assert.equal(responses.get("1")!.body!.userPrincipalName, "adele.vance@contoso.com");
    assert.ok((responses.get("2")!.body!.value as unknown[]).length >= 3);
    const found = responses.get("3")!.body!.value as { internetMessageId: string }[];
    assert.deepEqual(
      found.map((m) => m.internetMessageId),
      [demo.phishId]
    );
  });

  it("a /v1.0 prefix on a sub-request url → stripped, the request runs", async () => {
    const responses = responsesOf(
      await batch({ requests: [{ id: "a", method: "GET", url: "/v1.0/domains" }] })
    );

    assert.equal(responses.get("a")!.status, 200);
  });

  it("a failing request and one that dependsOn it → the first fails on its own, the dependent gets 424", async () => {
    const requests: SubRequest[] = [
      { id: "1", method: "GET", url: "/users/adele.vance@contoso.com/messages/not-an-id" },
      { id: "2", method: "GET", url: "/users/adele.vance@contoso.com/mailFolders/inbox", dependsOn: ["1"] },
      { id: "3", method: "GET", url: "/domains" },
    ];

    const responses = responsesOf(await batch({ requests }));

    assert.equal(responses.get("1")!.status, 400);
    assert.equal((responses.get("1")!.body as ErrorBody).error.code, "ErrorInvalidIdMalformed");
    assert.equal(responses.get("2")!.status, 424);
    assert.equal(responses.get("3")!.status, 200, "an independent request still runs");
  });

  it("a request that dependsOn a successful one → runs after it", async () => {
    const requests: SubRequest[] = [
      { id: "1", method: "GET", url: "/domains" },
      { id: "2", method: "GET", url: "/users/adele.vance@contoso.com/mailFolders/inbox", dependsOn: ["1"] },
    ];

    const responses = responsesOf(await batch({ requests }));

    assert.equal(responses.get("2")!.status, 200);
  });

  it("a POST move inside the batch with Content-Type → 201 and the move happens", async () => {
    const copies = async () =>
      (
        (await s.call(`/_sim/copies?internetMessageId=${encodeURIComponent(demo.phishId)}`)).body as {
          value: Copy[];
        }
      ).value.find((c) => c.mailbox === "joni.sherman@contoso.com")!;
    const before = await copies();
    assert.equal(before.folder, "Inbox");
    const url = `/users/joni.sherman@contoso.com/messages/${encodeURIComponent(before.id)}/move`;

    const responses = responsesOf(
      await batch({
        requests: [
          {
            id: "m",
            method: "POST",
            url,
            headers: { "Content-Type": "application/json" },
            body: { destinationId: "deleteditems" },
          },
        ],
      })
    );

    assert.equal(responses.get("m")!.status, 201, JSON.stringify(responses.get("m")));
    assert.equal((await copies()).folder, "Deleted Items");
  });

  it("21 requests → 400 BadRequest for the whole batch", async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({
      id: String(i + 1),
      method: "GET",
      url: "/domains",
    }));

    const reply = await batch({ requests });

    assert.equal(reply.status, 400);
    assert.equal((reply.body as ErrorBody).error.code, "BadRequest");
  });

  it("20 requests → accepted (the maximum)", async () => {
    const requests = Array.from({ length: 20 }, (_, i) => ({
      id: String(i + 1),
      method: "GET",
      url: "/domains",
    }));

    const responses = responsesOf(await batch({ requests }));

    assert.equal(responses.size, 20);
  });

  for (const [what, body] of [
    ["a body that is not JSON", "{requests: ["],
    ["no requests array", { value: [] }],
    ["an empty requests array", { requests: [] }],
    ["a request without an id", { requests: [{ method: "GET", url: "/domains" }] }],
    [
      "two requests with the same id",
      {
        requests: [
          { id: "1", method: "GET", url: "/domains" },
          { id: "1", method: "GET", url: "/domains" },
        ],
      },
    ],
    [
      "an absolute url",
      { requests: [{ id: "1", method: "GET", url: "https://graph.microsoft.com/v1.0/domains" }] },
    ],
    [
      "dependsOn an unknown id",
      { requests: [{ id: "1", method: "GET", url: "/domains", dependsOn: ["9"] }] },
    ],
  ] as const) {
    it(`malformed batch: ${what} → 400 BadRequest`, async () => {
      const reply = await batch(body);

      assert.equal(reply.status, 400, reply.text);
      assert.equal((reply.body as ErrorBody).error.code, "BadRequest");
      assert.equal((reply.body as ErrorBody).error.innerError["request-id"], reply.headers["request-id"]);
    });
  }

  it("a sub-request with a body but no Content-Type header → 400 for that request only", async () => {
    const requests = [
      {
        id: "1",
        method: "POST",
        url: "/users/adele.vance@contoso.com/messages/AAMkAGI2AAAAAAAAAAAAAAAAAAAA/move",
        body: { destinationId: "inbox" },
      },
      { id: "2", method: "GET", url: "/domains" },
    ];

    const responses = responsesOf(await batch({ requests }));

    assert.equal(responses.get("1")!.status, 400);
    assert.match((responses.get("1")!.body as ErrorBody).error.message, /Content-Type/);
    assert.equal(responses.get("2")!.status, 200);
  });

  it("sub-requests → counted one by one against the mailbox's request limit: 429 with Retry-After in the throttled sub-responses", async () => {
    s.sim.settings.mailboxRequestsPer10Minutes = 2;
    const requests = Array.from({ length: 5 }, (_, i) => ({
      id: String(i + 1),
      method: "GET",
      url: "/users/raul.razo@contoso.com/mailFolders/inbox",
    }));

    const reply = await batch({ requests });

    const responses = [...responsesOf(reply).values()];
    assert.equal(responses.filter((r) => r.status === 200).length, 2);
    const throttled = responses.filter((r) => r.status === 429);
    assert.equal(throttled.length, 3);
    for (const response of throttled) {
      assert.equal((response.body as ErrorBody).error.code, "ApplicationThrottled");
      const retryAfter = Number.parseFloat(header(response, "Retry-After") ?? "");
      assert.ok(retryAfter > 0 && retryAfter <= 600, `Retry-After ${header(response, "Retry-After")}`);
    }
  });

  it("20 unordered GETs to one mailbox → at most 4 in flight at once, so none is refused for concurrency", async () => {
    Object.assign(s.sim.settings, { latencyMs: 30, latencyJitter: 0 });
    const requests = Array.from({ length: 20 }, (_, i) => ({
      id: String(i + 1),
      method: "GET",
      url: "/users/cameron.white@contoso.com/mailFolders/inbox",
    }));

    const responses = [...responsesOf(await batch({ requests })).values()];

    assert.deepEqual(
      responses.map((r) => r.status),
      Array(20).fill(200)
    );
    const settings = (await s.call("/_sim/settings")).body as { peakInFlightPerMailbox: number };
    assert.equal(settings.peakInFlightPerMailbox, 4);
  });
});
