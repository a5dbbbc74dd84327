// `npm run token`: the CLI run as its own process against a sim started in this process (over HTTPS
// with the development CA, which the CLI trusts through lib/devCaAgent.ts).
import assert from "node:assert/strict";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { freePort } from "../../../lib/freePort.js";
import { runCli, tenantSettings, type CliRun } from "../../support/runCli.js";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

/** Runs the CLI as `npm run token` does; only SIM_PORT decides where the authority is. */
function runToken(args: string[], simPort: number): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, SIM_PORT: String(simPort) };
  for (const name of tenantSettings) delete env[name];
  return runCli("api/src/cli/token.ts", args, env);
}

const jwtLine = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/;

describe("token CLI", () => {
  let s: RunningSim;
  let port: number;
  let jwks: ReturnType<typeof createLocalJWKSet>;
  before(async () => {
    s = await startSim();
    port = Number(new URL(s.origin).port);
    jwks = createLocalJWKSet((await s.call(`/${demo.tenantId}/discovery/v2.0/keys`)).body as JSONWebKeySet);
  });
  after(() => s.close());

  it("token → admin@contoso.com → one JWT line for the API with the admin's upn and three roles", async () => {
    const run = await runToken(["admin@contoso.com"], port);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, jwtLine);
    const { payload } = await jwtVerify(run.stdout.trim(), jwks, {
      algorithms: ["RS256"],
      issuer: `${s.origin}/${demo.tenantId}/v2.0`,
      audience: demo.apiClientId,
    });
    assert.equal(payload.preferred_username, "admin@contoso.com");
    assert.deepEqual(payload.roles, ["Retract.Run", "Audit.Read", "Holds.Read"]);
    assert.equal(payload.scp, "access_as_user");
    assert.equal(payload.azp, demo.addinClientId);
    assert.equal(payload.oid, s.sim.tenant.user("admin@contoso.com")!.id);
  });

  it("token → --graph → an app-only token that Graph accepts (GET /v1.0/users → 200)", async () => {
    const run = await runToken(["--graph"], port);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, jwtLine);
    const users = await s.call("/v1.0/users", { token: run.stdout.trim() });
    assert.equal(users.status, 200, users.text);
  });

  it("token → --exchange → an app-only token for https://outlook.office365.com", async () => {
    const run = await runToken(["--exchange"], port);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, jwtLine);
    const { payload } = await jwtVerify(run.stdout.trim(), jwks, {
      algorithms: ["RS256"],
      issuer: `https://sts.windows.net/${demo.tenantId}/`,
      audience: "https://outlook.office365.com",
    });
    assert.deepEqual(payload.roles, ["Exchange.ManageAsApp"]);
    assert.equal(payload.appid, demo.apiClientId);
  });

  it("token → a user not in the tenant → non-zero exit and one line naming the user, no stack trace", async () => {
    const run = await runToken(["nobody@contoso.com"], port);
    assert.notEqual(run.code, 0);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    assert.match(run.stderr, /nobody@contoso\.com/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it("token → no argument → exit code 2 with the usage", async () => {
    const run = await runToken([], port);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /^Usage: npm run token -- <user principal name>/);
    assert.match(run.stderr, /--graph/);
  });

  it("token → an unknown option → exit code 2 naming it", async () => {
    const run = await runToken(["--graf"], port);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown option --graf/);
  });

  it("token → no sim on SIM_PORT → exit 1 and a message that the authority cannot be reached", async () => {
    const run = await runToken(["--graph"], await freePort());
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /cannot reach the authority/i);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
});
