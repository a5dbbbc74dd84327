// Conformance of sim's Graph errors: a request-id on every response, Graph's error body shape, token
// validation (missing, foreign signature, expired, wrong audience), mailbox access (out of the app's
// scope, no mailbox, unknown user), missing permissions, and malformed or unknown OData options.
import assert from "node:assert/strict";
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { demo, demoFixtureJson, startSim, type Reply, type RunningSim } from "../../support/simServer.js";

type ErrorBody = { error: { code: string; message: string; innerError: Record<string, unknown> } };

const noPermissionsApp = {
  id: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
  secret: "no-graph-permissions-secret",
};

function fixtureWithUnprivilegedApp(): Record<string, unknown> {
  const fixture = demoFixtureJson();
  (fixture.applications as unknown[]).push({
    appId: noPermissionsApp.id,
    displayName: "App without Graph permissions",
    secrets: [noPermissionsApp.secret],
  });
  return fixture;
}

/** Asserts Graph's error shape, with innerError's request-id equal to the response header. */
function assertGraphError(reply: Reply, status: number, code: string): ErrorBody["error"] {
  assert.equal(reply.status, status, reply.text);
  const { error } = reply.body as ErrorBody;
  assert.equal(error.code, code, reply.text);
  assert.equal(typeof error.message, "string");
  assert.ok(error.message.length > 0, "a message");
  assert.equal(error.innerError["request-id"], reply.headers["request-id"]);
  assert.match(String(error.innerError.date), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  return error;
}

describe("sim Graph: errors", () => {
  let s: RunningSim;
  let token: string;
  const get = (path: string, bearer = token): Promise<Reply> => s.call(`/v1.0${path}`, { token: bearer });
  const anonymous = (path: string): Promise<Reply> => s.call(`/v1.0${path}`);
  const messages = "/users/adele.vance@contoso.com/messages";

  before(async () => {
    s = await startSim({ fixture: fixtureWithUnprivilegedApp() });
    token = await s.appToken();
  });
  after(() => s.close());

  it("every response, success or error → a request-id header, different each time", async () => {
    const replies = await Promise.all([
      get("/domains"),
      get(`${messages}?$top=0`),
      get("/users/nobody@contoso.com"),
      anonymous("/domains"),
      s.call("/v1.0/$batch", { token, method: "POST", body: { requests: [] } }),
    ]);

    assert.deepEqual(
      replies.map((r) => r.status),
      [200, 400, 404, 401, 400]
    );
    const ids = replies.map((r) => String(r.headers["request-id"]));
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(new Set(ids).size, ids.length);
  });

  it("a client-request-id sent by the client → echoed in the response", async () => {
    const reply = await s.call("/v1.0/domains", {
      token,
      headers: { "client-request-id": "7f9c0f6e-5b0e-4b3c-9a1d-2c3b4a5d6e7f" },
    });

    assert.equal(reply.headers["client-request-id"], "7f9c0f6e-5b0e-4b3c-9a1d-2c3b4a5d6e7f");
  });

  it("an error → error.code, error.message, innerError.request-id (= the header) and innerError.date", async () => {
    const reply = await get("/users/nobody@contoso.com");

    assertGraphError(reply, 404, "Request_ResourceNotFound");
  });

  it("no token → 401 InvalidAuthenticationToken with WWW-Authenticate", async () => {
    const reply = await anonymous(messages);

    const error = assertGraphError(reply, 401, "InvalidAuthenticationToken");
    assert.match(error.message, /empty/i);
    assert.match(String(reply.headers["www-authenticate"]), /^Bearer /);
  });

  it("a token with the same claims signed by a different key → 401 InvalidAuthenticationToken", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(decodeJwt(token))
      .setProtectedHeader(decodeProtectedHeader(token) as { alg: string })
      .sign(privateKey);
    assert.deepEqual(decodeJwt(forged), decodeJwt(token), "same claims, same kid");

    const reply = await get(messages, forged);

    const error = assertGraphError(reply, 401, "InvalidAuthenticationToken");
    assert.match(error.message, /signature/i);
  });

  it("an Exchange admin API token used at Graph → 401 (wrong audience)", async () => {
    const exchangeToken = await s.appToken("https://outlook.office365.com");

    const reply = await get(messages, exchangeToken);

    const error = assertGraphError(reply, 401, "InvalidAuthenticationToken");
    assert.match(error.message, /audience/i);
  });

  it("a Graph token used at the Exchange admin API → 401 (wrong audience)", async () => {
    const reply = await s.call(`/adminapi/beta/${demo.tenantId}/InvokeCommand`, {
      token,
      method: "POST",
      body: { CmdletInput: { CmdletName: "Get-OrganizationConfig", Parameters: {} } },
    });

    assert.equal(reply.status, 401, reply.text);
    assert.match(reply.text, /audience/i);
  });

  it("a mailbox outside the app's scope (DenyAccess policy) → 403 ErrorAccessDenied", async () => {
    const reply = await get("/users/pradeep.gupta@contoso.com/messages");

    const error = assertGraphError(reply, 403, "ErrorAccessDenied");
    assert.equal(error.message, "Access to OData is disabled.");
  });

  it("the same out-of-scope user in the directory → 200 (the policy limits mailboxes only)", async () => {
    const reply = await get("/users/pradeep.gupta@contoso.com");

    assert.equal(reply.status, 200);
  });

  it("a user without a mailbox → 404 MailboxNotEnabledForRESTAPI", async () => {
    const reply = await get("/users/contractor@contoso.com/messages");

    assertGraphError(reply, 404, "MailboxNotEnabledForRESTAPI");
  });

  it("an unknown mailbox user → 404 ErrorInvalidUser", async () => {
    const reply = await get("/users/nobody@contoso.com/messages");

    assertGraphError(reply, 404, "ErrorInvalidUser");
  });

  it("an app without Graph permissions → 403 on mail (ErrorAccessDenied) and on the directory (Authorization_RequestDenied)", async () => {
    const unprivileged = await s.appToken("https://graph.microsoft.com", noPermissionsApp);
    assert.equal(decodeJwt(unprivileged).roles, undefined, "the token carries no roles");

    const mail = await get(messages, unprivileged);
    const users = await get("/users", unprivileged);

    assertGraphError(mail, 403, "ErrorAccessDenied");
    assertGraphError(users, 403, "Authorization_RequestDenied");
  });

  it("a malformed $filter (unterminated literal) → 400 BadRequest", async () => {
    const reply = await get(
      `${messages}?$filter=${encodeURIComponent("internetMessageId eq 'unterminated")}`
    );

    assertGraphError(reply, 400, "BadRequest");
  });

  it("an unknown property in $filter → 400", async () => {
    const reply = await get(`${messages}?$filter=${encodeURIComponent("colour eq 'red'")}`);

    assertGraphError(reply, 400, "BadRequest");
  });

  it("an unknown property in $select → 400", async () => {
    const reply = await get(`${messages}?$select=subject,colour`);

    const error = assertGraphError(reply, 400, "BadRequest");
    assert.match(error.message, /colour/);
  });

  it("an unknown $-query option → 400", async () => {
    const reply = await get(`${messages}?$frobnicate=1`);

    assertGraphError(reply, 400, "BadRequest");
  });

  it("a message id that is not an id → 400 ErrorInvalidIdMalformed; a well-formed unknown id → 404 ErrorItemNotFound", async () => {
    const malformed = await get(`${messages}/not-an-id`);
    const unknown = await get(`${messages}/${encodeURIComponent("AAMkAGI2" + "A".repeat(44) + "==")}`);

    assertGraphError(malformed, 400, "ErrorInvalidIdMalformed");
    assertGraphError(unknown, 404, "ErrorItemNotFound");
  });

  it("an unknown segment → 400 BadRequest naming it", async () => {
    const reply = await get("/users/adele.vance@contoso.com/calendars");

    const error = assertGraphError(reply, 400, "BadRequest");
    assert.match(error.message, /calendars/);
  });
});

