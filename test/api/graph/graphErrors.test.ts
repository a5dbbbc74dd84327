// Graph's failures as the API's errors: the mapping table on Graph-shaped answers, and the same codes
// coming out of the gateway for sim's real answers (scope, missing mailbox, bad token, unreachable).
import assert from "node:assert/strict";
import { createServer, type AddressInfo } from "node:net";
import type { TokenCredential } from "@azure/identity";
import { GraphClientError } from "@microsoft/microsoft-graph-client";
import { AppError } from "../../../api/src/errors.js";
import { createGraph, type GraphGateway } from "../../../api/src/graph/graphClient.js";
import { graphFailure, graphTransportFailure } from "../../../api/src/graph/graphErrors.js";
import { createAppCredential } from "../../../api/src/outbound/credential.js";
import { UpstreamError } from "../../../api/src/outbound/upstreamError.js";
import type { ApiConfig } from "../../../api/src/config.js";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";
import { simConfig } from "../outbound/support.js";
import { collect } from "../../support/collect.js";

const answer = (
  status: number,
  code: string,
  headers: Record<string, string> = {},
  message = "Graph's message."
) => ({
  status,
  headers: { "request-id": "rid-1", ...headers },
  body: { error: { code, message, innerError: { "request-id": "rid-body", date: "2026-01-01T00:00:00" } } },
});
const mailboxContext = { operation: "find copies of the message", mailbox: "ann@contoso.com" };

