// The app's tokens kept in memory: the same token until its refresh time (or five minutes before it
// expires), one sign-in for concurrent requests, a failed sign-in not kept, and claims challenges and
// other tenants always asked of the credential itself.
import assert from "node:assert/strict";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { keepTokens, refreshBeforeExpiryMs } from "../../../api/src/outbound/tokenCache.js";

const minute = 60_000;

/** A credential that counts its sign-ins and issues token-1, token-2, ... valid for an hour from `now`. */
function countingCredential(
  now: () => number,
  options: { fail?: () => boolean; refreshAfter?: number } = {}
) {
  const asked: string[] = [];
  const credential: TokenCredential = {
    getToken: async (scopes) => {
      const number = asked.push([scopes].flat().join(" "));
      await Promise.resolve();
      if (options.fail?.()) throw new Error("AADSTS7000215: Invalid client secret provided.");
      const token: AccessToken = {
        token: `token-${number}`,
        expiresOnTimestamp: now() + 60 * minute,
        tokenType: "Bearer",
        ...(options.refreshAfter ? { refreshAfterTimestamp: now() + options.refreshAfter } : {}),
      };
      return token;
    },
  };
  return { credential, asked };
}

describe("outbound: keepTokens", () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => (clock = 1_000_000));

  it("asked again within the hour → the same token; five minutes before it expires → a new one", async () => {
    const { credential, asked } = countingCredential(now);
    const kept = keepTokens(credential, now);
    assert.equal((await kept.getToken("graph/.default"))?.token, "token-1");
    clock += 55 * minute - 1;
    assert.equal((await kept.getToken("graph/.default"))?.token, "token-1");
    clock += 1;
    assert.equal((await kept.getToken("graph/.default"))?.token, "token-2");
    assert.equal(asked.length, 2);
    assert.equal(refreshBeforeExpiryMs, 5 * minute);
  });

  it("the authority's refresh time, when given → a new token from then", async () => {
    const { credential } = countingCredential(now, { refreshAfter: 30 * minute });
    const kept = keepTokens(credential, now);
    await kept.getToken("graph/.default");
    clock += 30 * minute;
    assert.equal((await kept.getToken("graph/.default"))?.token, "token-2");
  });

  it("100 concurrent requests → one sign-in; each scope its own token", async () => {
    const { credential, asked } = countingCredential(now);
    const kept = keepTokens(credential, now);
    const tokens = await Promise.all(
      Array.from({ length: 100 }, (_, i) => kept.getToken(i % 2 ? "graph/.default" : "exchange/.default"))
    );
    assert.deepEqual(asked.sort(), ["exchange/.default", "graph/.default"]);
    assert.equal(new Set(tokens.map((t) => t?.token)).size, 2);
  });

  it("a failed sign-in → its error to every waiting caller, nothing kept; the next request signs in again", async () => {
    let failing = true;
    const { credential, asked } = countingCredential(now, { fail: () => failing });
    const kept = keepTokens(credential, now);
    const both = await Promise.allSettled([kept.getToken("graph/.default"), kept.getToken("graph/.default")]);
    assert.deepEqual(
      both.map((r) => r.status === "rejected" && (r.reason as Error).message),
      ["AADSTS7000215: Invalid client secret provided.", "AADSTS7000215: Invalid client secret provided."]
    );
    failing = false;
    assert.equal((await kept.getToken("graph/.default"))?.token, "token-2");
    assert.equal(asked.length, 2);
  });

  it("a claims challenge or another tenant → always asked of the credential", async () => {
    const { credential, asked } = countingCredential(now);
    const kept = keepTokens(credential, now);
    await kept.getToken("graph/.default");
    await kept.getToken("graph/.default", { claims: '{"access_token":{"nbf":{"essential":true}}}' });
    await kept.getToken("graph/.default", { tenantId: "another-tenant" });
    assert.equal(asked.length, 3);
    assert.equal((await kept.getToken("graph/.default"))?.token, "token-1");
  });
});
