import assert from "node:assert/strict";
import { createApiClient } from "../../../addin/src/api/apiClient.js";
import { ApiError } from "../../../addin/src/api/apiError.js";

type Seen = { url: string; init: RequestInit };

/** A fetch answering from a list, recording each request; and a token source counting fresh tokens. */
function harness(answers: (() => Response)[]) {
  const seen: Seen[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error("no answer left");
    return next();
  }) as unknown as typeof fetch;
  let fresh = 0;
  const tokens = {
    getToken: async (options: { fresh?: boolean } = {}) => (options.fresh ? `fresh-${++fresh}` : "cached"),
  };
  return {
    seen,
    fetchImpl,
    tokens,
    header: (i: number, name: string) => new Headers(seen[i]!.init.headers).get(name),
  };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json", ...headers },
    });

describe("createApiClient", () => {
  it("item status → GET with the query encoded, a bearer token and a request id", async () => {
    const h = harness([json(200, { ok: true })]);
    const api = createApiClient("https://api.example", h.tokens, h.fetchImpl);
    await api.itemStatus("a+b@contoso.com", "<x&y@fabrikam.com>");
    assert.equal(
      h.seen[0]!.url,
      "https://api.example/api/items/status?mailbox=a%2Bb%40contoso.com&internetMessageId=%3Cx%26y%40fabrikam.com%3E"
    );
    assert.equal(h.header(0, "authorization"), "Bearer cached");
    assert.match(h.header(0, "x-request-id") ?? "", /^[0-9a-f-]{36}$/);
  });

  it("401 once → asks for a fresh token and succeeds on the second try", async () => {
    const h = harness([
      json(401, { error: { code: "INVALID_TOKEN", message: "expired" } }),
      json(200, { upn: "a" }),
    ]);
    const api = createApiClient("", h.tokens, h.fetchImpl);
    assert.deepEqual(await api.me(), { upn: "a" });
    assert.equal(h.header(1, "authorization"), "Bearer fresh-1");
  });

  it("401 twice → ApiError of kind signIn, no third request", async () => {
    const refused = json(401, { error: { code: "INVALID_TOKEN", message: "bad audience" } });
    const h = harness([refused, refused]);
    const api = createApiClient("", h.tokens, h.fetchImpl);
    await assert.rejects(api.me(), (err: unknown) => err instanceof ApiError && err.kind === "signIn");
    assert.equal(h.seen.length, 2);
  });

  it("submit → POST JSON with the Idempotency-Key header", async () => {
    const h = harness([json(202, { id: "job-1" })]);
    const api = createApiClient("", h.tokens, h.fetchImpl);
    const request = {
      internetMessageId: "<m@x>",
      mailbox: "a@contoso.com",
      mode: "soft" as const,
      reason: "phish",
      include: ["b@contoso.com"],
    };
    await api.submit(request, "key-1");
    assert.equal(h.seen[0]!.init.method, "POST");
    assert.equal(h.header(0, "idempotency-key"), "key-1");
    assert.equal(h.header(0, "content-type"), "application/json");
    assert.deepEqual(JSON.parse(h.seen[0]!.init.body as string), request);
  });

  it("fetch throws → ApiError of kind network", async () => {
    const h = harness([
      () => {
        throw new TypeError("Failed to fetch");
      },
    ]);
    const api = createApiClient("", h.tokens, h.fetchImpl);
    await assert.rejects(
      api.retraction("j"),
      (err: unknown) => err instanceof ApiError && err.kind === "network"
    );
  });

  it("followJob → each event of a stream split across chunks, in order, until it ends", async () => {
    const chunks = [
      'event: snapshot\ndata: {"id":"j"}\n\nevent: prog',
      'ress\ndata: {"percent":50}\n\n: still working\n\n',
      "event: end\ndata: {}\n\n",
    ];
    const stream = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
            controller.close();
          },
        }),
        { status: 200, headers: { "content-type": "text/event-stream" } }
      );
    const h = harness([stream]);
    const api = createApiClient("", h.tokens, h.fetchImpl);
    const events: string[] = [];
    await api.followJob(
      "j",
      (event) => events.push(`${event.event}:${JSON.stringify(event.data)}`),
      new AbortController().signal
    );
    assert.deepEqual(events, ['snapshot:{"id":"j"}', 'progress:{"percent":50}', "end:{}"]);
    assert.equal(h.seen[0]!.url, "/api/retractions/j/events");
  });
});
