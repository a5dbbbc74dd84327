// The outbound HTTP layer: its trust (Node's root certificates alone refuse sim's development certificate,
// the development CA added makes the same request succeed, certificate checks are never off) and the
// answers it gives (headers in any case, bodies received whole, redirects not followed, errors naming the host).
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { rootCertificates } from "node:tls";
import {
  createOutboundDispatcher,
  createOutboundFetch,
  extraCaFiles,
  trustedCertificates,
} from "../../../api/src/outbound/outboundHttp.js";
import { createIdentityHttpClient } from "../../../api/src/outbound/identityHttpClient.js";
import { devCertPaths } from "../../../lib/devCerts.js";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

describe("outboundHttp", () => {
  let s: RunningSim;

  before(async () => {
    s = await startSim();
  });
  after(() => s?.close());

  it("only Node's root certificates → sim's certificate refused", async () => {
    const dispatcher = createOutboundDispatcher([]);

    const err = await createOutboundFetch(dispatcher)(`${s.origin}/`).then(
      () => assert.fail("expected a certificate error"),
      (e: unknown) => e as { cause?: { code?: string } }
    );

    assert.match(err.cause?.code ?? "", /CERT|SIGNATURE|ISSUER/);
    await dispatcher.close();
  });

  it("the development CA added → the same request answered", async () => {
    const dispatcher = createOutboundDispatcher([devCertPaths().caCert]);

    const response = await createOutboundFetch(dispatcher)(`${s.origin}/`, {
      headers: { accept: "application/json" },
    });

    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { tenant: { id: string } }).tenant.id, demo.tenantId);
    await dispatcher.close();
  });

  it("the default fetch (shared Agent) → trusts the development CA without NODE_EXTRA_CA_CERTS", async () => {
    const response = await createOutboundFetch()(`${s.origin}/`, { headers: { accept: "application/json" } });

    assert.equal(response.status, 200);
    await response.arrayBuffer();
  });

  it("extra CA files → NODE_EXTRA_CA_CERTS and the development CA when they exist, missing files skipped", () => {
    assert.deepEqual(extraCaFiles({ NODE_EXTRA_CA_CERTS: "/nonexistent/ca.pem" }), [devCertPaths().caCert]);
    assert.deepEqual(extraCaFiles({ NODE_EXTRA_CA_CERTS: devCertPaths().caCert }), [
      devCertPaths().caCert,
      devCertPaths().caCert,
    ]);
    assert.equal(trustedCertificates([devCertPaths().caCert]).length, rootCertificates.length + 1);
  });

  describe("the answer", () => {
    let plain: Server;
    let origin: string;
    before(async () => {
      plain = createServer((req, res) => {
        if (req.url === "/moved") {
          res.writeHead(302, { location: "/elsewhere" }).end();
          return;
        }
        res.setHeader("Set-Cookie", ["a=1", "b=2"]);
        res.writeHead(200, { "Content-Type": "application/json", "Request-Id": "r-1" });
        res.end(JSON.stringify({ method: req.method, seen: req.headers["x-probe"] }));
      });
      await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
      origin = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    });
    after(() => plain?.close());

    it("a request → status, headers by name in any case (repeated ones joined), the body as text or JSON", async () => {
      const response = await createOutboundFetch()(`${origin}/x`, {
        method: "POST",
        headers: { "x-probe": "yes" },
        body: "{}",
      });

      assert.equal(response.status, 200);
      assert.equal(response.ok, true);
      assert.equal(response.headers.get("request-id"), "r-1");
      assert.equal(response.headers.get("REQUEST-ID"), "r-1");
      assert.equal(response.headers.get("set-cookie"), "a=1, b=2");
      assert.equal(response.headers.has("retry-after"), false);
      assert.equal(response.headers.get("retry-after"), null);
      assert.deepEqual(await response.json(), { method: "POST", seen: "yes" });
      assert.equal(await response.text(), '{"method":"POST","seen":"yes"}');
    });

    it("a redirect → answered as it is, not followed", async () => {
      const response = await createOutboundFetch()(`${origin}/moved`);

      assert.equal(response.status, 302);
      assert.equal(response.ok, false);
      assert.equal(response.headers.get("location"), "/elsewhere");
    });

    it("nothing listening → an Error naming the host, with the network's code as its cause", async () => {
      const err = await createOutboundFetch()("http://127.0.0.1:9/x").then(
        () => assert.fail("expected a failure"),
        (e: unknown) => e as Error & { cause?: { code?: string } }
      );

      assert.match(err.message, /127\.0\.0\.1:9/);
      assert.equal(err.cause?.code, "ECONNREFUSED");
    });
  });

  describe("identity HttpClient", () => {
    type Client = ReturnType<typeof createIdentityHttpClient>;
    type Request = Parameters<Client["sendRequest"]>[0];

    const headers = (values: Record<string, string>): Request["headers"] => {
      const map = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
      return {
        get: (n) => map.get(n.toLowerCase()),
        has: (n) => map.has(n.toLowerCase()),
        set: (n, v) => void map.set(n.toLowerCase(), String(v)),
        delete: (n) => void map.delete(n.toLowerCase()),
        toJSON: () => Object.fromEntries(map),
        [Symbol.iterator]: () => map.entries(),
      };
    };
    const request = (url: string, extra: Partial<Request> = {}): Request => ({
      url,
      method: "GET",
      headers: headers({ accept: "application/json" }),
      timeout: 0,
      withCredentials: false,
      requestId: "r1",
      ...extra,
    });

    it("a GET → status, case-insensitive headers and the body as text", async () => {
      const client = createIdentityHttpClient(createOutboundFetch());

      const response = await client.sendRequest(
        request(`${s.origin}/${demo.tenantId}/v2.0/.well-known/openid-configuration`)
      );

      assert.equal(response.status, 200);
      assert.match(response.headers.get("Content-Type") ?? "", /json/);
      assert.equal(
        (JSON.parse(response.bodyAsText!) as { issuer: string }).issuer,
        `${s.origin}/${demo.tenantId}/v2.0`
      );
    });

    it("a form POST → sent as given (Entra's error for a bad client comes back as a response)", async () => {
      const client = createIdentityHttpClient(createOutboundFetch());

      const response = await client.sendRequest(
        request(`${s.origin}/${demo.tenantId}/oauth2/v2.0/token`, {
          method: "POST",
          headers: headers({ "content-type": "application/x-www-form-urlencoded" }),
          body: new URLSearchParams({
            grant_type: "client_credentials",
            client_id: demo.apiClientId,
            client_secret: "x",
            scope: "https://graph.microsoft.com/.default",
          }).toString(),
        })
      );

      assert.equal(response.status, 401);
      assert.equal((JSON.parse(response.bodyAsText!) as { error: string }).error, "invalid_client");
    });

    it("nothing listening → a RestError-named failure naming the host", async () => {
      const client = createIdentityHttpClient(createOutboundFetch(createOutboundDispatcher([])));

      const err = await client.sendRequest(request("https://localhost:9/x")).then(
        () => assert.fail("expected a failure"),
        (e: unknown) => e as Error
      );

      assert.equal(err.name, "RestError");
      assert.match(err.message, /localhost:9/);
    });
  });
});