describe("sim Graph: token lifetime", () => {
  let s: RunningSim;
  /** Added to the real time on sim's clock, to age tokens without waiting; it only ever grows. */
  let clockOffsetMs = 0;
  /** Moves sim's clock to `seconds` since the epoch (forward only, like time). */
  const setClock = (seconds: number) => {
    const offset = seconds * 1000 - Date.now();
    assert.ok(offset >= clockOffsetMs, "sim's clock only moves forward");
    clockOffsetMs = offset;
  };

  before(async () => (s = await startSim({ clock: () => Date.now() + clockOffsetMs })));
  after(() => s.close());

  it("a token a minute before its expiry on sim's clock → accepted (the expiry test is not vacuous)", async () => {
    const issued = await s.appToken();
    setClock(decodeJwt(issued).exp! - 60);

    const reply = await s.call("/v1.0/domains", { token: issued });

    assert.equal(reply.status, 200);
  });

  it("an expired token, accepted while it was valid → 401 InvalidAuthenticationToken saying it is expired", async () => {
    const issued = await s.appToken();
    assert.equal(
      (await s.call("/v1.0/users/adele.vance@contoso.com/messages", { token: issued })).status,
      200
    );
    setClock(decodeJwt(issued).exp! + 600); // past expiry and the 5-minute clock skew

    const reply = await s.call("/v1.0/users/adele.vance@contoso.com/messages", { token: issued });

    const error = assertGraphError(reply, 401, "InvalidAuthenticationToken");
    assert.match(error.message, /expired/i);
  });
});