/** A loopback port nothing listens on (bound once, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  return promise.then(
    () => assert.fail("expected a failure"),
    (err: unknown) => {
      assert.ok(err instanceof UpstreamError, String(err));
      return err;
    }
  );
}

describe("graphErrors", () => {
  describe("graphFailure (mapping)", () => {
    const cases: [number, string, number, string][] = [
      [404, "ErrorInvalidUser", 404, "MAILBOX_NOT_FOUND"],
      [404, "Request_ResourceNotFound", 404, "MAILBOX_NOT_FOUND"],
      [404, "MailboxNotEnabledForRESTAPI", 404, "NO_MAILBOX"],
      [404, "ErrorItemNotFound", 404, "ITEM_NOT_FOUND"],
      [400, "ErrorInvalidIdMalformed", 400, "INVALID_ITEM_ID"],
      [400, "ErrorCannotDeleteObject", 409, "ITEM_NOT_DELETABLE"],
      [403, "ErrorAccessDenied", 403, "MAILBOX_OUT_OF_SCOPE"],
      [403, "Authorization_RequestDenied", 502, "UPSTREAM_PERMISSION"],
      [401, "InvalidAuthenticationToken", 502, "UPSTREAM_AUTH"],
      [429, "ApplicationThrottled", 503, "UPSTREAM_THROTTLED"],
      [503, "ServiceUnavailable", 502, "UPSTREAM_UNAVAILABLE"],
      [504, "GatewayTimeout", 502, "UPSTREAM_UNAVAILABLE"],
      [400, "BadRequest", 502, "UPSTREAM_REJECTED"],
    ];
    for (const [graphStatus, graphCode, status, code] of cases)
      it(`${graphStatus} ${graphCode} → ${status} ${code}`, () => {
        const err = graphFailure(answer(graphStatus, graphCode), mailboxContext);

        assert.ok(err instanceof AppError);
        assert.equal(err.status, status);
        assert.equal(err.code, code);
        assert.equal(err.upstreamStatus, graphStatus);
        assert.equal(err.upstreamCode, graphCode);
        assert.equal(err.requestId, "rid-1");
      });

    it("403 ErrorAccessDenied → the message says the app's mailbox scope excludes the mailbox", () => {
      const err = graphFailure(answer(403, "ErrorAccessDenied"), mailboxContext);

      assert.match(err.message, /ann@contoso\.com/);
      assert.match(err.message, /mailbox scope .* excludes it/);
    });

    it("Request_ResourceNotFound for a group → GROUP_NOT_FOUND", () => {
      const err = graphFailure(answer(404, "Request_ResourceNotFound"), {
        operation: "expand the group's members",
        subject: "group 1234",
      });

      assert.equal(err.code, "GROUP_NOT_FOUND");
      assert.match(err.message, /group 1234/);
    });

    it("429 with a fractional Retry-After → the seconds kept on the error", () => {
      const err = graphFailure(answer(429, "TooManyRequests", { "Retry-After": "2.128" }), mailboxContext);

      assert.equal(err.retryAfterSeconds, 2.128);
      assert.match(err.message, /2\.128 seconds/);
    });

    it("no request-id header → the one in Graph's error body", () => {
      const err = graphFailure({ ...answer(404, "ErrorItemNotFound"), headers: {} }, mailboxContext);

      assert.equal(err.requestId, "rid-body");
    });

    it("a 401 whose message quotes a token → the token redacted", () => {
      const jwt = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwcyJ9.c2lnbmF0dXJl";

      const err = graphFailure(
        answer(401, "InvalidAuthenticationToken", {}, `Bearer ${jwt} expired`),
        mailboxContext
      );

      assert.doesNotMatch(err.message, /eyJ/);
      assert.match(err.message, /\[redacted\]/);
    });
  });

  describe("graphTransportFailure", () => {
    it("the credential's AppError carried by the Graph client → that error itself", () => {
      const original = new UpstreamError(502, "UPSTREAM_AUTH", "refused", { service: "authority" });
      const carried = new GraphClientError("refused");
      carried.customError = original;

      assert.equal(graphTransportFailure(carried, mailboxContext), original);
    });

    it("a connection error → 502 UPSTREAM_UNAVAILABLE naming the cause", () => {
      const err = graphTransportFailure(
        Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } }),
        mailboxContext
      );

      assert.equal(err.status, 502);
      assert.equal(err.code, "UPSTREAM_UNAVAILABLE");
      assert.match(err.message, /ECONNRESET/);
    });
  });

  describe("from the gateway, against sim", () => {
    let s: RunningSim;
    let config: ApiConfig;
    let graph: GraphGateway;

    before(async () => {
      s = await startSim();
      config = simConfig(s);
      graph = createGraph(config, createAppCredential(config));
    });
    after(() => s?.close());

    it("pradeep.gupta (excluded by the app's access policy) → 403 MAILBOX_OUT_OF_SCOPE", async () => {
      const err = await failure(graph.findCopies("pradeep.gupta@contoso.com", demo.phishId));

      assert.equal(err.status, 403);
      assert.equal(err.code, "MAILBOX_OUT_OF_SCOPE");
      assert.match(err.message, /pradeep\.gupta@contoso\.com/);
      assert.ok(err.requestId);
    });

    it("contractor (a user without a mailbox) → 404 NO_MAILBOX", async () => {
      const err = await failure(graph.findCopies("contractor@contoso.com", demo.phishId));

      assert.equal(err.status, 404);
      assert.equal(err.code, "NO_MAILBOX");
    });

    it("an unknown mailbox → 404 MAILBOX_NOT_FOUND; an unknown user → the same", async () => {
      assert.equal(
        (await failure(graph.findCopies("nobody@contoso.com", demo.phishId))).code,
        "MAILBOX_NOT_FOUND"
      );
      assert.equal((await failure(graph.getUser("nobody@contoso.com"))).code, "MAILBOX_NOT_FOUND");
    });

    it("an unknown group → 404 GROUP_NOT_FOUND", async () => {
      const err = await failure(collect(graph.transitiveMembers("00000000-0000-4000-8000-000000000000")));

      assert.equal(err.code, "GROUP_NOT_FOUND");
    });

    it("a token Graph does not accept (issued for Exchange) → 502 UPSTREAM_AUTH", async () => {
      const exchangeToken = await s.appToken("https://outlook.office365.com");
      const wrongAudience: TokenCredential = {
        getToken: async () => ({ token: exchangeToken, expiresOnTimestamp: Date.now() + 3_600_000 }),
      };

      const err = await failure(createGraph(config, wrongAudience).listDomains());

      assert.equal(err.status, 502);
      assert.equal(err.code, "UPSTREAM_AUTH");
      assert.doesNotMatch(err.message, /eyJ/);
    });

    it("a wrong client secret → the credential's 502 UPSTREAM_AUTH, through the Graph client unchanged", async () => {
      const wrong = createAppCredential({ ...config, API_CLIENT_SECRET: "not-the-secret-at-all" });

      const err = await failure(createGraph(config, wrong).listDomains());

      assert.equal(err.code, "UPSTREAM_AUTH");
      assert.equal(err.service, "authority");
      assert.match(err.message, /AADSTS7000215/);
      assert.doesNotMatch(err.message, /not-the-secret-at-all/);
    });

    it("Graph not listening → 502 UPSTREAM_UNAVAILABLE", async () => {
      const closed = { ...config, GRAPH_BASE_URL: `https://localhost:${await closedPort()}/v1.0` };

      const err = await failure(createGraph(closed, createAppCredential(config)).listDomains());

      assert.equal(err.code, "UPSTREAM_UNAVAILABLE");
      assert.match(err.message, /ECONNREFUSED/);
    });
  });
});
