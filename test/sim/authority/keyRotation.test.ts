// Conformance of sim's authority with Entra ID's signing-key rollover: a new key signs while the
// previous ones stay published (tokens already issued keep verifying), and a retired key stops
// verifying anywhere, Graph included.
import assert from "node:assert/strict";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

const v1Issuer = `https://sts.windows.net/${demo.tenantId}/`;

describe("sim authority: signing key rotation", () => {
  let s: RunningSim;
  before(async () => (s = await startSim()));
  after(() => s.close());

  const jwks = async () => (await s.call(`/${demo.tenantId}/discovery/v2.0/keys`)).body as JSONWebKeySet;
  const kidOf = (token: string) => decodeProtectedHeader(token).kid!;
  const rotate = async () => {
    const reply = await s.call("/_sim/keys/rotate", { method: "POST" });
    assert.equal(reply.status, 200, reply.text);
    return (reply.body as { signingKid: string }).signingKid;
  };
  const retire = (kid: string) => s.call("/_sim/keys/retire", { method: "POST", body: { kid } });
  const verifies = async (token: string, keys: JSONWebKeySet) =>
    jwtVerify(token, createLocalJWKSet(keys), {
      algorithms: ["RS256"],
      issuer: v1Issuer,
      audience: "https://graph.microsoft.com",
    });

  it("rotate → a token signed before → still verifies with the JWKS published after (both kids listed)", async () => {
    const before = await s.appToken();
    const oldKid = kidOf(before);
    const newKid = await rotate();
    assert.notEqual(newKid, oldKid);
    const keys = await jwks();
    const kids = keys.keys.map((k) => k.kid);
    assert.ok(kids.includes(oldKid), "the previous key stays published");
    assert.ok(kids.includes(newKid), "the new key is published");
    const { protectedHeader } = await verifies(before, keys);
    assert.equal(protectedHeader.kid, oldKid);
  });

  it("rotate → a token issued after → carries the new kid and verifies", async () => {
    const newKid = await rotate();
    const after = await s.appToken();
    assert.equal(kidOf(after), newKid);
    await verifies(after, await jwks());
  });

  it("rotate → tokens of both keys → accepted by Graph (GET /v1.0/users)", async () => {
    const before = await s.appToken();
    await rotate();
    const after = await s.appToken();
    assert.equal((await s.call("/v1.0/users", { token: before })).status, 200);
    assert.equal((await s.call("/v1.0/users", { token: after })).status, 200);
  });

  it("retire the previous kid → the old token, accepted before, is refused by Graph with 401 while the new one works", async () => {
    const before = await s.appToken();
    const oldKid = kidOf(before);
    await rotate();
    assert.equal((await s.call("/v1.0/users", { token: before })).status, 200);
    const after = await s.appToken();
    const retired = await retire(oldKid);
    assert.equal(retired.status, 200, retired.text);
    assert.ok(!(await jwks()).keys.some((k) => k.kid === oldKid), "no longer published");
    await assert.rejects(verifies(before, await jwks()), { code: "ERR_JWKS_NO_MATCHING_KEY" });
    const refused = await s.call("/v1.0/users", { token: before });
    assert.equal(refused.status, 401);
    assert.equal((refused.body as { error: { code: string } }).error.code, "InvalidAuthenticationToken");
    assert.match(String(refused.headers["www-authenticate"]), /^Bearer /);
    assert.equal((await s.call("/v1.0/users", { token: after })).status, 200);
  });

  it("retire the previous kid → the old token is refused by the Exchange admin API with 401 too", async () => {
    const invoke = (token: string) =>
      s.call(`/adminapi/beta/${demo.tenantId}/InvokeCommand`, {
        token,
        body: { CmdletInput: { CmdletName: "Get-Mailbox", Parameters: { Identity: "admin@contoso.com" } } },
      });
    const before = await s.appToken("https://outlook.office365.com");
    await rotate();
    const after = await s.appToken("https://outlook.office365.com");
    assert.equal((await retire(kidOf(before))).status, 200);
    assert.equal((await invoke(before)).status, 401);
    assert.equal((await invoke(after)).status, 200);
  });

  it("retire → the signing key → 400 and the key stays published", async () => {
    const signing = s.sim.keys.signingKid;
    const reply = await retire(signing);
    assert.equal(reply.status, 400);
    assert.ok((await jwks()).keys.some((k) => k.kid === signing));
    await verifies(await s.appToken(), await jwks());
  });

  it("retire → a kid that is not published → 400", async () => {
    assert.equal((await retire("no-such-kid")).status, 400);
    assert.equal((await s.call("/_sim/keys/retire", { method: "POST", body: {} })).status, 400);
  });
});
