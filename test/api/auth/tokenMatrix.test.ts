// The bad-token matrix against GET /api/me on the real API and sim's authority: each case takes a good
// token's claims and changes one thing (signed again with sim's own key when only a claim differs, so
// the claim check is what refuses it), or forges the signature, header or scheme. Every one must be a
// 401 with a stable code, a WWW-Authenticate challenge, no stack and no echo of the token; positive
// controls show the same machinery accepts good tokens, including ones inside the 60 s clock skew.
// The cases are defined in bench/proof/badTokens.ts, shared with the token-matrix proof.
import assert from "node:assert/strict";
import {
  authorityOf,
  b64,
  badTokenCases as cases,
  nowSeconds,
  simSigned,
  tokenContext,
  type TokenContext,
} from "../../../bench/proof/badTokens.js";
import { startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

type Reply = {
  status: number;
  headers: Headers;
  text: string;
  body: { error?: { code?: string; message?: string } };
};

/** GET /api/me with these Authorization header values (none, one, or several). */
async function getMe(api: RunningApi, ...authorization: string[]): Promise<Reply> {
  const headers = new Headers();
  for (const value of authorization) headers.append("authorization", value);
  const response = await fetch(`${api.base}/api/me`, { headers });
  const text = await response.text();
  let body: Reply["body"] = {};
  try {
    body = JSON.parse(text) as Reply["body"];
  } catch {
    // not JSON: the assertions below report the status and text
  }
  return { status: response.status, headers: response.headers, text, body };
}

describe("GET /api/me → bad-token matrix (real API, sim's authority)", () => {
  let sim: RunningSim;
  let api: RunningApi;
  let context: TokenContext;
  const built = new Map<string, string[]>();

  before(async () => {
    sim = await startSim();
    api = await startApi(sim);
    context = await tokenContext(authorityOf(sim), await userToken(sim, "admin@contoso.com"));
    for (const c of cases) built.set(c.name, await c.build(context));
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });

  it("the matrix → at least 30 distinct bad requests", () => {
    assert.ok(cases.length >= 30, `${cases.length} cases`);
    const distinct = new Set(cases.map((c) => built.get(c.name)!.join("\n")));
    assert.equal(distinct.size, cases.length, "two cases send the same headers");
  });

  describe("positive controls", () => {
    it("the good token → 200 with the user's roles", async () => {
      const reply = await getMe(api, `Bearer ${context.good}`);
      assert.equal(reply.status, 200, reply.text);
      const me = reply.body as unknown as { roles: string[]; userPrincipalName: string };
      assert.equal(me.userPrincipalName, "admin@contoso.com");
      assert.deepEqual([...me.roles].sort(), ["Audit.Read", "Holds.Read", "Retract.Run"]);
    });

    it("the good claims signed again by sim's key → 200 (the variations differ only where changed)", async () => {
      const reply = await getMe(api, ...(await simSigned(context, {})));
      assert.equal(reply.status, 200, reply.text);
    });

    it("exp 30 s ago (inside the 60 s skew) → 200", async () => {
      const now = nowSeconds();
      const reply = await getMe(
        api,
        ...(await simSigned(context, { exp: now - 30, iat: now - 3630, nbf: now - 3630 }))
      );
      assert.equal(reply.status, 200, reply.text);
    });

    it("nbf 30 s ahead (inside the 60 s skew) → 200", async () => {
      const reply = await getMe(api, ...(await simSigned(context, { nbf: nowSeconds() + 30 })));
      assert.equal(reply.status, 200, reply.text);
    });

    it("aud api://<API client id> (the App ID URI) → 200", async () => {
      const reply = await getMe(api, ...(await simSigned(context, { aud: `api://${demo.apiClientId}` })));
      assert.equal(reply.status, 200, reply.text);
    });
  });

  describe("bad tokens", () => {
    for (const c of cases) {
      it(`${c.name} → 401 ${c.code}${c.reason ? ` (${c.reason.source})` : ""}`, async () => {
        const headers = built.get(c.name)!;
        const reply = await getMe(api, ...headers);
        assert.equal(reply.status, 401, `${reply.status}: ${reply.text}`);
        assert.equal(reply.body.error?.code, c.code, reply.text);
        if (c.reason) assert.match(reply.body.error?.message ?? "", c.reason);
        assert.match(reply.headers.get("www-authenticate") ?? "", /^Bearer\b/);
        assert.doesNotMatch(reply.text, /\bat .+:\d+:\d+|node_modules|\.ts\b/, "no stack trace");
        for (const value of headers) {
          const token = value.replace(/^\w+ /, "");
          if (token.length > 20) assert.ok(!reply.text.includes(token), "the token is not echoed");
        }
      });
    }
  });

  it("a 100 KB token → 431 from Node's header limit (16 KB), never 5xx or 2xx", async () => {
    const huge = `${b64({ alg: "RS256", kid: context.kid })}.${"A".repeat(100 * 1024)}.sig`;
    const reply = await getMe(api, `Bearer ${huge}`);
    assert.equal(reply.status, 431, reply.text);
  });
});
