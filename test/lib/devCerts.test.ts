import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devCertPaths, ensureDevCerts } from "../../lib/devCerts.js";

describe("ensureDevCerts", () => {
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(join(tmpdir(), "certs-"))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it("no certificates yet → a localhost certificate signed by the new CA", async () => {
    const paths = await ensureDevCerts(devCertPaths(join(scratch, "certs")));
    const ca = new X509Certificate(readFileSync(paths.caCert));
    const cert = new X509Certificate(readFileSync(paths.cert));
    assert.ok(cert.verify(ca.publicKey), "signed by the CA");
    assert.ok(cert.checkHost("localhost"));
    assert.ok(cert.checkIP("127.0.0.1"));
  });

  it("valid certificates → kept as they are", async () => {
    const paths = await ensureDevCerts(devCertPaths(join(scratch, "certs")));
    const before = statSync(paths.cert).mtimeMs;
    await ensureDevCerts(paths);
    assert.equal(statSync(paths.cert).mtimeMs, before);
  });

  it("certificate about to expire → renewed", async () => {
    const paths = await ensureDevCerts(devCertPaths(join(scratch, "certs")));
    const first = readFileSync(paths.cert, "utf8");
    const validTo = new Date(new X509Certificate(first).validTo);
    const dayBeforeExpiry = new Date(validTo.getTime() - 24 * 60 * 60 * 1000);
    await ensureDevCerts(paths, dayBeforeExpiry);
    assert.notEqual(readFileSync(paths.cert, "utf8"), first);
  });
});
