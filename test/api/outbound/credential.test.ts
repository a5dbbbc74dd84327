// The API app's credential against sim's authority: a client secret and a certificate both yield tokens
// (through the outbound HTTP layer, trusting the development CA explicitly), and wrong credentials come
// back as clear errors that never show the secret.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TokenCredential } from "@azure/identity";
import { decodeJwt } from "jose";
import { generateCertificates } from "office-addin-dev-certs";
import { ConfigError } from "../../../lib/config.js";
import { createGraph } from "../../../api/src/graph/graphClient.js";
import { appAccessToken, createAppCredential } from "../../../api/src/outbound/credential.js";
import { UpstreamError } from "../../../api/src/outbound/upstreamError.js";
import { demo, demoFixtureJson, startSim, type RunningSim } from "../../support/simServer.js";
import { recordingFetch, simConfig } from "./support.js";

type Pem = { cert: string; key: string };

/** A certificate and key from office-addin-dev-certs' generator (each in its own folder, with its own CA). */
async function makeCertificate(dir: string, name: string): Promise<Pem> {
  const folder = join(dir, name);
  mkdirSync(folder);
  const [ca, cert, key] = ["ca.crt", "app.crt", "app.key"].map((file) => join(folder, file)) as [
    string,
    string,
    string,
  ];
  await generateCertificates(ca, cert, key, 2, ["localhost"]);
  return { cert: readFileSync(cert, "utf8"), key: readFileSync(key, "utf8") };
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

describe("outbound credential", () => {
  let dir: string;
  let registered: Pem;
  let unregistered: Pem;
  let s: RunningSim;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "api-credential-"));
    registered = await makeCertificate(dir, "registered");
    unregistered = await makeCertificate(dir, "unregistered");
    const fixture = demoFixtureJson() as { applications: Record<string, unknown>[] };
    fixture.applications[0] = { ...fixture.applications[0], certificates: [registered.cert] };
    s = await startSim({ fixture });
  });
  after(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pemFile = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("the demo client secret → an app-only Graph token from the configured authority, via the outbound fetch", async () => {
    const { fetch, log } = recordingFetch();
    const config = simConfig(s);

    const token = await appAccessToken(
      createAppCredential(config, { fetch }),
      config.GRAPH_SCOPE,
      "Microsoft Graph"
    );

    const claims = decodeJwt(token);
    assert.equal(claims.aud, "https://graph.microsoft.com");
    assert.equal(claims.tid, demo.tenantId);
    assert.equal(claims.appidacr, "1");
    assert.ok((claims.roles as string[]).includes("Mail.ReadWrite"));
    assert.ok(log.length >= 2, "discovery and token requests went through the outbound fetch");
    assert.ok(
      log.every((e) => e.url.startsWith(`${s.origin}/${demo.tenantId}/`)),
      JSON.stringify(log.map((e) => e.url))
    );
  });

  it("a registered certificate (PEM with its key) → a token signed for by the certificate, and Graph answers", async () => {
    const config = simConfig(s, {
      API_CLIENT_CERTIFICATE_PATH: pemFile("app.pem", `${registered.cert}\n${registered.key}`),
    });
    const credential = createAppCredential(config);

    const token = await appAccessToken(credential, config.GRAPH_SCOPE, "Microsoft Graph");
    const domains = await createGraph(config, credential).listDomains();

    assert.equal(decodeJwt(token).appidacr, "2", "client assertion signed with the certificate");
    assert.ok(domains.value.some((d) => d.id === "contoso.com"));
  });

  it("the same certificate for the Exchange scope → an Exchange token (one credential, two resources)", async () => {
    const config = simConfig(s, {
      API_CLIENT_CERTIFICATE_PATH: pemFile("app2.pem", `${registered.cert}\n${registered.key}`),
    });

    const token = await appAccessToken(
      createAppCredential(config),
      config.EXCHANGE_SCOPE,
      "the Exchange admin API"
    );

    assert.equal(decodeJwt(token).aud, "https://outlook.office365.com");
  });

  it("a wrong client secret → 502 UPSTREAM_AUTH quoting Entra's reason and naming the settings, never the secret", async () => {
    const config = simConfig(s, { API_CLIENT_SECRET: "wrong-secret-do-not-print" });

    const err = await failure(
      appAccessToken(createAppCredential(config), config.GRAPH_SCOPE, "Microsoft Graph")
    );

    assert.equal(err.status, 502);
    assert.equal(err.code, "UPSTREAM_AUTH");
    assert.equal(err.service, "authority");
    assert.match(err.message, /AADSTS7000215: Invalid client secret provided\./);
    assert.match(err.message, /API_CLIENT_SECRET/);
    assert.doesNotMatch(err.message, /wrong-secret-do-not-print/);
    assert.doesNotMatch(err.message, /Trace ID/);
  });

  it("a certificate not registered on the app → 502 UPSTREAM_AUTH (AADSTS700027)", async () => {
    const config = simConfig(s, {
      API_CLIENT_CERTIFICATE_PATH: pemFile("other.pem", `${unregistered.cert}\n${unregistered.key}`),
    });

    const err = await failure(
      appAccessToken(createAppCredential(config), config.GRAPH_SCOPE, "Microsoft Graph")
    );

    assert.equal(err.code, "UPSTREAM_AUTH");
    assert.match(err.message, /AADSTS700027/);
  });

  it("a tenant the authority does not know → 502 UPSTREAM_UNAVAILABLE pointing at AUTHORITY_HOST and TENANT_ID", async () => {
    const config = simConfig(s, { TENANT_ID: "00000000-0000-4000-8000-000000000000" });

    const err = await failure(
      appAccessToken(createAppCredential(config), config.GRAPH_SCOPE, "Microsoft Graph")
    );

    assert.equal(err.code, "UPSTREAM_UNAVAILABLE");
    assert.match(err.message, /AUTHORITY_HOST and TENANT_ID/);
  });

  it("a certificate file without its key, or no file → ConfigError naming API_CLIENT_CERTIFICATE_PATH at creation", () => {
    const certOnly = simConfig(s, { API_CLIENT_CERTIFICATE_PATH: pemFile("cert-only.pem", registered.cert) });
    const missing = simConfig(s, { API_CLIENT_CERTIFICATE_PATH: join(dir, "absent.pem") });

    assert.throws(
      () => createAppCredential(certOnly),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /API_CLIENT_CERTIFICATE_PATH: the file holds no PEM private key/);
        return true;
      }
    );
    assert.throws(() => createAppCredential(missing), /API_CLIENT_CERTIFICATE_PATH: the file does not exist/);
  });

  it("a credential that returns nothing → UPSTREAM_UNAVAILABLE rather than a request without a token", async () => {
    const empty: TokenCredential = { getToken: async () => null };

    const err = await failure(
      appAccessToken(empty, "https://graph.microsoft.com/.default", "Microsoft Graph")
    );

    assert.equal(err.code, "UPSTREAM_UNAVAILABLE");
  });
});
